#include "daemon/self_test.hpp"

#include <cstdlib>

namespace strike::daemon {

namespace {

events::self_test_completed failed(std::string check, std::string detail) {
  return {false, std::move(check), std::move(detail)};
}

std::string rupees(std::int64_t paise) { return "₹" + std::to_string(paise / 100); }

}  // namespace

boost::asio::awaitable<events::self_test_completed> run_self_test(brokers::broker& broker,
                                                                  const brokers::market_feed* feed,
                                                                  tick_clock_sample last_tick, std::int64_t now_ns,
                                                                  const self_test_section& c) {
  auto session = co_await broker.ensure_session();
  if (!session) co_return failed("session", session.error().message);
  if (!session->active || session->valid_until_ns <= now_ns)
    co_return failed("session", "the broker session is not valid now");

  if (feed) {
    const auto stats = feed->stats();
    if (!stats.connected) co_return failed("feed_ticks", "the market feed is not connected");
    if (stats.ticks == 0 || last_tick.local_ns == 0) co_return failed("feed_ticks", "no tick received yet");
  }

  auto funds = co_await broker.funds();
  if (!funds) co_return failed("funds", funds.error().message);
  if (funds->available_cash_paise < c.min_funds_paise)
    co_return failed("funds", rupees(funds->available_cash_paise) + " available, " + rupees(c.min_funds_paise) +
                                  " needed for one entry");

  auto book = co_await broker.order_book();
  if (!book) co_return failed("order_path", "order book read failed: " + book.error().message);

  if (feed && last_tick.exchange_ns > 0) {
    const std::int64_t skew_ms = std::llabs(last_tick.local_ns - last_tick.exchange_ns) / 1'000'000;
    if (skew_ms > c.max_clock_skew_ms)
      co_return failed("clock_skew", "local clock " + std::to_string(skew_ms) + " ms from the exchange's (limit " +
                                         std::to_string(c.max_clock_skew_ms) + " ms)");
  }
  co_return events::self_test_completed{true, "", "session, feed, funds, order path and clock checked"};
}

}  // namespace strike::daemon
