// placeOrder without duplicates. A send that fails ambiguously (timeout, dropped connection,
// empty or malformed reply, 5xx) may or may not have placed the order, so it is never simply
// repeated: the order book is searched for the order's tag first, and the order is sent again
// only when the book proves it absent. If the book cannot be read, the outcome stays unknown
// and nothing more is sent; the caller reconciles later.
#include <spdlog/spdlog.h>

#include "brokers/angelone/client.hpp"
#include "brokers/angelone/parsers.hpp"
#include "brokers/angelone/request_bodies.hpp"
#include "brokers/angelone/vocabulary.hpp"
#include "brokers/broker_error.hpp"

namespace strike::brokers::angelone {

using events::failure_kind;

void client::prepare_order(order_request& r) const {
  r.encoded.clear();
  if (auto body = place_body(r)) r.encoded = std::move(*body);
}

task<order_ack> client::place_order(order_request r) {
  auto body = r.encoded.empty() ? place_body(r) : result<std::string>(std::move(r.encoded));
  if (!body) co_return broker_error(failure_kind::rejected, "placeOrder: " + body.error().message);
  const std::string tag = ordertag_for(r.tag);
  backoff pause(api_->options().backoff, api_->options().jitter_seed + 1);
  for (std::int64_t sends = 1;; ++sends) {
    auto out = co_await authed(endpoint::place_order, *body, {}, r.urgent);
    if (out.ok()) {
      auto ack = checked(endpoint::place_order, parse_order_ack(out.reply->env), *out.reply);
      if (!ack) {
        out.failure = api_failure{failure_kind::bad_response, out.reply->http_status, "",
                                  ack.error().message};
        out.failure.maybe_processed = true;
        out.reply.reset();
      } else {
        ack->attempts = sends;
        if (!ack->unique_id.empty()) unique_ids_.insert_or_assign(ack->broker_id, ack->unique_id);
        co_return ack;
      }
    }
    const api_failure& f = out.failure;
    if (!f.maybe_processed) {
      // The server cannot have acted (refused connection, rate limit): sending again is safe.
      const bool again =
          (f.retryable || f.kind == failure_kind::rate_limit) && sends < settings_.place_max_sends;
      if (!again) co_return failed(endpoint::place_order, f);
      auto wait = pause.delay_ns(sends);
      if (f.kind == failure_kind::rate_limit)
        wait = std::max(wait, api_->options().rate_limited_wait_ns);
      co_await time_.wait(wait);
      continue;
    }
    const auto why = std::string(events::to_string(f.kind)) + ": " + f.message;
    if (tag.empty())
      co_return unknown_outcome_error(
          f.kind, "placeOrder: outcome unknown (" + why + "); no tag to look it up by");
    SPDLOG_WARN("broker: placeOrder outcome unknown ({}); looking for tag {} before anything else",
                why, tag);
    co_await time_.wait(settings_.place_lookup_delay_ns);
    auto found = co_await find_order_by_tag(r.tag);
    if (!found)
      co_return unknown_outcome_error(
          f.kind, "placeOrder: outcome unknown (" + why +
                      "); the order book could not be read: " + found.error().message);
    if (*found) {
      SPDLOG_INFO("broker: order with tag {} found as {} after an unknown outcome", tag,
                  (*found)->broker_id);
      api_->record_delivered(endpoint::place_order);
      order_ack ack{(*found)->broker_id, (*found)->unique_id, sends, true};
      if (!ack.unique_id.empty()) unique_ids_.insert_or_assign(ack.broker_id, ack.unique_id);
      co_return ack;
    }
    if (sends >= settings_.place_max_sends) co_return failed(endpoint::place_order, f);
    SPDLOG_INFO("broker: order with tag {} is not at the broker; sending it again", tag);
  }
}

}  // namespace strike::brokers::angelone
