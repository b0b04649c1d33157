#include <doctest/doctest.h>

#include "events/codec.hpp"
#include "storage/crc32c.hpp"
#include "storage/journal_format.hpp"

using namespace strike;

TEST_CASE("CRC-32C matches the standard check value") {
  CHECK(storage::crc32c("123456789") == 0xE3069283u);
  CHECK(storage::crc32c("") == 0u);
  // Incremental computation equals one-shot.
  CHECK(storage::crc32c("56789", storage::crc32c("1234")) == 0xE3069283u);
  const std::string long_text(1000, 'a');
  CHECK(storage::crc32c(long_text.substr(500), storage::crc32c(long_text.substr(0, 500))) ==
        storage::crc32c(long_text));
}

TEST_CASE("a sealed line ends with its checksum field and a newline, and checks clean") {
  std::string line;
  events::encode({{1, 2, "", 0, ""}, events::trading_resumed{"x"}}, line);
  storage::seal_line(line);
  CHECK(line.back() == '\n');
  const std::string_view body(line.data(), line.size() - 1);
  CHECK(body.substr(body.size() - storage::crc_suffix_size, 8) == ",\"crc\":\"");
  CHECK(storage::check_line(body).empty());
}

TEST_CASE("any flipped byte in a sealed line is detected") {
  std::string line;
  events::encode({{12, 34, "k", 0, ""}, events::order_accepted{"order-1", "251122000000123"}}, line);
  storage::seal_line(line);
  line.pop_back();
  for (std::size_t i = 0; i < line.size(); ++i) {
    std::string damaged = line;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x04);
    CAPTURE(i);
    CHECK_FALSE(storage::check_line(damaged).empty());
  }
}

TEST_CASE("lines without a checksum are not journal lines") {
  CHECK(storage::check_line(R"({"seq":1,"ts":2,"type":"TradingResumed","reason":"x"})") ==
        "checksum field missing");
  CHECK(storage::check_line("") == "not a journal line");
  CHECK(storage::check_line(R"({"seq":1,"crc":"zzzzzzzz"})") == "checksum field malformed");
}
