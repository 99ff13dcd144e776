# cmake -DWASM_DIS=… -DWASM=x.wasm -DMIN_OPS=n -P check_simd.cmake
# Fails unless the disassembly holds at least MIN_OPS f32x4.mul and f32x4.add each:
# proof that the shipped module runs its dense kernels with SIMD128.
execute_process(COMMAND ${WASM_DIS} ${WASM} OUTPUT_VARIABLE _dis RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "wasm-dis ${WASM} failed (${_rc})")
endif()
foreach(_op f32x4.mul f32x4.add v128.load)
  string(REGEX MATCHALL "\\(${_op}" _hits "${_dis}")
  list(LENGTH _hits _n)
  message(STATUS "${_op}: ${_n}")
  if(_n LESS MIN_OPS)
    message(FATAL_ERROR "${WASM}: only ${_n} ${_op} (want >= ${MIN_OPS}); is -msimd128 missing?")
  endif()
endforeach()
