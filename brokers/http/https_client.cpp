#include "brokers/http/https_client.hpp"

#include <algorithm>
#include <chrono>

#include "brokers/http/https_connection.hpp"

namespace strike::brokers::http {

namespace asio = boost::asio;

namespace {

std::int64_t steady_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

error shut_down_error() { return error{"client shut down", make_error_code(errc::shut_down)}; }

}  // namespace

https_client::https_client(asio::any_io_executor ex, std::shared_ptr<asio::ssl::context> tls,
                           url server, client_options options)
    : ex_(std::move(ex)),
      tls_(std::move(tls)),
      server_(std::move(server)),
      host_header_(server_.authority()),
      options_(options) {}

https_client::~https_client() = default;

std::unique_ptr<https_connection> https_client::take_idle(std::int64_t now_ns) {
  while (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    if (now_ns - c->idle_since_ns < options_.idle_timeout_ns && c->reusable()) return c;
    c->close();
  }
  return nullptr;
}

void https_client::give_back(std::unique_ptr<https_connection> c, std::int64_t now_ns) {
  if (shut_down_ || idle_.size() >= options_.max_idle || !c->reusable()) {
    c->close();
    return;
  }
  c->idle_since_ns = now_ns;
  idle_.push_back(std::move(c));
}

asio::awaitable<result<response>> https_client::send(request req, std::int64_t timeout_ns) {
  if (shut_down_) co_return shut_down_error();
  const auto by = std::chrono::steady_clock::now() + std::chrono::nanoseconds(timeout_ns);
  ++stats_.requests;
  // At most two tries: the second only for an idempotent request whose reused connection
  // turned out to be dead before any reply.
  for (int attempt = 0;; ++attempt) {
    auto conn = attempt == 0 ? take_idle(steady_now_ns()) : nullptr;
    const bool reused = conn != nullptr;
    if (!conn) {
      conn = std::make_unique<https_connection>(ex_, *tls_);
      busy_.push_back(conn.get());
      auto opened = co_await conn->open(server_, by);
      busy_.erase(std::find(busy_.begin(), busy_.end(), conn.get()));
      if (shut_down_) co_return shut_down_error();
      if (!opened) co_return opened.error();
      ++stats_.connections_opened;
    } else {
      ++stats_.reused;
    }
    bool nothing_back = false;
    busy_.push_back(conn.get());
    auto reply = co_await conn->exchange(req, host_header_, options_.body_limit, by, nothing_back);
    busy_.erase(std::find(busy_.begin(), busy_.end(), conn.get()));
    if (shut_down_) co_return shut_down_error();
    if (reply) {
      reply->reused_connection = reused;
      give_back(std::move(conn), steady_now_ns());
      co_return reply;
    }
    conn->close();
    const bool stale = reused && nothing_back && req.idempotent &&
                       std::chrono::steady_clock::now() < by;
    if (!stale || attempt > 0) co_return reply.error();
    ++stats_.stale_retries;
  }
}

void https_client::shutdown() {
  shut_down_ = true;
  for (auto& c : idle_) c->close();
  idle_.clear();
  for (auto* c : busy_) c->close();
}

}  // namespace strike::brokers::http
