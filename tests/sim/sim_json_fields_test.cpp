// The simulator reads a request's numbers as an exchange would: a value too large for paise in
// an int64 is a bad request, never a wrapped price or quantity.
#include <doctest/doctest.h>

#include "sim/json_fields.hpp"

using strike::sim::json_fields;
using strike::sim::parse_paise;

TEST_CASE("sim request numbers: prices and quantities that do not fit an int64 are refused") {
  CHECK(parse_paise("102.505") == 10251);
  CHECK(parse_paise("9000000000000000.99") == 900'000'000'000'000'099);
  CHECK_FALSE(parse_paise("90000000000000000"));

  auto parsed = json_fields::parse(
      R"({"ok":102,"big":92233720368547759,"neg":-92233720368547759,"huge":10222222222222222234,"d":1e300})");
  REQUIRE(parsed.ok());
  const auto& f = *parsed;
  CHECK(f.paise("ok") == 10200);
  CHECK(f.integer("big") == 92233720368547759);
  CHECK_FALSE(f.paise("big"));
  CHECK_FALSE(f.paise("neg"));
  CHECK_FALSE(f.paise("huge"));
  CHECK_FALSE(f.integer("huge"));
  CHECK_FALSE(f.paise("d"));
}
