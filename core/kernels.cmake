# SIMD kernels for target nncore (included by the root CMakeLists.txt).
# Natively on x86 one portable binary carries three GEMM kernels: the default arch
# (sse2, no flags), AVX2 and AVX-512F, each in its own TU with per-file flags, and
# dense_simd.cpp picks one at run time. Never -mfma: contraction is off project-wide
# and the kernels must match the scalar reference bit for bit. Under emscripten the
# root adds -msimd128 -msse4.1 and only the default kernel is built.
target_sources(nncore PRIVATE ${CMAKE_CURRENT_LIST_DIR}/dense_simd.cpp)

if(NOT EMSCRIPTEN AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|i[3-6]86)$")
  set(_nn_avx2 ${CMAKE_CURRENT_LIST_DIR}/dense_simd_avx2.cpp)
  set(_nn_avx512 ${CMAKE_CURRENT_LIST_DIR}/dense_simd_avx512.cpp)
  target_sources(nncore PRIVATE ${_nn_avx2} ${_nn_avx512})
  set_source_files_properties(${_nn_avx2} PROPERTIES COMPILE_OPTIONS "-mavx2")
  set_source_files_properties(${_nn_avx512} PROPERTIES COMPILE_OPTIONS "-mavx512f")
  target_compile_definitions(nncore PRIVATE NNPLAY_X86_DISPATCH=1)
endif()
