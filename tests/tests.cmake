# Catch2 v2 (Debian 2.13). One main TU compiled once (it is the slow one to build),
# the same test sources natively and under emscripten (run in node).
set(NN_TEST_SOURCES
  tests/core/test_rng.cpp
  tests/core/test_pmath.cpp
  tests/core/test_arch.cpp
  tests/core/test_dense.cpp
  tests/core/test_activation.cpp
  tests/core/test_loss.cpp
  tests/core/test_gradients.cpp
  tests/core/test_network.cpp
  tests/core/test_dataset.cpp
  tests/core/test_csv.cpp
  tests/core/test_optim.cpp
  tests/core/test_trainer.cpp
  tests/core/test_stall.cpp
  tests/core/test_model_io.cpp
  tests/core/test_grid.cpp
  tests/core/test_quantize.cpp
  tests/core/test_images.cpp
  tests/core/test_fuzz_regressions.cpp
  tests/core/test_transformer.cpp
  tests/core/test_error.cpp
  tests/core/test_limits.cpp
  tests/core/test_rules.cpp
  tests/core/test_link_settings.cpp
  tests/core/test_regularisation.cpp
  tests/core/test_threads.cpp
  tests/core/test_tf_playground.cpp
)
add_library(nn_catch_main OBJECT tests/catch_main.cpp)
target_link_libraries(nn_catch_main PRIVATE nn_deps)
add_executable(nn_tests ${NN_TEST_SOURCES} $<TARGET_OBJECTS:nn_catch_main>)
target_link_libraries(nn_tests PRIVATE nncore)
target_include_directories(nn_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tests)
target_compile_definitions(nn_tests PRIVATE NNPLAY_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}")  # fuzz regressions
if(EMSCRIPTEN)
  target_link_options(nn_tests PRIVATE -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1)
  # The root package.json says "type": "module"; the test runner's glue is CommonJS.
  file(WRITE ${CMAKE_BINARY_DIR}/package.json "{ \"type\": \"commonjs\" }\n")
  include(/usr/lib/cmake/Catch2/Catch.cmake)
else()
  find_package(Catch2 2 REQUIRED)
  target_link_libraries(nn_catch_main PRIVATE Catch2::Catch2)
  target_link_libraries(nn_tests PRIVATE Catch2::Catch2)
  include(Catch)
endif()
# Cases tagged [slow] get the CTest label `slow`: `npm test` runs `ctest -LE slow`, and
# `npm run test:all` runs them with `ctest -L slow` (scripts/test.sh, scripts/test-all.sh).
# The second discovery is registered only when a source has the tag, because Catch2's
# discovery warns "contains no tests!" on an empty list (scripts/build.sh reconfigures on
# every build, so a newly tagged case is picked up).
if(EMSCRIPTEN)
  # In WASM every discovered case would start its own node process and instantiate the
  # module (~0.5 s each, ~150 cases): the fast loop runs the whole suite in one process
  # instead; a failure still prints the case, its expression and values.
  add_test(NAME catch2_wasm COMMAND nn_tests "~[slow]" --use-colour no)
else()
  catch_discover_tests(nn_tests TEST_SPEC "~[slow]" EXTRA_ARGS --use-colour no)
endif()
set(_nn_slow_tagged "")
foreach(_src ${NN_TEST_SOURCES})
  file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/${_src} _hits REGEX "\\[slow\\]")
  list(APPEND _nn_slow_tagged ${_hits})
endforeach()
if(_nn_slow_tagged)
  catch_discover_tests(nn_tests TEST_SPEC "[slow]" EXTRA_ARGS --use-colour no PROPERTIES LABELS slow)
endif()
if(NOT EMSCRIPTEN)
  # End-to-end CLI checks (worked example, JSON, train → save → eval, exit codes).
  add_test(NAME cli COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli/test_cli.sh $<TARGET_FILE:nnplay>)
endif()
if(NOT EMSCRIPTEN)
  # Transformer counts (issue 13): the CLI end to end, and torch.nn layer shapes on the
  # meta device as an independent count (/usr/bin/python3 has Debian's torch; 77 = skip).
  add_test(NAME cli_count_transformer
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli/test_count_transformer.sh $<TARGET_FILE:nnplay>)
  add_test(NAME transformer_torch_meta
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/tests/transformer/torch_meta_count.py $<TARGET_FILE:nnplay>)
  set_tests_properties(transformer_torch_meta PROPERTIES SKIP_RETURN_CODE 77)
endif()
