target_sources(nncore PRIVATE ${CMAKE_CURRENT_LIST_DIR}/dense_simd.cpp)
