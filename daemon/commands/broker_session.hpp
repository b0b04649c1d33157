// What every command that talks to the broker starts with: the configuration loaded, console
// logging set, the credentials read from their sources, and an Angel One client on a reactor of
// its own. Failures are printed as one line naming the command and the cause.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>

#include "brokers/angelone/client.hpp"
#include "brokers/event_sink.hpp"
#include "brokers/timekeeper.hpp"
#include "core/clock.hpp"
#include "daemon/config.hpp"

namespace strike::daemon {

struct broker_session {
  config cfg;
  boost::asio::io_context io;
  core::system_clock wall;
  std::unique_ptr<brokers::real_timekeeper> time;
  std::unique_ptr<brokers::angelone::client> client;
};

struct broker_session_options {
  std::string command;    // "striked broker", for error lines
  std::string log_level;  // empty: the configuration's
  brokers::event_sink sink;
};

// Null (the reason printed to stderr) when the configuration, the credentials or the client
// settings are unusable.
std::unique_ptr<broker_session> open_broker_session(const std::string& config_path,
                                                    broker_session_options options);

}  // namespace strike::daemon
