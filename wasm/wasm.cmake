# The Embind module, linked three ways from one object library (bindings.cpp is
# compiled once) into ${CMAKE_SOURCE_DIR}/web/gen (gitignored):
#   nnplay_core.js  + nnplay_core.wasm   classic MODULARIZE factory: node (require), <script>, importScripts
#   nnplay_core.mjs (+ the same .wasm)   EXPORT_ES6: <script type=module>, {type:'module'} workers
#   nnplay_core.single.js                SINGLE_FILE (wasm inlined as base64): file:// pages, one-file embeds
# Included from the root CMakeLists.txt inside if(EMSCRIPTEN). See docs/toolchain.md.

# Several build trees of one checkout all write web/gen; a tree of your own can
# point elsewhere (-DNNPLAY_WEB_GEN=…) and the JS tests follow NNPLAY_GEN=… there.
set(NNPLAY_WEB_GEN ${CMAKE_SOURCE_DIR}/web/gen CACHE PATH "where the wasm module builds go")
file(MAKE_DIRECTORY ${NNPLAY_WEB_GEN})

add_library(nn_wasm_bindings OBJECT ${CMAKE_CURRENT_LIST_DIR}/bindings.cpp
            ${CMAKE_CURRENT_LIST_DIR}/bindings_transformer.cpp
            ${CMAKE_CURRENT_LIST_DIR}/bindings_limits.cpp
            ${CMAKE_CURRENT_LIST_DIR}/bindings_link.cpp
            ${CMAKE_CURRENT_LIST_DIR}/bindings_tf.cpp
            ${CMAKE_CURRENT_LIST_DIR}/bindings_threads.cpp)
target_link_libraries(nn_wasm_bindings PRIVATE nncore)
target_compile_options(nn_wasm_bindings PRIVATE -Wall -Wextra)
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/bindings_transformer.cpp PROPERTIES COMPILE_OPTIONS -Os)  # see CMakeLists.txt
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/bindings_link.cpp PROPERTIES COMPILE_OPTIONS -Os)  # settings: per user action
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/bindings_tf.cpp PROPERTIES COMPILE_OPTIONS -Os)  # tests only
target_compile_definitions(nn_wasm_bindings PRIVATE NNPLAY_VERSION="${PROJECT_VERSION}")

# Shared link flags.
#  - -fexceptions comes from nn_deps; bindings.cpp catches every exception itself.
#  - MAXIMUM_MEMORY=2GB: the core refuses networks above kMaxTrainParams (≈192 MiB with
#    Adam state), so 2 GB is ample, and staying below 2^31 keeps pointers positive in JS
#    (above 2 GB emscripten 3.1.6 needs every pointer read as >>> 0).
#  - FILESYSTEM=0: the module does no file I/O (CSV and JSON arrive as strings).
#  - NODEJS_CATCH_EXIT/REJECTION=0: a library must not install process-wide handlers in
#    node (3.1.6's glue otherwise rethrows every unhandled rejection of the host program
#    from inside its own minified source).
#  - DYNAMIC_EXECUTION=0: Embind otherwise builds its invokers with `new Function`, which a
#    Content-Security-Policy without 'unsafe-eval' refuses ("Evaluating a string as JavaScript
#    violates … script-src 'self' 'wasm-unsafe-eval'"): the page (scripts/serve.mjs) and
#    articles embedding the widgets (issue 5) would get no module at all.
set(_nn_wasm_link
  --bind
  -sMODULARIZE=1
  -sEXPORT_NAME=createNNModule
  -sALLOW_MEMORY_GROWTH=1
  -sMAXIMUM_MEMORY=2GB
  -sFILESYSTEM=0
  -sNODEJS_CATCH_EXIT=0
  -sNODEJS_CATCH_REJECTION=0
  -sDYNAMIC_EXECUTION=0
)

function(nnplay_wasm_module target output env)
  add_executable(${target} $<TARGET_OBJECTS:nn_wasm_bindings>)
  target_link_libraries(${target} PRIVATE nncore)
  target_link_options(${target} PRIVATE ${_nn_wasm_link} -sENVIRONMENT=${env} ${ARGN})
  get_filename_component(_name ${output} NAME_WLE)
  get_filename_component(_ext ${output} LAST_EXT)
  set_target_properties(${target} PROPERTIES OUTPUT_NAME ${_name} SUFFIX ${_ext})
endfunction()

# (a) the classic build, written straight into web/gen.
nnplay_wasm_module(nnplay_core nnplay_core.js web,worker,node)
set_target_properties(nnplay_core PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${NNPLAY_WEB_GEN})
# The root package.json has "type": "module"; web/gen/package.json makes node read
# the classic glue (.js, module.exports) as CommonJS.
add_custom_command(TARGET nnplay_core POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_LIST_DIR}/gen-package.json ${NNPLAY_WEB_GEN}/package.json)

