// A strict reader of the Prometheus text exposition format (version 0.0.4), for checking what
// /metrics serves. Stricter than Prometheus where our renderer should be: every family has a
// HELP line and then a TYPE line before its samples, no blank lines, counters end in "_total".
// Besides the syntax (metric and label names, quoted label values and their escapes, float
// values, optional timestamps), it checks that a family's samples are contiguous, that no
// series repeats, and that histograms are whole: per label set, "le" buckets with increasing
// bounds and cumulative counts ending at "+Inf", then _sum and _count, with _count equal to the
// +Inf bucket.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace strike::test::prometheus {

struct sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct family {
  std::string name, help, type;
  std::vector<sample> samples;
};

// Thrown with "line N: what is wrong: the line".
struct format_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

namespace detail {

inline const std::regex metric_name{"[a-zA-Z_:][a-zA-Z0-9_:]*"};
inline const std::regex label_name{"[a-zA-Z_][a-zA-Z0-9_]*"};
inline const std::regex float_value{R"([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]Inf|NaN)"};
inline const std::regex timestamp{R"(-?\d+)"};

inline double to_double(const std::string& text) {
  if (text == "+Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  if (text == "NaN") return NAN;
  return std::stod(text);
}

class reader {
 public:
  explicit reader(std::string_view text) : text_(text) {}

  std::vector<family> read() {
    if (text_.empty() || text_.back() != '\n') fail("the text must end with a newline");
    std::size_t at = 0;
    while (at < text_.size()) {
      const auto nl = text_.find('\n', at);
      line_ = std::string(text_.substr(at, nl - at));
      ++line_no_;
      at = nl + 1;
      read_line();
    }
    for (const auto& f : families_) check_family(f);
    return families_;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw format_error("line " + std::to_string(line_no_) + ": " + what + ": " + line_);
  }

  void read_line() {
    if (line_.empty()) fail("blank line");
    if (line_.find('\r') != std::string::npos) fail("carriage return");
    if (line_.rfind("# HELP ", 0) == 0) return read_help();
    if (line_.rfind("# TYPE ", 0) == 0) return read_type();
    if (line_[0] == '#') return;  // a comment
    read_sample();
  }

  // "# HELP name text": starts a family.
  void read_help() {
    const auto rest = line_.substr(7);
    const auto sp = rest.find(' ');
    const std::string name = rest.substr(0, sp);
    if (!std::regex_match(name, metric_name)) fail("bad metric name in HELP");
    if (sp == std::string::npos || sp + 1 == rest.size()) fail("HELP without text");
    const std::string help = rest.substr(sp + 1);
    for (std::size_t i = 0; i < help.size(); ++i)
      if (help[i] == '\\' && (++i == help.size() || (help[i] != '\\' && help[i] != 'n'))) fail("bad escape in HELP");
    if (!seen_.insert(name).second) fail("family " + name + " appears twice");
    families_.push_back({name, help, "", {}});
  }

  void read_type() {
    const auto rest = line_.substr(7);
    const auto sp = rest.find(' ');
    if (sp == std::string::npos) fail("TYPE without a type");
    const std::string name = rest.substr(0, sp), type = rest.substr(sp + 1);
    if (families_.empty() || families_.back().name != name) fail("TYPE not right after its HELP");
    auto& f = families_.back();
    if (!f.type.empty()) fail("second TYPE");
    if (!f.samples.empty()) fail("TYPE after samples");
    static const std::set<std::string> types{"counter", "gauge", "histogram", "summary", "untyped"};
    if (!types.count(type)) fail("unknown type '" + type + "'");
    if (type == "counter" && !name.ends_with("_total")) fail("a counter's name must end in _total");
    f.type = type;
  }

  // The family a sample name belongs to, for the family being read.
  bool belongs(const family& f, const std::string& name) const {
    if (f.type == "histogram") return name == f.name + "_bucket" || name == f.name + "_sum" || name == f.name + "_count";
    if (f.type == "summary") return name == f.name || name == f.name + "_sum" || name == f.name + "_count";
    return name == f.name;
  }

  void read_sample() {
    std::size_t i = 0;
    while (i < line_.size() && line_[i] != '{' && line_[i] != ' ') ++i;
    sample s;
    s.name = line_.substr(0, i);
    if (!std::regex_match(s.name, metric_name)) fail("bad metric name");
    if (families_.empty() || families_.back().type.empty()) fail("sample before its family's HELP and TYPE");
    auto& f = families_.back();
    if (!belongs(f, s.name)) fail("sample outside its family (" + f.name + " is being read)");
    if (i < line_.size() && line_[i] == '{') i = read_labels(i + 1, s);
    if (i >= line_.size() || line_[i] != ' ') fail("no space before the value");
    const auto rest = line_.substr(i + 1);
    const auto sp = rest.find(' ');
    const std::string value = rest.substr(0, sp);
    if (!std::regex_match(value, float_value)) fail("bad value '" + value + "'");
    if (sp != std::string::npos && !std::regex_match(rest.substr(sp + 1), timestamp)) fail("bad timestamp");
    s.value = to_double(value);
    std::string series = s.name;
    for (const auto& [k, v] : s.labels) series += "," + k + "=" + v;
    if (!series_.insert(series).second) fail("repeated series");
    f.samples.push_back(std::move(s));
  }

  // Reads `name="value",...}` from position i; returns the position after the '}'.
  std::size_t read_labels(std::size_t i, sample& s) {
    while (i < line_.size() && line_[i] != '}') {
      const auto eq = line_.find('=', i);
      if (eq == std::string::npos) fail("label without '='");
      const std::string name = line_.substr(i, eq - i);
      if (!std::regex_match(name, label_name) || name.starts_with("__")) fail("bad label name '" + name + "'");
      if (eq + 1 >= line_.size() || line_[eq + 1] != '"') fail("label value not quoted");
      std::string value;
      for (i = eq + 2; i < line_.size() && line_[i] != '"'; ++i) {
        if (line_[i] == '\\') {
          if (++i == line_.size() || (line_[i] != '\\' && line_[i] != '"' && line_[i] != 'n')) fail("bad escape in label value");
        }
        value += line_[i];
      }
      if (i >= line_.size()) fail("unterminated label value");
      if (!s.labels.emplace(name, value).second) fail("label '" + name + "' repeated");
      ++i;  // the closing quote
      if (i < line_.size() && line_[i] == ',') ++i;
      else if (i < line_.size() && line_[i] != '}') fail("expected ',' or '}' after a label");
    }
    if (i >= line_.size()) fail("unterminated label set");
    return i + 1;
  }

  void check_family(const family& f) {
    line_ = "family " + f.name;
    if (f.type.empty()) fail("no TYPE");
    for (const auto& s : f.samples) {
      const bool counts = f.type == "counter" || s.name.ends_with("_count") || s.name.ends_with("_bucket");
      if (counts && (!(s.value >= 0) || std::isinf(s.value) || s.value != std::floor(s.value)))
        fail(s.name + " must be a whole number >= 0");
    }
    if (f.type == "histogram") check_histogram(f);
  }

  void check_histogram(const family& f) {
    struct series {
      std::vector<std::pair<double, double>> buckets;  // (le, count) in order
      std::optional<double> sum, count;
    };
    std::map<std::map<std::string, std::string>, series> by_labels;
    for (const auto& s : f.samples) {
      auto labels = s.labels;
      if (s.name.ends_with("_bucket")) {
        if (!labels.count("le")) fail(s.name + " without le");
        const std::string le = labels["le"];
        if (!std::regex_match(le, float_value)) fail("bad le '" + le + "'");
        labels.erase("le");
        auto& b = by_labels[labels];
        if (b.sum || b.count) fail("bucket after _sum or _count");
        b.buckets.emplace_back(to_double(le), s.value);
      } else if (s.name.ends_with("_sum")) {
        by_labels[labels].sum = s.value;
      } else {
        auto& b = by_labels[labels];
        if (!b.sum) fail("_count before _sum");
        b.count = s.value;
      }
    }
    for (const auto& [labels, b] : by_labels) {
      if (b.buckets.empty() || !std::isinf(b.buckets.back().first)) fail("buckets do not end with le=\"+Inf\"");
      for (std::size_t i = 1; i < b.buckets.size(); ++i) {
        if (!(b.buckets[i].first > b.buckets[i - 1].first)) fail("bucket bounds not increasing");
        if (b.buckets[i].second < b.buckets[i - 1].second) fail("bucket counts not cumulative");
      }
      if (!b.sum || !b.count) fail("no _sum or no _count");
      if (*b.count != b.buckets.back().second) fail("_count differs from the +Inf bucket");
    }
  }

  std::string_view text_;
  std::string line_;
  int line_no_ = 0;
  std::vector<family> families_;
  std::set<std::string> seen_;    // family names
  std::set<std::string> series_;  // name and labels of every sample
};

}  // namespace detail

inline std::vector<family> parse(std::string_view text) { return detail::reader(text).read(); }

}  // namespace strike::test::prometheus
