// The Angel One client's pure parts: reply classification, candle range splitting and
// merging, the instrument master parser, the token file and JWT expiry claims.
#include <doctest/doctest.h>

#include <filesystem>

#include "brokers/angelone/candle_ranges.hpp"
#include "brokers/angelone/instrument_master.hpp"
#include "brokers/angelone/instrument_store.hpp"
#include "brokers/angelone/jwt_claims.hpp"
#include "brokers/angelone/reply_classifier.hpp"
#include "brokers/angelone/token_store.hpp"
#include "brokers/broker_error.hpp"
#include "core/ist.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace strike::brokers;
using namespace strike::brokers::angelone;
using events::failure_kind;

namespace {

result<http::response> reply(unsigned status, std::string body) {
  http::response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

constexpr std::int64_t minute = 60LL * 1'000'000'000;
constexpr std::int64_t day = 24 * 60 * minute;

}  // namespace

TEST_CASE("A rate-limit 403 with the gateway's text is retryable and was not processed") {
  auto o = classify(endpoint::place_order, reply(403, "Access denied because of exceeding access rate"));
  REQUIRE_FALSE(o.ok());
  CHECK(o.failure.kind == failure_kind::rate_limit);
  CHECK(o.failure.retryable);
  CHECK_FALSE(o.failure.maybe_processed);
}

TEST_CASE("A 5xx or an unreadable 200 may have been processed, and a 4xx was refused") {
  auto server = classify(endpoint::place_order, reply(500, "<html>oops</html>"));
  CHECK(server.failure.kind == failure_kind::server);
  CHECK(server.failure.retryable);
  CHECK(server.failure.maybe_processed);
  auto empty = classify(endpoint::place_order, reply(200, ""));
  CHECK(empty.failure.kind == failure_kind::bad_response);
  CHECK(empty.failure.maybe_processed);
  CHECK_FALSE(empty.failure.retryable);
  auto refused = classify(endpoint::order_book, reply(404, "not found"));
  CHECK(refused.failure.kind == failure_kind::rejected);
  CHECK_FALSE(refused.failure.maybe_processed);
}

TEST_CASE("Gateway token errors mean the session is gone, and credential errors are auth failures") {
  auto invalid = classify(endpoint::order_book,
                          reply(200, R"({"success":false,"message":"Invalid Token","errorCode":"AG8001","data":""})"));
  CHECK(invalid.failure.kind == failure_kind::auth);
  CHECK(invalid.failure.session_gone);
  CHECK(invalid.failure.code == "AG8001");
  auto totp = classify(endpoint::login,
                       reply(200, R"({"status":false,"message":"Invalid totp","errorcode":"AB1050","data":null})"));
  CHECK(totp.failure.kind == failure_kind::auth);
  CHECK_FALSE(totp.failure.session_gone);
  auto pin = classify(endpoint::login, reply(200, R"({"status":false,"message":"x","errorcode":"AB1007","data":null})"));
  CHECK(pin.failure.kind == failure_kind::auth);
  auto order = classify(endpoint::place_order, reply(200, R"({"status":false,"message":"x","errorcode":"AB1007","data":null})"));
  CHECK(order.failure.kind == failure_kind::rejected);
}

TEST_CASE("Transport failures keep their kind and whether they may have been delivered") {
  error refused{"connect failed", http::make_error_code(http::errc::connect_failed)};
  auto a = classify(endpoint::place_order, result<http::response>(refused));
  CHECK(a.failure.kind == failure_kind::network);
  CHECK(a.failure.retryable);
  CHECK_FALSE(a.failure.maybe_processed);
  error late{"late", http::make_error_code(http::errc::reply_timeout)};
  auto b = classify(endpoint::place_order, result<http::response>(late));
  CHECK(b.failure.kind == failure_kind::timeout);
  CHECK(b.failure.maybe_processed);
}

TEST_CASE("Candle ranges split into pieces of at most the allowed days, back to back") {
  const std::int64_t from = 0;
  const std::int64_t to = 45 * day;
  auto pieces = split_candle_range(from, to, 30);
  REQUIRE(pieces.size() == 2);
  CHECK(pieces[0] == time_range{0, 30 * day - minute});
  CHECK(pieces[1] == time_range{30 * day, 45 * day});
  CHECK(split_candle_range(0, 10 * day, 30).size() == 1);
  CHECK(split_candle_range(10, 5, 30).empty());
  CHECK(split_candle_range(0, 100 * day, 30).size() == 4);
}

TEST_CASE("Merging sorts, drops duplicates and out-of-range candles, and refuses impossible ones") {
  candle a{0, 100, 110, 90, 105, 1}, b{minute, 105, 120, 100, 110, 2}, c{2 * minute, 110, 111, 109, 110, 3};
  candle b2 = b;
  b2.close_paise = 111;
  auto merged = merge_candles({{b, c}, {a, b2}, {candle{10 * minute, 1, 1, 1, 1, 0}}}, 0, 2 * minute);
  REQUIRE(merged.ok());
  REQUIRE(merged->size() == 3);
  CHECK((*merged)[0] == a);
  CHECK((*merged)[1] == b2);  // the later piece's copy wins
  CHECK((*merged)[2] == c);
  auto bad = merge_candles({{candle{0, 100, 90, 80, 95, 0}}}, 0, minute);  // high below open
  REQUIRE_FALSE(bad.ok());
  CHECK(failure_of(bad.error()) == failure_kind::bad_response);
}

TEST_CASE("The instrument master parses options, futures and indices with their scaling") {
  const std::string json = R"([
    {"token":"99926000","symbol":"Nifty 50","name":"NIFTY","expiry":"","strike":"0.000000","lotsize":"1","instrumenttype":"AMXIDX","exch_seg":"NSE","tick_size":"0.000000"},
    {"token":"58784","symbol":"NIFTY28OCT2524400CE","name":"NIFTY","expiry":"28OCT2025","strike":"2440000.000000","lotsize":"75","instrumenttype":"OPTIDX","exch_seg":"NFO","tick_size":"5.000000","is_cas_enabled":"false"},
    {"token":"58785","symbol":"NIFTY28OCT2524400PE","name":"NIFTY","expiry":"28OCT2025","strike":"2440000.000000","lotsize":75,"instrumenttype":"OPTIDX","exch_seg":"NFO","tick_size":"5.000000"},
    {"token":"53001","symbol":"NIFTY28OCT25FUT","name":"NIFTY","expiry":"28OCT2025","strike":"-1.000000","lotsize":"75","instrumenttype":"FUTIDX","exch_seg":"NFO","tick_size":"10.000000"},
    {"symbol":"no token"}
  ])";
  auto parsed = parse_instrument_master(json);
  REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  REQUIRE(parsed->rows.size() == 4);
  CHECK(parsed->skipped == 1);
  const auto& call = parsed->rows[1];
  CHECK(call.id() == "NFO:58784");
  CHECK(call.right == option_right::call);
  CHECK(call.strike_paise == 2'440'000);
  CHECK(call.lot_size == 75);
  CHECK(call.tick_paise == 5);
  CHECK(call.expiry() == core::civil_date{2025, 10, 28});
  CHECK(parsed->rows[2].right == option_right::put);
  CHECK(parsed->rows[2].lot_size == 75);  // a number where a string was expected
  CHECK(parsed->rows[3].right == option_right::none);
  CHECK(parsed->rows[3].strike_paise == 0);
  CHECK(parsed->rows[3].tick_paise == 10);
  CHECK(parsed->rows[0].expiry_days == 0);
}

