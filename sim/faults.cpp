#include "sim/faults.hpp"

#include <algorithm>

#include <simdjson.h>

#include <type_traits>
#include "base/json_writer.hpp"

namespace strike::sim {
namespace {
constexpr std::int64_t max_span_ms = 3'600'000;
}  // namespace

bool faults::applies(std::string_view endpoint) const {
  return s_.endpoints.empty() ||
         std::find(s_.endpoints.begin(), s_.endpoints.end(), endpoint) != s_.endpoints.end();
}

bool faults::take(int& next, double rate) {
  if (next > 0) {
    --next;
    return true;
  }
  return rate > 0 && rng_.uniform() < rate;
}

request_fault faults::before(std::string_view endpoint) {
  if (!applies(endpoint)) return request_fault::none;
  if (take(s_.drop_next, s_.drop_rate)) return request_fault::dropped;
  if (take(s_.error_next, s_.error_rate)) return request_fault::server_error;
  if (take(s_.rate_limit_next, s_.rate_limit_rate)) return request_fault::rate_limited;
  return request_fault::none;
}

bool faults::take_drop_after_accept() {
  return take(s_.drop_after_accept_next, 0);
}
bool faults::take_empty_order_reply() {
  return take(s_.empty_order_reply_next, 0);
}
bool faults::take_hold_place_reply() {
  return take(s_.hold_place_reply_next, 0);
}
bool faults::take_reject() {
  return take(s_.reject_next, s_.reject_rate);
}
bool faults::take_reject_sell() {
  return take(s_.reject_sell_next, s_.reject_sell_rate);
}
bool faults::take_coalesce_fills() {
  return take(s_.coalesce_fills_next, 0);
}
bool faults::take_fill_on_cancel() {
  return take(s_.fill_on_cancel_next, 0);
}
bool faults::take_trigger_on_cancel() {
  return take(s_.trigger_on_cancel_next, 0);
}

bool faults::take_rest_sell_limit() { return take(s_.rest_sell_limits_next, 0); }

frame_fault faults::before_frame(std::string_view feed, bool tick) {
  auto& w = s_.stream;
  const bool applies = w.ws_feeds.empty() ||
                       std::find(w.ws_feeds.begin(), w.ws_feeds.end(), feed) != w.ws_feeds.end();
  if (applies) {
    if (take(w.ws_drop_next, w.ws_drop_rate)) return frame_fault::drop;
    if (take(w.ws_stall_next, w.ws_stall_rate)) return frame_fault::stall;
    if (take(w.ws_malformed_next, w.ws_malformed_rate)) return frame_fault::malformed;
  }
  if (tick && take(w.ws_truncate_next, w.ws_truncate_rate)) return frame_fault::truncate;
  return frame_fault::none;
}

bool faults::take_duplicate(bool tick) {
  auto& w = s_.stream;
  return tick ? take(w.tick_duplicate_next, w.tick_duplicate_rate)
              : take(w.update_duplicate_next, w.update_duplicate_rate);
}

status faults::update_from_json(std::string_view body) {
  fault_settings next = s_;
  simdjson::dom::object obj;
  std::string problems;
  // Walk the keys so that unknown ones are reported rather than ignored.
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (body.empty() || parser.parse(body.data(), body.size()).get(doc) || doc.get_object().get(obj))
    return error{"faults: body must be a JSON object"};
  for (auto field : obj) {
    const std::string_view k = field.key;
    auto v = field.value;
    auto as_rate = [&](double& out) {
      double d;
      if (v.get_double().get(d) || d < 0 || d > 1)
        return problems += std::string(k) + " must be a number in 0..1; ", void();
      out = d;
    };
    // Real-time spans of the order-path knobs: at most an hour, so deadlines cannot overflow.
    auto as_ms = [&](std::int64_t& out) {
      std::int64_t n;
      if (v.get_int64().get(n) || n < 0 || n > max_span_ms) {
        problems += std::string(k) + " must be an integer in 0.." + std::to_string(max_span_ms);
        problems += "; ";
        return;
      }
      out = n;
    };
    auto as_count = [&](auto& out) {
      std::int64_t n;
      if (v.get_int64().get(n) || n < 0)
        return problems += std::string(k) + " must be an integer >= 0; ", void();
      out = static_cast<std::remove_reference_t<decltype(out)>>(n);
    };
    if (k == "error_rate")
      as_rate(next.error_rate);
    else if (k == "error_next")
      as_count(next.error_next);
    else if (k == "rate_limit_rate")
      as_rate(next.rate_limit_rate);
    else if (k == "rate_limit_next")
      as_count(next.rate_limit_next);
    else if (k == "drop_rate")
      as_rate(next.drop_rate);
    else if (k == "drop_next")
      as_count(next.drop_next);
    else if (k == "latency_ms")
      as_count(next.latency_ms);
    else if (k == "drop_after_accept_next")
      as_count(next.drop_after_accept_next);
    else if (k == "empty_order_reply_next")
      as_count(next.empty_order_reply_next);
    else if (k == "reject_rate")
      as_rate(next.reject_rate);
    else if (k == "reject_next")
      as_count(next.reject_next);
    else if (k == "reject_sell_rate")
      as_rate(next.reject_sell_rate);
    else if (k == "reject_sell_next")
      as_count(next.reject_sell_next);
    else if (k == "hold_place_reply_ms")
      as_ms(next.hold_place_reply_ms);
    else if (k == "hold_place_reply_next")
      as_count(next.hold_place_reply_next);
    else if (k == "order_book_lag_ms")
      as_ms(next.order_book_lag_ms);
    else if (k == "coalesce_fills_next")
      as_count(next.coalesce_fills_next);
    else if (k == "fill_on_cancel_next")
      as_count(next.fill_on_cancel_next);
    else if (k == "trigger_on_cancel_next")
      as_count(next.trigger_on_cancel_next);
    else if (k == "rest_sell_limits_next")
      as_count(next.rest_sell_limits_next);
    else if (k == "partial_fill_ratio")
      as_rate(next.partial_fill_ratio);
    else if (k == "partial_fill_rest_s")
      as_count(next.partial_fill_rest_s);
    else if (k == "enforce_rate_limits") {
      bool b;
      if (v.get_bool().get(b))
        problems += "enforce_rate_limits must be true or false; ";
      else
        next.enforce_rate_limits = b;
    } else if (k == "endpoints") {
      simdjson::dom::array arr;
      if (v.get_array().get(arr)) {
        problems += "endpoints must be an array of strings; ";
        continue;
      }
      next.endpoints.clear();
      for (auto e : arr) {
        std::string_view sv;
        if (e.get_string().get(sv))
          problems += "endpoints must be an array of strings; ";
        else
          next.endpoints.emplace_back(sv);
      }
    } else if (!read_stream_knob(k, v, next.stream, problems)) {
      problems += "unknown key " + std::string(k) + "; ";
    }
  }
  if (!problems.empty()) return error{"faults: " + problems.substr(0, problems.size() - 2)};
  s_ = next;
  return {};
}

std::string faults::to_json() const {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("error_rate").value(s_.error_rate).key("error_next").value(s_.error_next);
  w.key("rate_limit_rate")
      .value(s_.rate_limit_rate)
      .key("rate_limit_next")
      .value(s_.rate_limit_next);
  w.key("drop_rate").value(s_.drop_rate).key("drop_next").value(s_.drop_next);
  w.key("latency_ms").value(s_.latency_ms);
  w.key("drop_after_accept_next").value(s_.drop_after_accept_next);
  w.key("empty_order_reply_next").value(s_.empty_order_reply_next);
  w.key("reject_rate").value(s_.reject_rate).key("reject_next").value(s_.reject_next);
  w.key("reject_sell_rate").value(s_.reject_sell_rate);
  w.key("reject_sell_next").value(s_.reject_sell_next);
  w.key("hold_place_reply_ms").value(s_.hold_place_reply_ms);
  w.key("hold_place_reply_next").value(s_.hold_place_reply_next);
  w.key("order_book_lag_ms").value(s_.order_book_lag_ms);
  w.key("coalesce_fills_next").value(s_.coalesce_fills_next);
  w.key("fill_on_cancel_next").value(s_.fill_on_cancel_next);
  w.key("trigger_on_cancel_next").value(s_.trigger_on_cancel_next);
  w.key("rest_sell_limits_next").value(s_.rest_sell_limits_next);
  w.key("partial_fill_ratio").value(s_.partial_fill_ratio);
  w.key("partial_fill_rest_s").value(s_.partial_fill_rest_s);
  w.key("enforce_rate_limits").value(s_.enforce_rate_limits);
  w.key("endpoints").begin_array();
  for (const auto& e : s_.endpoints) w.value(e);
  w.end_array();
  write_stream_knobs(w, s_.stream);
  w.end_object();
  return out;
}

}  // namespace strike::sim
