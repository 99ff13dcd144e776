// libFuzzer target for the CLI's argument and file handling (issue 12): the input is an
// argv-like token list for nnplay_main() (core/cli/nnplay.cpp) and, optionally, a file:
//   token\ntoken\n...[\n\n<file bytes>]
// A token "@file" becomes the path of a file holding <file bytes>, "@dir" a folder, "@none"
// a path that does not exist. nnplay_main runs in dry-run mode (cli_io.h): it checks flags,
// reads and parses files, builds the network and stops before training or writing. It must
// return an exit code from the table (0-5) and never crash, abort or leak; code 5 (an
// internal error or std::bad_alloc) is a finding too, since it means a check is missing.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli_io.h"

namespace {
std::string g_dir;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    char tmpl[] = "/tmp/nnplay-fuzz-cli-XXXXXX";
    if (!mkdtemp(tmpl)) std::abort();
    g_dir = tmpl;
    nn::cli::g_dry_run = true;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string in(reinterpret_cast<const char*>(data), size);
    std::string file;
    size_t split = in.find("\n\n");
    if (split != std::string::npos) {
        file = in.substr(split + 2);
        in.resize(split);
    }
    std::vector<std::string> tokens{"nnplay"};
    size_t start = 0;
    while (start <= in.size() && tokens.size() < 64) {
        size_t end = in.find('\n', start);
        if (end == std::string::npos) end = in.size();
        std::string t = in.substr(start, end - start);
        if (t == "@file") t = g_dir + "/input";
        else if (t == "@dir") t = g_dir;
        else if (t == "@none") t = g_dir + "/missing/none";
        tokens.push_back(t);
        start = end + 1;
    }
    if (FILE* f = std::fopen((g_dir + "/input").c_str(), "wb")) {
        std::fwrite(file.data(), 1, file.size(), f);
        std::fclose(f);
    }
    std::vector<char*> argv;
    for (std::string& t : tokens) argv.push_back(t.data());
    argv.push_back(nullptr);
    int rc = nn::cli::nnplay_main(int(tokens.size()), argv.data());
    if (rc < 0 || rc > 4) {
        std::fprintf(stderr, "fuzz_cli: exit code %d\n", rc);
        std::abort();
    }
    return 0;
}
