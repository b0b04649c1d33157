// Angel One's instrument master ("OpenAPIScripMaster.json"): one JSON array of ~100k+ rows,
// every value a string, strike and tick size ×100:
//   {"token":"58784","symbol":"NIFTY28OCT2524400CE","name":"NIFTY","expiry":"28OCT2025",
//    "strike":"2440000.000000","lotsize":"75","instrumenttype":"OPTIDX","exch_seg":"NFO",
//    "tick_size":"5.000000"}
// Parsed with simdjson in one pass; unknown keys are ignored, numbers are
// accepted where strings are expected.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "brokers/instrument_index.hpp"
#include "base/result.hpp"

namespace strike::brokers::angelone {

struct master_rows {
  std::vector<instrument> rows;
  std::int64_t skipped = 0;  // rows without a token or exchange
};

// json must be followed by simdjson::SIMDJSON_PADDING readable bytes when padded is true;
// otherwise it is copied first. Errors (kind bad_response) name the row at fault.
result<master_rows> parse_instrument_master(std::string_view json, bool padded = false);

}  // namespace strike::brokers::angelone
