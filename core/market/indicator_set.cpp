#include "core/market/indicator_set.hpp"

#include <charconv>
#include <optional>

#include "core/market/adx.hpp"
#include "core/market/atr.hpp"
#include "core/market/bands.hpp"
#include "core/market/kalman.hpp"
#include "core/market/moving_averages.hpp"
#include "core/market/rsi.hpp"
#include "core/market/vwap.hpp"

namespace strike::core::market {

struct indicator_set::item {
  virtual ~item() = default;
  virtual void update(const bar& b) = 0;
  virtual void values(std::vector<std::optional<double>>& out) const = 0;
};

namespace {

using value_list = std::vector<std::optional<double>>;
constexpr double rupees = 100.0;  // paise per rupee

std::optional<double> when(bool ready, double v) {
  return ready ? std::optional(v) : std::nullopt;
}

struct sma_item final : indicator_set::item {
  explicit sma_item(int n) : ind(n) {}
  void update(const bar& b) override { ind.update(b.close); }
  void values(value_list& out) const override {
    out.push_back(when(ind.ready(), ind.value() / rupees));
  }
  sma ind;
};
struct ema_item final : indicator_set::item {
  explicit ema_item(int n) : ind(n) {}
  void update(const bar& b) override { ind.update(static_cast<double>(b.close)); }
  void values(value_list& out) const override {
    out.push_back(when(ind.ready(), ind.value() / rupees));
  }
  ema ind;
};
struct rsi_item final : indicator_set::item {
  explicit rsi_item(int n) : ind(n) {}
  void update(const bar& b) override { ind.update(static_cast<double>(b.close)); }
  void values(value_list& out) const override { out.push_back(when(ind.ready(), ind.value())); }
  rsi ind;
};
struct atr_item final : indicator_set::item {
  explicit atr_item(int n) : ind(n) {}
  void update(const bar& b) override {
    ind.update(static_cast<double>(b.high), static_cast<double>(b.low),
               static_cast<double>(b.close));
  }
  void values(value_list& out) const override {
    out.push_back(when(ind.ready(), ind.value() / rupees));
  }
  atr ind;
};
struct adx_item final : indicator_set::item {
  explicit adx_item(int n) : ind(n) {}
  void update(const bar& b) override {
    ind.update(static_cast<double>(b.high), static_cast<double>(b.low),
               static_cast<double>(b.close));
  }
  void values(value_list& out) const override {
    out.push_back(when(ind.ready(), ind.value()));
    out.push_back(when(ind.di_ready(), ind.plus_di()));
    out.push_back(when(ind.di_ready(), ind.minus_di()));
  }
  adx ind;
};
struct vwap_item final : indicator_set::item {
  void update(const bar& b) override { ind.update(b); }
  void values(value_list& out) const override {
    out.push_back(when(ind.ready(), ind.value() / rupees));
  }
  vwap ind;
};
struct bb_item final : indicator_set::item {
  bb_item(int n, double k) : ind(n, k) {}
  void update(const bar& b) override { ind.update(b.close); }
  void values(value_list& out) const override {
    out.push_back(when(ind.ready(), ind.mid() / rupees));
    out.push_back(when(ind.ready(), ind.upper() / rupees));
    out.push_back(when(ind.ready(), ind.lower() / rupees));
  }
  bollinger ind;
};
struct z_item final : indicator_set::item {
  explicit z_item(int n) : ind(n) {}
  void update(const bar& b) override { ind.update(b.close); }
  void values(value_list& out) const override { out.push_back(when(ind.ready(), ind.value())); }
  zscore ind;
};
struct kalman_item final : indicator_set::item {
  kalman_item(double q, int n) : ind(q, n) {}
  void update(const bar& b) override { ind.update(static_cast<double>(b.close)); }
  void values(value_list& out) const override {
    out.push_back(when(ind.ready(), ind.mean() / rupees));
    out.push_back(when(ind.ready(), ind.zscore()));
  }
  kalman_mean ind;
};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (;;) {
    const auto at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

template <class T>
std::optional<T> number(std::string_view s) {
  T v{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

indicator_set::indicator_set(indicator_set&&) noexcept = default;
indicator_set& indicator_set::operator=(indicator_set&&) noexcept = default;
indicator_set::~indicator_set() = default;

result<indicator_set> indicator_set::parse(std::string_view spec) {
  indicator_set set;
  for (std::string_view raw : split(spec, ',')) {
    const std::string_view token = trim(raw);
    const std::string tok(token);
    auto fail = [&](const std::string& why) { return error{"indicator '" + tok + "': " + why}; };
    const auto parts = split(token, ':');
    const std::string_view name = parts[0];
    auto period = [&](std::size_t i, int fallback) -> std::optional<int> {
      if (parts.size() <= i) return fallback;
      auto n = number<int>(parts[i]);
      if (!n || *n < 1 || *n > 100'000) return std::nullopt;
      return n;
    };
    const std::size_t max_parts = name == "bb" || name == "kalman" ? 3 : name == "vwap" ? 1 : 2;
    if (token.empty()) return error{"empty item in '" + std::string(spec) + "'"};
    if (parts.size() > max_parts) return fail("too many parameters");
    for (const auto& c : set.columns_)
      if (c == tok) return fail("listed twice");
    const auto n = period(1, name == "rsi" || name == "atr" || name == "adx" ? 14 : 20);
    if (!n && name != "kalman" && name != "vwap")
      return fail("period must be a whole number from 1 to 100000");
    if (name == "sma") {
      set.items_.push_back(std::make_unique<sma_item>(*n));
      set.columns_.push_back(tok);
    } else if (name == "ema") {
      set.items_.push_back(std::make_unique<ema_item>(*n));
      set.columns_.push_back(tok);
    } else if (name == "rsi") {
      set.items_.push_back(std::make_unique<rsi_item>(*n));
      set.columns_.push_back(tok);
    } else if (name == "atr") {
      set.items_.push_back(std::make_unique<atr_item>(*n));
      set.columns_.push_back(tok);
    } else if (name == "adx") {
      set.items_.push_back(std::make_unique<adx_item>(*n));
      const std::string rest(token.substr(3));
      set.columns_.insert(set.columns_.end(), {tok, "+di" + rest, "-di" + rest});
    } else if (name == "vwap") {
      set.items_.push_back(std::make_unique<vwap_item>());
      set.columns_.push_back(tok);
    } else if (name == "bb") {
      const auto k = parts.size() > 2 ? number<double>(parts[2]) : std::optional(2.0);
      if (!k || !(*k > 0)) return fail("width must be a positive number of standard deviations");
      set.items_.push_back(std::make_unique<bb_item>(*n, *k));
      set.columns_.insert(set.columns_.end(), {tok + ":mid", tok + ":upper", tok + ":lower"});
    } else if (name == "z") {
      set.items_.push_back(std::make_unique<z_item>(*n));
      set.columns_.push_back(tok);
    } else if (name == "kalman") {
      const auto q = parts.size() > 1 ? number<double>(parts[1]) : std::optional(0.01);
      if (!q || !(*q > 0)) return fail("q must be a positive number");
      const auto window = period(2, 20);
      if (!window) return fail("window must be a whole number from 1 to 100000");
      set.items_.push_back(std::make_unique<kalman_item>(*q, *window));
      set.columns_.insert(set.columns_.end(), {tok, tok + ":z"});
    } else {
      return fail("unknown indicator (known: sma, ema, rsi, atr, adx, vwap, bb, z, kalman)");
    }
  }
  return set;
}

void indicator_set::update(const bar& b) {
  for (auto& i : items_) i->update(b);
}

void indicator_set::values(std::vector<std::optional<double>>& out) const {
  out.clear();
  for (const auto& i : items_) i->values(out);
}

void indicator_set::append_csv(std::string& out) const {
  std::vector<std::optional<double>> vs;
  values(vs);
  for (const auto& v : vs) {
    out += ',';
    if (!v) continue;
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);
    out.append(buf, end);
  }
}

}  // namespace strike::core::market
