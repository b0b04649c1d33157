// `striked sim`: the Angel One SmartAPI simulator as one object. Owns the service (market,
// matching engine, sessions, faults, request log), a fresh self-signed certificate, and the
// listeners: the API on HTTPS (and optionally plain HTTP), the admin endpoint on plain HTTP,
// all on one io_context run by one thread.
//
// Lifecycle: construct, start() (binds, writes the certificate and the ready file), then run()
// on a thread of your choosing (or run_in_thread()), stop() from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "core/clock.hpp"
#include "sim/sim_config.hpp"

namespace strike::sim {

struct bound_ports {
  std::uint16_t https = 0;
  std::uint16_t http = 0;  // 0 when plain HTTP is off
  std::uint16_t admin = 0;
};

class simulator {
 public:
  // The clocks must outlive the simulator (see service.hpp for what each drives).
  simulator(sim_config cfg, const core::clock& market_clock, const core::clock& real_clock);
  ~simulator();
  simulator(const simulator&) = delete;
  simulator& operator=(const simulator&) = delete;

  // Makes the certificate, binds every listener, writes cert_out/key_out and then ready_file.
  status start();
  // Runs the reactor on the calling thread until stop().
  void run();
  // Runs the reactor on a thread the simulator owns; stop() or the destructor joins it.
  void run_in_thread();
  // Asks the reactor to finish: listeners close, connections drop. Safe from any thread.
  void stop();
  // SIGINT and SIGTERM call stop() (for the command-line tool).
  void stop_on_signals();

  bound_ports ports() const;
  const std::string& certificate_pem() const;
  // The ready file's JSON (ports, certificate path, pid).
  std::string ready_json() const;

 private:
  void wait_for_signal();

  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace strike::sim
