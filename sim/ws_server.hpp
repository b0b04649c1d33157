// The simulator's WebSocket endpoints on its API listeners: a request that asks to upgrade on
// /smart-stream or /smart-order-update is authorised by the stream hub and, when accepted,
// served as a WebSocket until either side closes. Included only by the listener's .cpp: it
// pulls in Beast.
//
// Per connection: a reader (text messages to the hub; during a stall nothing is read, so not
// even control pings are answered) and a writer draining a bounded queue of frames. Overflow
// policy: a client that lets more than queue_limit frames pile up is disconnected, as a real
// server drops a slow consumer. Beast's suggested server timeouts apply (30 s handshake, idle
// timeout with keep-alive pings).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "sim/http_types.hpp"
#include "sim/stream_hub.hpp"

namespace strike::sim {

using upgrade_request = boost::beast::http::request<boost::beast::http::string_body>;

// Serves one upgrade request on stream (which the caller keeps alive until this completes).
// `plain` is the same request in the hub's terms.
boost::asio::awaitable<void> serve_websocket(stream_hub& hub, feed_path path,
                                             boost::beast::tcp_stream& stream,
                                             const upgrade_request& upgrade,
                                             const http_request& plain);
boost::asio::awaitable<void> serve_websocket(
    stream_hub& hub, feed_path path, boost::beast::ssl_stream<boost::beast::tcp_stream>& stream,
    const upgrade_request& upgrade, const http_request& plain);

}  // namespace strike::sim
