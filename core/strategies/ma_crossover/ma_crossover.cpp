#include "core/strategies/ma_crossover/ma_crossover.hpp"

namespace strike::core::strategies {

namespace ev = strike::events;

namespace {

std::string reason(const ma_crossover_params& p, std::string_view direction) {
  return "SMA(" + std::to_string(p.fast) + ") crossed " + std::string(direction) + " SMA(" +
         std::to_string(p.slow) + ") on " + std::string(ev::to_string(p.timeframe)) + " closes";
}

}  // namespace

ma_crossover::ma_crossover(ma_crossover_params p)
    : p_(std::move(p)),
      tracker_(p_.fast, p_.slow),
      above_reason_(reason(p_, "above")),
      below_reason_(reason(p_, "below")) {}

std::vector<std::pair<ev::timeframe, int>> ma_crossover::warmup() const {
  // Enough history for the slow average, and one bar more to know the side before the session.
  return {{p_.timeframe, p_.slow + 1}};
}

void ma_crossover::on_bar(const std::string& instrument, ev::timeframe tf, const market::bar& b,
                          const core::strategy::snapshot&, bool warming,
                          core::strategy::decisions& out) {
  if (tf != p_.timeframe || instrument != p_.instrument) return;
  const crossing c = tracker_.update(b.close);
  if (c == crossing::none || warming) return;
  signal(c, out);
}

void ma_crossover::signal(crossing c, core::strategy::decisions& out) const {
  const bool up = c == crossing::up;
  out.signals.push_back(
      ev::signal_raised{std::string(name()), p_.instrument,
                        up ? ev::signal_action::enter_long : ev::signal_action::enter_short,
                        up ? above_reason_ : below_reason_, 0});
}

}  // namespace strike::core::strategies
