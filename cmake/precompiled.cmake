# Precompiled headers: the standard library, Boost.Asio/Beast, simdjson and spdlog are parsed
# once per target instead of in every translation unit, which is most of a clean build's time.
# <utility> comes first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
set(STRIKE_PCH_STD
  <utility> <algorithm> <array> <chrono> <cstdint> <cstring> <filesystem> <fstream> <functional>
  <map> <memory> <optional> <set> <sstream> <string> <string_view> <unordered_map> <variant>
  <vector>)

# Only for targets that link strike_asio and strike_log: the headers must see the same
# separate-compilation macros as the libraries built from them.
set(STRIKE_PCH_NET
  ${STRIKE_PCH_STD}
  <boost/asio/awaitable.hpp> <boost/asio/co_spawn.hpp> <boost/asio/detached.hpp>
  <boost/asio/io_context.hpp> <boost/asio/ip/tcp.hpp> <boost/asio/steady_timer.hpp>
  <boost/asio/use_awaitable.hpp> <boost/asio/ssl.hpp> <boost/beast/core.hpp>
  <boost/beast/http.hpp> <simdjson.h> <spdlog/spdlog.h>)

function(strike_precompile target kind)
  if(kind STREQUAL "net")
    target_precompile_headers(${target} PRIVATE ${STRIKE_PCH_NET})
  else()
    target_precompile_headers(${target} PRIVATE ${STRIKE_PCH_STD})
  endif()
endfunction()
