# Compiler settings shared by every target.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  # The sloppiness lets ccache cache translation units built with a precompiled header.
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime ${CCACHE_PROGRAM})
endif()

add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
                    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 reports false -Wrestrict/-Wstringop-overflow/-overread/-Warray-bounds on std::string copies and
# concatenation at -O3 (GCC bugs 105329, 105651, 107138); the last shows once <string> comes
# from a precompiled header.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-Wno-restrict -Wno-stringop-overflow -Wno-stringop-overread -Wno-array-bounds)
  # Designated initializers that leave members at their defaults are intended.
  add_compile_options(-Wno-missing-field-initializers)
endif()
if(STRIKE_WERROR)
  add_compile_options(-Werror)
endif()

# Boost 1.74's awaitable.hpp uses std::exchange without including <utility> (GCC 12): every
# target's precompiled header starts with it (cmake/precompiled.cmake).

if(STRIKE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 pairs Asio's recycling allocator for coroutine frames with the wrong delete
    # when it inlines them under the sanitizers (a false -Wmismatched-new-delete).
    add_compile_options(-Wno-mismatched-new-delete)
    # Compile time, which bounds CI: checks through calls instead of inline code (the same
    # checks, a smaller object), and no use-after-scope poisoning of every local at every scope
    # exit, which in Asio's coroutine code costs a sixth of the build. Coroutine frames live on
    # the heap, where use-after-free and overflows are still caught.
    add_compile_options(--param=asan-instrumentation-with-call-threshold=0
                        -fno-sanitize-address-use-after-scope)
  endif()
  add_link_options(-fsanitize=address,undefined)
endif()

# Assertions are executable comments for invariants: keep them in optimised builds too.
string(REPLACE "-DNDEBUG" "" CMAKE_CXX_FLAGS_RELEASE "${CMAKE_CXX_FLAGS_RELEASE}")
string(REPLACE "-DNDEBUG" "" CMAKE_CXX_FLAGS_RELWITHDEBINFO "${CMAKE_CXX_FLAGS_RELWITHDEBINFO}")
