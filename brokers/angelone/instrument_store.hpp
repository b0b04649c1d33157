// Today's instrument master: downloaded from its URL (a public file on its own host), cached
// on disk as scrip-master-<date>.json (atomic write, older files removed), parsed and indexed.
//
// The master is regenerated each morning (about 08:30 IST). Its date is the IST date of the
// download, or the day before when downloaded before the refresh time; a cached file is used
// when its date is the date a download now would get. Parsing and file I/O run on a worker
// thread so the reactor never stalls on a 30–40 MB file.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "brokers/event_sink.hpp"
#include "brokers/http/https_client.hpp"
#include "brokers/instrument_index.hpp"
#include "brokers/timekeeper.hpp"
#include "core/ist.hpp"

namespace strike::brokers::angelone {

struct instrument_options {
  std::string url;                   // https://.../OpenAPIScripMaster.json
  std::filesystem::path cache_dir;   // empty: no disk cache
  int refresh_minute_ist = 8 * 60 + 30;
  std::int64_t timeout_ns = 120'000'000'000;
  std::int64_t max_attempts = 3;
  std::int64_t retry_wait_ns = 2'000'000'000;
};

// The trading date of a master fetched at utc_ns.
core::civil_date master_date(std::int64_t utc_ns, int refresh_minute_ist);

class instrument_store {
 public:
  // http talks to the master's host; it, the timekeeper and the sink must outlive the store.
  instrument_store(http::https_client& http, timekeeper& time, instrument_options options,
                   event_sink sink);
  ~instrument_store();

  // The index for today: kept in memory, else from the cache, else downloaded.
  boost::asio::awaitable<result<std::shared_ptr<const instrument_index>>> get();
  std::shared_ptr<const instrument_index> current() const { return current_; }

 private:
  boost::asio::awaitable<result<std::shared_ptr<const instrument_index>>> load(
      std::string json, bool from_cache, core::civil_date date);
  boost::asio::awaitable<result<std::string>> download();
  std::filesystem::path cache_file(core::civil_date d) const;

  http::https_client& http_;
  timekeeper& time_;
  instrument_options options_;
  event_sink sink_;
  std::string target_;
  boost::asio::thread_pool worker_{1};
  std::shared_ptr<const instrument_index> current_;
};

}  // namespace strike::brokers::angelone
