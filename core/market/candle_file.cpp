#include "core/market/candle_file.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/market/bar_checks.hpp"
#include "core/market/candle_time.hpp"
#include "core/market/decimal_text.hpp"

namespace strike::core::market {
namespace {

constexpr std::array<const char*, 7> field_names{"timestamp", "open",   "high", "low",
                                                 "close",     "volume", "oi"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

// Splits a JSONL line "[a, b, ...]" into its raw elements; strings keep their quotes.
// Returns false with `why` when the line is not such an array.
bool split_array(std::string_view line, std::vector<std::string_view>& out, std::string& why) {
  out.clear();
  line = trim(line);
  if (line.size() < 2 || line.front() != '[' || line.back() != ']') {
    why =
        "expected one JSON array per line: [\"2023-09-06T11:15:00+05:30\", 19571.2, 19573.35, "
        "19534.4, 19552.05, 0]";
    return false;
  }
  std::string_view body = line.substr(1, line.size() - 2);
  std::size_t i = 0;
  while (i <= body.size()) {
    std::size_t start = i;
    if (i < body.size() && trim(body.substr(i)).starts_with('"')) {
      start = body.find('"', i);
      const auto close = body.find('"', start + 1);
      if (close == std::string_view::npos) {
        why = "unterminated string";
        return false;
      }
      if (body.substr(start, close - start).find('\\') != std::string_view::npos) {
        why = "escapes are not expected in a candle";
        return false;
      }
      i = close + 1;
    }
    const auto comma = body.find(',', i);
    const std::string_view element =
        trim(body.substr(start, (comma == std::string_view::npos ? body.size() : comma) - start));
    if (element.empty()) {
      if (out.empty() && comma == std::string_view::npos) return true;  // []
      why = "empty element";
      return false;
    }
    out.push_back(element);
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  return true;
}

class row_parser {
 public:
  row_parser(candle_data& data) : data_(data) {}

  void problem(int line, std::string field, std::string message, bool warning = false) {
    data_.problems.push_back({line, std::move(field), std::move(message), warning});
  }

  // fields: raw text of timestamp, open, high, low, close, volume[, oi]; JSON strings quoted.
  void row(int line, const std::vector<std::string_view>& fields, bool json) {
    if (fields.size() != 6 && fields.size() != 7) {
      problem(line, "line",
              "expected 6 fields (timestamp, open, high, low, close, volume) or 7 with oi, found " +
                  std::to_string(fields.size()));
      return;
    }
    const std::size_t before = data_.problems.size();
    bar b;
    std::string_view ts = fields[0];
    if (json) {
      if (ts.size() < 2 || ts.front() != '"') problem(line, "timestamp", "must be a string");
      ts = unquote(ts);
    } else {
      ts = unquote(ts);
    }
    if (auto t = parse_candle_time(ts)) {
      b.start_ns = *t;
      data_.starts.push_back(*t);
    } else
      problem(line, "timestamp", t.error().message);
    std::int64_t* targets[] = {&b.open, &b.high, &b.low, &b.close, &b.volume, &b.oi};
    for (std::size_t f = 1; f < fields.size(); ++f) {
      std::string_view text = fields[f];
      if (json && text.starts_with('"')) {
        problem(line, field_names[f], "must be a number, not a string");
        continue;
      }
      if (!json) text = unquote(text);
      auto v = f <= 4 ? parse_paise(text) : parse_whole(text);
      if (!v) {
        problem(line, field_names[f], v.error().message);
        continue;
      }
      if (*v < 0 || (f <= 4 && *v == 0)) {
        problem(line, field_names[f],
                std::string(f <= 4 ? "must be positive" : "must not be negative") + ", is '" +
                    std::string(text) + "'");
        continue;
      }
      *targets[f - 1] = *v;
    }
    if (data_.problems.size() != before) return;
    switch (check_bar(b)) {
      case bar_fault::high_below_low:
        problem(line, "high",
                "high " + format_rupees(b.high) + " is below low " + format_rupees(b.low));
        return;
      case bar_fault::open_outside_range:
        problem(line, "open",
                "open " + format_rupees(b.open) + " is outside [low " + format_rupees(b.low) +
                    ", high " + format_rupees(b.high) + "]");
        return;
      case bar_fault::close_outside_range:
        problem(line, "close",
                "close " + format_rupees(b.close) + " is outside [low " + format_rupees(b.low) +
                    ", high " + format_rupees(b.high) + "]");
        return;
      default:
        break;
    }
    if (fields.size() == 7) data_.has_oi = true;
    data_.rows.push_back({line, b});
  }

 private:
  candle_data& data_;
};

void parse_csv_header(std::string_view line, candle_data& data, row_parser& p) {
  std::string norm;
  for (char c : line)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '"')
      norm += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (norm == "timestamp,open,high,low,close,volume") return;
  if (norm == "timestamp,open,high,low,close,volume,oi") {
    data.has_oi = true;
    return;
  }
  p.problem(1, "line",
            "the header must be timestamp,open,high,low,close,volume (optionally ,oi), found '" +
                std::string(trim(line)) + "'");
}

}  // namespace

std::size_t candle_data::errors() const {
  return static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(), [](const auto& p) { return !p.warning; }));
}

std::size_t candle_data::warnings() const {
  return problems.size() - errors();
}

std::vector<std::string> candle_data::report() const {
  std::vector<const candle_problem*> sorted;
  for (const auto& p : problems) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](auto* a, auto* b) { return a->line < b->line; });
  std::vector<std::string> out;
  for (const auto* p : sorted) {
    std::string s = name + ":" + std::to_string(p->line);
    if (!p->field.empty()) s += ":" + p->field;
    s += ": ";
    if (p->warning) s += "warning: ";
    out.push_back(s + p->message);
  }
  return out;
}

candle_format guess_format(std::string_view name, std::string_view text) {
  if (name.ends_with(".csv") || name.ends_with(".CSV")) return candle_format::csv;
  if (name.ends_with(".jsonl") || name.ends_with(".json") || name.ends_with(".JSONL"))
    return candle_format::jsonl;
  return trim(text).starts_with('[') ? candle_format::jsonl : candle_format::csv;
}

candle_data parse_candles(std::string_view text, std::string name, candle_format format) {
  candle_data data;
  data.name = std::move(name);
  data.format = format;
  row_parser p(data);
  std::vector<std::string_view> fields;
  std::string why;
  int line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    std::string_view s =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line;
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    if (format == candle_format::csv && line == 1) {
      parse_csv_header(s, data, p);
      // A first line that is itself a candle is still read as one.
      if (data.problems.empty() || trim(s).empty() ||
          !std::isdigit(static_cast<unsigned char>(trim(s)[0])))
        continue;
    }
    if (trim(s).empty()) continue;
    if (format == candle_format::jsonl) {
      if (!split_array(s, fields, why)) {
        p.problem(line, "line", why);
        continue;
      }
      p.row(line, fields, true);
    } else {
      fields.clear();
      std::string_view rest = s;
      for (;;) {
        const auto comma = rest.find(',');
        fields.push_back(trim(rest.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      p.row(line, fields, false);
    }
  }
  if (line == 0 || (data.rows.empty() && data.problems.empty()))
    p.problem(0, "", "no candles in the file");
  return data;
}

}  // namespace strike::core::market
