#include "brokers/angelone/instrument_store.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>
#include <optional>

#include "base/file_io.hpp"
#include "brokers/angelone/instrument_master.hpp"
#include "brokers/broker_error.hpp"

namespace strike::brokers::angelone {

namespace asio = boost::asio;
using events::failure_kind;

namespace {

// Runs fn on the pool and resumes the caller on its own executor with fn's result.
template <class F>
auto run_on(asio::thread_pool& pool, F fn) -> asio::awaitable<decltype(fn())> {
  using R = decltype(fn());
  // co_spawn wants a default-constructible result.
  auto job = [fn = std::move(fn)]() mutable -> asio::awaitable<std::optional<R>> {
    co_return fn();
  };
  auto done = co_await asio::co_spawn(pool, std::move(job), asio::use_awaitable);
  co_return std::move(*done);
}

}  // namespace

core::civil_date master_date(std::int64_t utc_ns, int refresh_minute_ist) {
  const auto today = core::ist_date(utc_ns);
  if (core::ist_minute_of_day(utc_ns) >= refresh_minute_ist) return today;
  return core::civil_from_days(core::days_from_civil(today) - 1);
}

instrument_store::instrument_store(http::https_client& http, timekeeper& time,
                                   instrument_options options, event_sink sink)
    : http_(http), time_(time), options_(std::move(options)), sink_(std::move(sink)) {
  if (auto u = http::parse_url(options_.url)) target_ = u->path.empty() ? "/" : u->path;
}

instrument_store::~instrument_store() {
  worker_.join();
}

std::filesystem::path instrument_store::cache_file(core::civil_date d) const {
  return options_.cache_dir / ("scrip-master-" + core::format_date(d) + ".json");
}

asio::awaitable<result<std::string>> instrument_store::download() {
  for (std::int64_t attempt = 1;; ++attempt) {
    http::request req;
    req.method = http::method::get;
    req.target = target_;
    req.idempotent = true;
    req.headers = {{"Accept", "application/json"}};
    auto reply = co_await http_.send(std::move(req), options_.timeout_ns);
    std::string problem;
    bool retry = true;
    if (!reply) {
      problem = reply.error().message;
    } else if (reply->status != 200) {
      problem = "HTTP " + std::to_string(reply->status);
      retry = reply->status >= 500;
    } else {
      co_return std::move(reply->body);
    }
    SPDLOG_WARN("broker: instrument master download failed (attempt {}): {}", attempt, problem);
    if (!retry || attempt >= options_.max_attempts)
      co_return broker_error(reply ? (retry ? failure_kind::server : failure_kind::rejected)
                                   : http::failure_kind_of(reply.error()),
                             "instrument master download: " + problem);
    co_await time_.wait(options_.retry_wait_ns * attempt);
  }
}

asio::awaitable<result<std::shared_ptr<const instrument_index>>> instrument_store::load(
    std::string json, bool from_cache, core::civil_date date) {
  const auto cache = options_.cache_dir.empty() ? std::filesystem::path{} : cache_file(date);
  // Parse, index and (for a download) write the cache on the worker, away from the reactor.
  auto work = [json = std::move(json), from_cache, cache,
               date]() -> result<std::shared_ptr<const instrument_index>> {
    auto parsed = parse_instrument_master(json);
    if (!parsed) return parsed.error();
    if (!from_cache && !cache.empty()) {
      if (auto dir = base::ensure_directory(cache.parent_path()); !dir)
        SPDLOG_WARN("broker: instrument cache: {}", dir.error().message);
      else if (auto w = base::write_file_atomic(cache, json, 0644); !w)
        SPDLOG_WARN("broker: instrument cache: {}", w.error().message);
      // Older masters are of no further use.
      std::error_code ec;
      for (const auto& entry : std::filesystem::directory_iterator(cache.parent_path(), ec)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("scrip-master-", 0) == 0 && entry.path() != cache)
          std::filesystem::remove(entry.path(), ec);
      }
    }
    std::shared_ptr<const instrument_index> index =
        std::make_shared<instrument_index>(std::move(parsed->rows), core::format_date(date));
    return index;
  };
  auto index = co_await run_on(worker_, std::move(work));
  if (!index) co_return index;
  current_ = *index;
  SPDLOG_INFO("broker: {} instruments loaded from the {} (as of {})", current_->size(),
              from_cache ? "cache" : "download", current_->as_of());
  if (sink_)
    sink_(events::instruments_loaded{from_cache ? "cache" : "download",
                                     static_cast<std::int64_t>(current_->size()),
                                     current_->as_of()});
  co_return index;
}

asio::awaitable<result<std::shared_ptr<const instrument_index>>> instrument_store::get() {
  const auto date = master_date(time_.market_ns(), options_.refresh_minute_ist);
  if (current_ && current_->as_of() == core::format_date(date)) co_return current_;
  if (!options_.cache_dir.empty()) {
    std::function<result<std::string>()> read_cache = [file = cache_file(date)] {
      return base::read_file(file);
    };
    if (std::filesystem::exists(cache_file(date))) {
      // A named job, not a temporary in the co_await: GCC 12 mishandles those.
      auto read = co_await run_on(worker_, std::move(read_cache));
      if (read) {
        auto loaded = co_await load(std::move(*read), true, date);
        if (loaded) co_return loaded;
        SPDLOG_WARN("broker: cached instrument master unusable, downloading: {}",
                    loaded.error().message);
      }
    }
  }
  auto body = co_await download();
  if (!body) co_return body.error();
  co_return co_await load(std::move(*body), false, date);
}

}  // namespace strike::brokers::angelone
