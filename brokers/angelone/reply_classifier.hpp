// Sorts what came back from one request into success or a typed failure, and says what may be
// done about a failure: retry it, re-authenticate, or (for orders) look before resending.
#pragma once

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>

#include "brokers/angelone/endpoints.hpp"
#include "brokers/angelone/envelope.hpp"
#include "brokers/http/http_types.hpp"
#include "events/enums.hpp"

namespace strike::brokers::angelone {

struct api_reply {
  std::unique_ptr<simdjson::dom::parser> parser;  // owns the memory env.data points into
  envelope env;
  unsigned http_status = 0;
  std::int64_t attempts = 1;
};

struct api_failure {
  events::failure_kind kind = events::failure_kind::network;
  unsigned http_status = 0;  // 0 when no HTTP reply came
  std::string code;          // the broker's error code, e.g. "AB1050"; may be empty
  std::string message;       // for logs and events; holds no secret once redacted
  bool maybe_processed = false;  // the server may have acted on the request
  bool session_gone = false;     // the session's token is invalid or expired: re-authenticate
  bool retryable = false;        // timeouts, network errors, 5xx and rate limits
  std::int64_t attempts = 1;
};

struct api_outcome {
  std::optional<api_reply> reply;
  api_failure failure;  // meaningful when !reply
  bool ok() const { return reply.has_value(); }
};

// Classifies one exchange. `sent` is the transport's result.
api_outcome classify(endpoint e, result<http::response> sent);

// The failure kind of an Angel One error code on an endpoint.
events::failure_kind kind_for_code(endpoint e, std::string_view code);

}  // namespace strike::brokers::angelone
