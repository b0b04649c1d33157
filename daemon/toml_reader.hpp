// Strict reading of one TOML table: every key read is checked for type and range, and every
// key left unread is an error. Errors read "file:line:column: message".
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace strike::daemon {

class toml_reader {
 public:
  // table may be null (the section is absent: every key takes its default).
  toml_reader(const toml::table* table, std::string section, std::string file,
              std::vector<std::string>& errors);

  std::string text(std::string_view key, std::string fallback);
  std::string one_of(std::string_view key, std::string fallback,
                     std::initializer_list<std::string_view> allowed);
  std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);
  double number(std::string_view key, double fallback, double min, double max);
  bool boolean(std::string_view key, bool fallback);
  // "HH:MM" as minutes after midnight.
  int time_of_day(std::string_view key, int fallback_minutes);
  // A path; relative paths are taken relative to the config file's directory.
  std::filesystem::path path(std::string_view key, std::filesystem::path fallback);
  std::vector<std::string> text_list(std::string_view key, std::vector<std::string> fallback);
  // An array of numbers, each within [min, max].
  std::vector<double> number_list(std::string_view key, std::vector<double> fallback, double min,
                                  double max);

  // A nested table, read with its own reader.
  toml_reader table(std::string_view key);
  // The table at key as it is (null when absent), for sections whose keys belong to someone
  // else to check (a strategy's parameters). Marks the key read.
  const toml::table* raw_table(std::string_view key);
  // An array of tables ([[key]]), one reader each; empty when absent.
  std::vector<toml_reader> table_array(std::string_view key);
  // Whether the key exists (it is then expected to be read).
  bool has(std::string_view key) const;
  // Every key of the table, for tables whose keys are data (an underlying's name).
  std::vector<std::string> keys() const;

  // Reports every key of the table that no call above read.
  void finish();

  // Adds an error located at key (or at the table when key is absent).
  void fail(std::string_view key, const std::string& message);

  const std::string& file() const { return file_; }

 private:
  const toml::node* lookup(std::string_view key);
  std::string where(const toml::node* node) const;
  std::string name(std::string_view key) const;

  const toml::table* table_;
  std::string section_;
  std::string file_;
  std::vector<std::string>& errors_;
  std::set<std::string, std::less<>> read_;
};

}  // namespace strike::daemon
