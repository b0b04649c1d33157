#include "daemon/report/run_parameters.hpp"

#include <toml++/toml.h>

#include <sstream>

#include "base/file_io.hpp"
#include "core/sha256.hpp"

namespace strike::daemon::report {

namespace {

constexpr const char* traded_sections[] = {"strategy", "exits", "risk", "ladder", "vix"};

void flatten(const toml::node& node, const std::string& name,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (const auto* table = node.as_table()) {
    for (const auto& [key, value] : *table)
      flatten(value, name + "." + std::string(key.str()), out);
    return;
  }
  std::ostringstream text;
  if (const auto* array = node.as_array())
    text << toml::json_formatter(*array);
  else
    node.visit([&text](const auto& value) { text << value; });
  std::string value = text.str();
  // Arrays of tables print over several lines; one line reads better in the header.
  std::string line;
  bool space = false;
  for (char c : value) {
    const bool blank = c == '\n' || c == ' ' || c == '\t';
    if (blank && !space && !line.empty()) line += ' ';
    if (!blank) line += c;
    space = blank;
  }
  out.emplace_back(name, line);
}

}  // namespace

void read_run_parameters(run_header& h) {
  if (h.config_path.empty()) {
    h.parameters_note = "unknown: the journal names no configuration";
    return;
  }
  auto bytes = base::read_file(h.config_path);
  if (!bytes) {
    h.parameters_note = "unknown: " + h.config_path + " cannot be read";
    return;
  }
  if (core::sha256_hex(*bytes) != h.config_sha256) {
    h.parameters_note = "unknown: " + h.config_path + " has changed since the run";
    return;
  }
  try {
    const toml::table root = toml::parse(*bytes, h.config_path);
    for (const char* section : traded_sections)
      if (const auto* node = root.get(section)) flatten(*node, section, h.parameters);
  } catch (const toml::parse_error& e) {
    h.parameters_note = "unknown: " + h.config_path + ": " + std::string(e.description());
    return;
  }
  if (h.parameters.empty()) h.parameters_note = "the defaults (the configuration sets none)";
}

}  // namespace strike::daemon::report