TEST_CASE("A malformed instrument master is a bad_response, not a crash") {
  for (const char* json : {"", "{", R"({"token":"1"})", "[1,2]", R"([{"token":{"x":1},"exch_seg":"NSE"}])"}) {
    auto parsed = parse_instrument_master(json);
    REQUIRE_FALSE(parsed.ok());
    CHECK(failure_of(parsed.error()) == failure_kind::bad_response);
  }
}

TEST_CASE("The master's date is the download day from 08:30 IST, the day before until then") {
  const auto morning = core::ist_time_ns({2026, 1, 6}, 8 * 60 + 29);
  const auto after = core::ist_time_ns({2026, 1, 6}, 8 * 60 + 30);
  CHECK(master_date(morning, 8 * 60 + 30) == core::civil_date{2026, 1, 5});
  CHECK(master_date(after, 8 * 60 + 30) == core::civil_date{2026, 1, 6});
}

TEST_CASE("The token file round-trips with mode 0600 and is refused when others can read it") {
  test::temp_dir dir;
  const auto file = dir / "state" / "tokens.json";
  stored_session s{{"jwt.x.y", "refresh.x.y", "feed.x.y"}, session_fingerprint("C1", "https://h"), 10, 20};
  REQUIRE(save_session(file, s).ok());
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  auto loaded = load_session(file);
  REQUIRE(loaded.ok());
  REQUIRE(loaded->has_value());
  CHECK((*loaded)->tokens.jwt == "jwt.x.y");
  CHECK((*loaded)->tokens.feed == "feed.x.y");
  CHECK((*loaded)->valid_until_ns == 20);
  CHECK((*loaded)->fingerprint != session_fingerprint("C2", "https://h"));

  std::filesystem::permissions(file, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
  auto exposed = load_session(file);
  REQUIRE_FALSE(exposed.ok());
  CHECK(exposed.error().message.find("jwt.x.y") == std::string::npos);

  REQUIRE(forget_session(file).ok());
  auto gone = load_session(file);
  REQUIRE(gone.ok());
  CHECK_FALSE(gone->has_value());
}

TEST_CASE("A JWT's exp claim is read, and anything else gives nothing") {
  // {"alg":"HS512"} . {"exp":1767637800} . sig
  CHECK(jwt_expiry_ns("eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjE3Njc2Mzc4MDB9.c2ln") == 1767637800LL * 1'000'000'000);
  CHECK_FALSE(jwt_expiry_ns("not-a-jwt"));
  CHECK_FALSE(jwt_expiry_ns("a.b.c"));
  CHECK_FALSE(jwt_expiry_ns("eyJhbGciOiJIUzUxMiJ9.eyJpYXQiOjF9.c2ln"));  // {"iat":1}
}
