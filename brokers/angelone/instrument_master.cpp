#include "brokers/angelone/instrument_master.hpp"

#include <simdjson.h>

#include <charconv>
#include <string>

#include "brokers/angelone/json_fields.hpp"
#include "brokers/angelone/time_format.hpp"
#include "brokers/broker_error.hpp"

namespace strike::brokers::angelone {

using simdjson::dom::element;
using simdjson::dom::element_type;

namespace {

// Strings as they are, numbers in decimal, null as empty. Numbers are rare here: the master
// writes everything as strings.
bool text_of(element v, std::string_view& out, std::string& scratch) {
  switch (v.type()) {
    case element_type::STRING: out = v.get_string().value_unsafe(); return true;
    case element_type::NULL_VALUE: out = {}; return true;
    case element_type::INT64: scratch = std::to_string(v.get_int64().value_unsafe()); break;
    case element_type::UINT64: scratch = std::to_string(v.get_uint64().value_unsafe()); break;
    case element_type::DOUBLE: {
      char buf[64];
      const auto r = std::to_chars(buf, buf + sizeof buf, v.get_double().value_unsafe(),
                                   std::chars_format::fixed);
      scratch.assign(buf, r.ptr);
      break;
    }
    default: return false;
  }
  out = scratch;
  return true;
}

option_right right_of(std::string_view kind, std::string_view symbol) {
  if (kind.substr(0, 3) != "OPT" || symbol.size() < 2) return option_right::none;
  const auto suffix = symbol.substr(symbol.size() - 2);
  if (suffix == "CE") return option_right::call;
  if (suffix == "PE") return option_right::put;
  return option_right::none;
}

error bad(std::string what) {
  return broker_error(events::failure_kind::bad_response, "instrument master: " + std::move(what));
}

}  // namespace

result<master_rows> parse_instrument_master(std::string_view json, bool padded) {
  // The DOM parser picks the fastest kernel for this CPU at run time (the On-Demand front end
  // would be compiled for the baseline x86-64 here and run several times slower).
  simdjson::dom::parser parser;
  simdjson::dom::array rows;
  if (auto err = parser.parse(json.data(), json.size(), !padded).get(rows))
    return bad(std::string("not a JSON list: ") + simdjson::error_message(err));

  master_rows out;
  out.rows.reserve(rows.size());
  std::int64_t index = 0;
  std::string scratch[9];
  for (element row : rows) {
    simdjson::dom::object obj;
    if (row.get(obj)) return bad("row " + std::to_string(index) + " is not an object");
    std::string_view token, symbol, name, expiry, strike, lot, kind, exchange, tick;
    for (auto [key, value] : obj) {
      int slot = -1;
      std::string_view* target = nullptr;
      if (key == "token") slot = 0, target = &token;
      else if (key == "symbol") slot = 1, target = &symbol;
      else if (key == "name") slot = 2, target = &name;
      else if (key == "expiry") slot = 3, target = &expiry;
      else if (key == "strike") slot = 4, target = &strike;
      else if (key == "lotsize") slot = 5, target = &lot;
      else if (key == "instrumenttype") slot = 6, target = &kind;
      else if (key == "exch_seg") slot = 7, target = &exchange;
      else if (key == "tick_size") slot = 8, target = &tick;
      if (!target) continue;  // unknown keys (e.g. is_cas_enabled) are ignored
      if (!text_of(value, *target, scratch[slot]))
        return bad("row " + std::to_string(index) + " field '" + std::string(key) +
                   "' is not a text or number");
    }
    ++index;
    if (token.empty() || exchange.empty()) {
      ++out.skipped;
      continue;
    }
    instrument r;
    r.exchange = exchange;
    r.token = token;
    r.symbol = symbol;
    r.name = name;
    r.kind = kind;
    if (auto d = parse_expiry(expiry)) r.expiry_days = static_cast<std::int32_t>(core::days_from_civil(*d));
    r.right = right_of(kind, symbol);
    if (r.right != option_right::none)
      if (auto s = scaled_decimal(strike, 0); s && *s > 0) r.strike_paise = *s;
    if (auto l = scaled_decimal(lot, 0); l && *l > 0) r.lot_size = *l;
    if (auto t = scaled_decimal(tick, 0); t && *t > 0) r.tick_paise = *t;
    out.rows.push_back(std::move(r));
  }
  return out;
}

}  // namespace strike::brokers::angelone
