// `nnplay train --link '<the page's URL hash>'`: what the page would train, built by the
// core's link parser (core/link_settings.h), never by a copy of its rules.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include "arch.h"
#include "dataset.h"
#include "init.h"
#include "loss.h"
#include "trainer.h"

namespace nn {

struct LinkRun {
    Dataset data;
    std::string dataset_name;
    Architecture arch;
    Loss loss = Loss::half_mse;
    std::string init_name;
    Init init = Init::playground_uniform;
    uint64_t seed = 1;
    std::string tf_seed;  // tfMode: TF Playground's weights (tf_playground_init), see PageNetwork
    uint64_t tf_skip = 0;
    TrainOptions train;
};

// Throws nn::Error listing every problem in the link: a link the page would open with a
// message (a bad value kept from the defaults, an unknown key) is refused here, because the
// run would not be the page's.
LinkRun link_run(std::string_view hash);

// The flags that a link replaces (they would contradict it).
const std::vector<std::string>& link_replaces_flags();

}  // namespace nn