# (b) the ES module build. em++ names the .wasm after the output (nnplay_core.wasm),
# which would clobber (a)'s, so it links into the build tree and only the .mjs is
# copied out, after checking that its .wasm is byte-identical to (a)'s: the glue
# flavour changes the JS only. If that ever stops holding, the build fails here
# rather than shipping a .mjs that loads the wrong binary.
nnplay_wasm_module(nnplay_core_esm nnplay_core.mjs web,worker -sEXPORT_ES6=1)
set_target_properties(nnplay_core_esm PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/esm)
add_dependencies(nnplay_core_esm nnplay_core)
add_custom_command(TARGET nnplay_core_esm POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E compare_files
          ${CMAKE_CURRENT_BINARY_DIR}/esm/nnplay_core.wasm ${NNPLAY_WEB_GEN}/nnplay_core.wasm
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_BINARY_DIR}/esm/nnplay_core.mjs ${NNPLAY_WEB_GEN}/
  COMMENT "nnplay_core.mjs: same .wasm as nnplay_core.js, copying the .mjs to web/gen")

# (c) one file, wasm inlined.
nnplay_wasm_module(nnplay_core_single nnplay_core.single.js web,worker,node -sSINGLE_FILE=1)
set_target_properties(nnplay_core_single PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${NNPLAY_WEB_GEN})

# Build check: the shipped binary's dense kernels are SIMD128. Counts every f32x4.mul
# and f32x4.add in the disassembly (names are stripped in Release; the kernels are
# the only float vector code in the module).
find_program(NNPLAY_WASM_DIS wasm-dis)
if(NNPLAY_TESTS AND NOT NNPLAY_WASM_DIS AND DEFINED ENV{CI})
  # Without wasm-dis this check is not registered; under CI=1 a missing tool fails (docs/toolchain.md).
  message(FATAL_ERROR "CI=1: wasm-dis (binaryen, installed with emscripten) not found; the SIMD128 build check needs it")
endif()
if(NNPLAY_TESTS AND NNPLAY_WASM_DIS)
  add_test(NAME wasm_simd128_kernels
           COMMAND ${CMAKE_COMMAND} -DWASM_DIS=${NNPLAY_WASM_DIS}
                   -DWASM=${NNPLAY_WEB_GEN}/nnplay_core.wasm -DMIN_OPS=8
                   -P ${CMAKE_CURRENT_LIST_DIR}/check_simd.cmake)
endif()

# (d) the threaded module (issue 14): nnplay_core_mt.mjs + .wasm + .worker.js, the same
# bindings and core compiled again with -pthread (objects without atomics cannot link into
# shared memory). Loaded only by a worker whose page is cross-origin isolated (COOP + COEP,
# see docs/embed.md); everything else keeps the single-thread module above, which stays the
# default artifact.
#  - PTHREAD_POOL_SIZE: a JS expression (3.1.6 emits it as is): the workers started with the
#    module, before it resolves, so std::thread never waits on the event loop; the JS API
#    passes nnPoolSize (docs/js-api.md), 1 if it does not.
#  - PTHREAD_POOL_SIZE_STRICT=2: a thread beyond the pool is EAGAIN (std::thread throws and
#    the core's pool runs with fewer) instead of a deadlock.
#  - ALLOW_MEMORY_GROWTH with shared memory makes the glue re-check the heap views on every
#    JS access (emscripten warns); the core's networks need growth, and the JS side of a
#    training step is a few accesses.
get_target_property(_nn_core_sources nncore SOURCES)
add_library(nncore_mt STATIC EXCLUDE_FROM_ALL ${_nn_core_sources})
target_include_directories(nncore_mt PUBLIC ${CMAKE_SOURCE_DIR}/core)
target_link_libraries(nncore_mt PUBLIC nn_deps)
target_compile_options(nncore_mt PRIVATE -Wall -Wextra -Wshadow PUBLIC -pthread)
target_link_options(nncore_mt PUBLIC -pthread)
add_library(nn_wasm_bindings_mt OBJECT EXCLUDE_FROM_ALL $<TARGET_PROPERTY:nn_wasm_bindings,SOURCES>)
target_link_libraries(nn_wasm_bindings_mt PRIVATE nncore_mt)
target_compile_options(nn_wasm_bindings_mt PRIVATE -Wall -Wextra)
target_compile_definitions(nn_wasm_bindings_mt PRIVATE NNPLAY_VERSION="${PROJECT_VERSION}")
add_executable(nnplay_core_mt $<TARGET_OBJECTS:nn_wasm_bindings_mt>)
target_link_libraries(nnplay_core_mt PRIVATE nncore_mt)
target_link_options(nnplay_core_mt PRIVATE ${_nn_wasm_link} -sENVIRONMENT=web,worker -sEXPORT_ES6=1
  "-sPTHREAD_POOL_SIZE=Math.max(1,Module.nnPoolSize|0)" -sPTHREAD_POOL_SIZE_STRICT=2 -Wno-pthreads-mem-growth)
set_target_properties(nnplay_core_mt PROPERTIES OUTPUT_NAME nnplay_core_mt SUFFIX .mjs
                      RUNTIME_OUTPUT_DIRECTORY ${NNPLAY_WEB_GEN})
