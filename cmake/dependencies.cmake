# Every library is a Debian package; scripts/install-deps.sh installs them.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(simdjson REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(OATH REQUIRED IMPORTED_TARGET liboath)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)

# Asio and Beast are compiled once, in strike_asio, instead of in every translation unit.
add_library(strike_asio STATIC ${CMAKE_SOURCE_DIR}/cmake/asio_impl.cpp)
target_compile_definitions(strike_asio PUBLIC
  BOOST_ASIO_SEPARATE_COMPILATION BOOST_BEAST_SEPARATE_COMPILATION
  BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW)
target_link_libraries(strike_asio PUBLIC Boost::boost OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
target_compile_options(strike_asio PRIVATE -w -include utility)  # third-party code: its warnings are not ours

# toml++ is compiled once as well.
add_library(strike_toml STATIC ${CMAKE_SOURCE_DIR}/cmake/toml_impl.cpp)
target_compile_definitions(strike_toml PUBLIC TOML_HEADER_ONLY=0 TOML_EXCEPTIONS=1)
target_link_libraries(strike_toml PUBLIC tomlplusplus::tomlplusplus)
target_compile_options(strike_toml PRIVATE -w)

add_library(strike_log INTERFACE)
target_compile_definitions(strike_log INTERFACE SPDLOG_ACTIVE_LEVEL=SPDLOG_LEVEL_TRACE)
target_link_libraries(strike_log INTERFACE spdlog::spdlog fmt::fmt)
