#include "sim/simulator.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <optional>
#include <thread>

#include "base/json_writer.hpp"
#include "sim/http_server.hpp"
#include "sim/service.hpp"
#include "sim/tls_identity.hpp"

namespace strike::sim {

namespace asio = boost::asio;

namespace {

// Writes path atomically (temporary file + rename) with the given mode.
status write_file(const std::filesystem::path& path, std::string_view text, mode_t mode) {
  std::error_code mk;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), mk);
  const auto tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return errno_error("open(" + tmp + ")", errno);
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return errno_error("write(" + tmp + ")", err);
    }
    done += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, mode);
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    return errno_error("rename(" + path.string() + ")", errno);
  return {};
}

}  // namespace

struct simulator::impl {
  impl(sim_config c, const core::clock& market, const core::clock& real)
      : cfg(std::move(c)),
        svc(cfg, market, real),
        tls(asio::ssl::context::tls_server),
        tick_timer(io) {}

  void schedule_tick() {
    tick_timer.expires_after(std::chrono::milliseconds(cfg.step_interval_ms));
    tick_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      svc.tick();
      svc.streams().pump();
      schedule_tick();
    });
  }

  sim_config cfg;
  asio::io_context io;
  service svc;
  asio::ssl::context tls;
  asio::steady_timer tick_timer;
  std::optional<asio::signal_set> signals;
  tls_identity identity;
  std::unique_ptr<http_server> https, http, admin;
  bound_ports ports;
  std::thread thread;
};

simulator::simulator(sim_config cfg, const core::clock& market_clock, const core::clock& real_clock)
    : impl_(std::make_unique<impl>(std::move(cfg), market_clock, real_clock)) {}

simulator::~simulator() {
  stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

status simulator::start() {
  auto& m = *impl_;
  auto id = make_self_signed_identity();
  if (!id) return id.error();
  m.identity = std::move(*id);
  boost::system::error_code ec;
  m.tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                    asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                    asio::ssl::context::no_tlsv1_1);
  m.tls.use_certificate_chain(asio::buffer(m.identity.certificate_pem), ec);
  if (!ec)
    m.tls.use_private_key(asio::buffer(m.identity.private_key_pem), asio::ssl::context::pem, ec);
  if (ec) return error{"TLS context: " + ec.message()};

  auto handler = [&m](const http_request& r) { return m.svc.handle(r); };
  m.https = std::make_unique<http_server>(m.io, listener_kind::https_api, handler, &m.tls);
  auto p = m.https->listen(m.cfg.listen_address, m.cfg.https_port);
  if (!p) return error{"HTTPS listener: " + p.error().message};
  m.ports.https = *p;
  m.https->serve_websockets(m.svc.streams());
  if (m.cfg.http_enabled) {
    m.http = std::make_unique<http_server>(m.io, listener_kind::http_api, handler, nullptr);
    m.http->serve_websockets(m.svc.streams());
    auto q = m.http->listen(m.cfg.listen_address, m.cfg.http_port);
    if (!q) return error{"HTTP listener: " + q.error().message};
    m.ports.http = *q;
  }
  m.admin = std::make_unique<http_server>(m.io, listener_kind::admin, handler, nullptr);
  auto a = m.admin->listen(m.cfg.listen_address, m.cfg.admin_port);
  if (!a) return error{"admin listener: " + a.error().message};
  m.ports.admin = *a;
  m.svc.set_ports(m.ports.https, m.ports.http, m.ports.admin);

  if (!m.cfg.cert_out.empty())
    if (auto s = write_file(m.cfg.cert_out, m.identity.certificate_pem, 0644); !s) return s;
  if (!m.cfg.key_out.empty())
    if (auto s = write_file(m.cfg.key_out, m.identity.private_key_pem, 0600); !s) return s;
  if (!m.cfg.ready_file.empty())
    if (auto s = write_file(m.cfg.ready_file, ready_json() + "\n", 0644); !s) return s;
  m.schedule_tick();
  return {};
}

void simulator::run() {
  impl_->io.run();
}

void simulator::run_in_thread() {
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

void simulator::stop() {
  auto& m = *impl_;
  asio::post(m.io, [&m] {
    for (auto* s : {m.https.get(), m.http.get(), m.admin.get()})
      if (s != nullptr) s->close();
    m.tick_timer.cancel();
    m.io.stop();
  });
}

void simulator::stop_on_signals() {
  auto& m = *impl_;
  m.signals.emplace(m.io, SIGINT, SIGTERM);
  wait_for_signal();
}

void simulator::wait_for_signal() {
  // Re-armed after each signal, so a second SIGTERM during shutdown is absorbed too.
  impl_->signals->async_wait([this](const boost::system::error_code& ec, int) {
    if (ec) return;
    stop();
    wait_for_signal();
  });
}

bound_ports simulator::ports() const {
  return impl_->ports;
}

const std::string& simulator::certificate_pem() const {
  return impl_->identity.certificate_pem;
}

std::string simulator::ready_json() const {
  const auto& m = *impl_;
  std::string out;
  base::json_writer w(out);
  w.begin_object().key("pid").value(static_cast<std::int64_t>(::getpid()));
  w.key("address").value(m.cfg.listen_address);
  w.key("https_port").value(static_cast<std::int64_t>(m.ports.https));
  w.key("http_port").value(static_cast<std::int64_t>(m.ports.http));
  w.key("admin_port").value(static_cast<std::int64_t>(m.ports.admin));
  w.key("cert").value(m.cfg.cert_out.string()).key("scrip_master").value(scrip_master_path);
  w.end_object();
  return out;
}

}  // namespace strike::sim
