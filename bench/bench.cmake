# Benchmarks (issue 6), included OPTIONALLY at the end of the root CMakeLists.txt.
# Everything here is EXCLUDE_FROM_ALL: the ordinary build and test never compile it;
# scripts/bench.sh builds target `nnbench` explicitly, natively and under emcmake.
#   native: build/…/nnbench        kernels per instruction set (runtime dispatch forced
#                                  one at a time), ceilings, OpenBLAS if present, e2e
#   wasm:   build/…/nnbench.cjs    the same program for node (SIMD128 kernel)
set(_nb ${CMAKE_CURRENT_LIST_DIR})
add_executable(nnbench EXCLUDE_FROM_ALL ${_nb}/nnbench.cpp ${_nb}/ceiling.cpp)
target_link_libraries(nnbench PRIVATE nncore)
target_include_directories(nnbench PRIVATE ${_nb})
target_compile_options(nnbench PRIVATE -Wall -Wextra)

if(EMSCRIPTEN)
  # Synchronous compilation: the glue then never fetch()es the .wasm, which node 20
  # cannot do for a file path (see docs/toolchain.md).
  target_link_options(nnbench PRIVATE -sENVIRONMENT=node -sEXIT_RUNTIME=1 -sWASM_ASYNC_COMPILATION=0)
  # The repo's package.json says "type": "module", so node would read a .js under it as
  # an ES module and the CommonJS glue fails ("__dirname is not defined"). Run a .cjs copy.
  add_custom_command(TARGET nnbench POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:nnbench> $<TARGET_FILE_DIR:nnbench>/nnbench.cjs)
else()
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
    # Ceilings for the wider kernels, each TU with its own flags and called only after a
    # CPU check, as core/kernels.cmake does for the kernels. No -mfma: the kernels have none.
    target_sources(nnbench PRIVATE ${_nb}/ceiling_avx2.cpp ${_nb}/ceiling_avx512.cpp)
    set_source_files_properties(${_nb}/ceiling_avx2.cpp PROPERTIES COMPILE_OPTIONS "-mavx2")
    set_source_files_properties(${_nb}/ceiling_avx512.cpp PROPERTIES COMPILE_OPTIONS "-mavx512f")
    target_compile_definitions(nnbench PRIVATE NNPLAY_BENCH_X86=1)
  endif()
  # OpenBLAS (Debian's libopenblas-dev, a benchmark-only dependency that
  # scripts/bench.sh installs): its own cblas.h, which declares openblas_set_num_threads.
  find_path(NNPLAY_OPENBLAS_INCLUDE cblas.h
            PATHS /usr/include/x86_64-linux-gnu/openblas-pthread /usr/include/aarch64-linux-gnu/openblas-pthread
                  /usr/include/openblas NO_DEFAULT_PATH)
  find_library(NNPLAY_OPENBLAS_LIB openblas)
  if(NNPLAY_OPENBLAS_INCLUDE AND NNPLAY_OPENBLAS_LIB)
    target_include_directories(nnbench SYSTEM PRIVATE ${NNPLAY_OPENBLAS_INCLUDE})
    target_link_libraries(nnbench PRIVATE ${NNPLAY_OPENBLAS_LIB})
    target_compile_definitions(nnbench PRIVATE NNPLAY_BENCH_OPENBLAS=1)
  else()
    message(STATUS "nnbench: OpenBLAS not found, its column stays empty (apt-get install libopenblas-dev)")
  endif()
endif()
