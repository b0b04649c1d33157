// Typed broker failures. A failed broker call returns strike::error whose code is a
// events::failure_kind in broker_category(), so callers can tell a timeout from a rejection
// without reading the message. Messages never contain a secret.
#pragma once

#include <string>
#include <system_error>

#include "base/result.hpp"
#include "events/enums.hpp"

namespace strike::brokers {

const std::error_category& broker_category();

std::error_code make_error_code(events::failure_kind kind);

// The kind of a broker error. Errors from outside the broker category (a bug or a local
// failure) report `bad_response`, a kind that is not retried.
events::failure_kind failure_of(const error& e);

// True when e is a broker error of the given kind.
bool is_failure(const error& e, events::failure_kind kind);

// "placeOrder: rejected: AB4008 ordertag length should be less than 20 characters".
error broker_error(events::failure_kind kind, std::string message);

// A failure after which nobody knows whether the broker acted (an order may or may not have
// been placed): the caller must reconcile before doing anything that depends on it.
error unknown_outcome_error(events::failure_kind kind, std::string message);
bool outcome_unknown(const error& e);

}  // namespace strike::brokers
