// The broker requests that send an order's record: what the order executor places.
#pragma once

#include <string>

#include "brokers/broker_types.hpp"
#include "core/state.hpp"

namespace strike::daemon {

// The broker request that sends order o under its key (the tag the broker echoes).
brokers::order_request order_request_for(const core::order_record& o, const std::string& key,
                                         brokers::product product);
// The request asks the broker for what order o now says (a prepared request still holds).
bool same_terms(const brokers::order_request& r, const core::order_record& o);

}  // namespace strike::daemon
