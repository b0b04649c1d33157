#include "daemon/optimize/walk_forward.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>

#include "base/file_io.hpp"
#include "daemon/commands/stats_format.hpp"
#include "daemon/optimize/progress.hpp"
#include "daemon/optimize/results.hpp"
#include "daemon/optimize/tally.hpp"

namespace strike::daemon::optimize {

namespace {

std::string window_json(const std::vector<core::civil_date>& days) {
  return "{\"from\":\"" + core::format_date(days.front()) + "\",\"to\":\"" +
         core::format_date(days.back()) + "\",\"sessions\":" + std::to_string(days.size()) + "}";
}

// The training window optimised into dir; the tally's best is the trial chosen.
result<sweep_tally::chosen> optimise_window(const sweep_run& r, const walk_window& w,
                                            const std::filesystem::path& dir,
                                            const std::string& name, bool& any) {
  const sweep& plan = *r.setup->plan;
  if (auto s = base::ensure_directory(dir); !s) return s.error();
  trial_setup train = *r.setup;
  train.from = w.train.front();
  train.to = w.train.back();
  std::ofstream results(dir / "results.jsonl", std::ios::binary | std::ios::trunc);
  // A short window cannot be cut into the blocks asked for: as many as it has sessions.
  const int blocks =
      std::max(2, std::min(r.identity.pbo_blocks, static_cast<int>(w.train.size()) / 2 * 2));
  sweep_tally tally(plan, blocks, results);
  progress shown(name, plan.trials(), r.quiet);
  if (auto s = tally_trials(train, {0, 1, plan.trials()}, r.jobs, tally, shown, name + " "); !s)
    return s.error();
  results.close();
  if (!results) return error{(dir / "results.jsonl").string() + ": cannot write"};
  if (auto s = tally.finish(dir, peak_rss_kb(), false); !s) return s.error();
  any = tally.best().has_value();
  if (!any) return sweep_tally::chosen{};
  return *tally.best();
}

}  // namespace

result<walk_forward_spec> parse_walk_forward(const std::string& text) {
  walk_forward_spec s;
  const auto bad = error{"--walk-forward " + text +
                         ": TRAIN:TEST or TRAIN:TEST:anchored, in sessions (e.g. 60:20)"};
  const auto colon = text.find(':');
  if (colon == std::string::npos) return bad;
  auto rest = std::string_view(text).substr(colon + 1);
  const auto second = rest.find(':');
  const auto test_text = rest.substr(0, second);
  if (second != std::string_view::npos) {
    if (rest.substr(second + 1) != "anchored") return bad;
    s.anchored = true;
  }
  const auto train_text = std::string_view(text).substr(0, colon);
  const auto number = [](std::string_view t, int& v) {
    return !t.empty() &&
           std::from_chars(t.data(), t.data() + t.size(), v).ptr == t.data() + t.size();
  };
  if (!number(train_text, s.train) || !number(test_text, s.test) || s.train < 1 || s.test < 1 ||
      s.train > 5000 || s.test > 5000)
    return bad;
  return s;
}

result<std::vector<walk_window>> walk_windows(const std::vector<core::civil_date>& sessions,
                                              const walk_forward_spec& spec) {
  const auto n = static_cast<int>(sessions.size());
  if (n < spec.train + 1)
    return error{"--walk-forward: " + std::to_string(n) +
                 " sessions from --from to --to, too few for " + std::to_string(spec.train) +
                 " to train on and one to test"};
  std::vector<walk_window> out;
  for (int test_start = spec.train; test_start < n; test_start += spec.test) {
    walk_window w;
    const int train_start = spec.anchored ? 0 : test_start - spec.train;
    w.train.assign(sessions.begin() + train_start, sessions.begin() + test_start);
    w.test.assign(sessions.begin() + test_start,
                  sessions.begin() + std::min(n, test_start + spec.test));
    out.push_back(std::move(w));
  }
  return out;
}

status run_walk_forward(const sweep_run& r, const walk_forward_spec& spec,
                        const core::session_calendar& calendar, std::int64_t capital_paise) {
  const sweep& plan = *r.setup->plan;
  std::vector<core::civil_date> sessions;
  for (auto d = core::days_from_civil(r.setup->from); d <= core::days_from_civil(r.setup->to); ++d)
    if (calendar.schedule(core::civil_from_days(d)).trading)
      sessions.push_back(core::civil_from_days(d));
  auto windows = walk_windows(sessions, spec);
  if (!windows) return windows.error();
  if (auto s = base::ensure_directory(r.out); !s) return s;
  if (std::filesystem::exists(r.out / "walk_forward.jsonl"))
    return error{(r.out / "walk_forward.jsonl").string() + ": the directory holds results already"};

  std::string lines;
  core::report::trading_stats_builder stitched(capital_paise);
  double in_sample_sum = 0, out_sample_sum = 0;
  int chosen_windows = 0;
  const auto count = windows->size();
  for (std::size_t k = 0; k < count; ++k) {
    const auto& w = (*windows)[k];
    const auto name = "window-" + std::to_string(k);
    bool any = false;
    auto best =
        optimise_window(r, w, r.out / name,
                        "walk-forward " + std::to_string(k + 1) + "/" + std::to_string(count), any);
    if (!best) return best.error();
    std::string line = "{\"window\":" + std::to_string(k) + ",\"train\":" + window_json(w.train) +
                       ",\"test\":" + window_json(w.test);
    std::string row;
    if (!any) {
      line += ",\"trial\":null}\n";
      row = "no trial met the constraints; not traded";
    } else {
      trial_setup test = *r.setup;
      test.from = w.test.front();
      test.to = w.test.back();
      const auto outcome = run_trial(test, best->id, &stitched);
      std::string out_line = result_line(plan, outcome);
      out_line.pop_back();
      const double out_value = objective_value(plan.goal, outcome.stats);
      line += ",\"trial\":" + std::to_string(best->id) + ",\"in_sample\":" + best->line +
              ",\"out_of_sample\":" + out_line + "}\n";
      row = "trial " + std::to_string(best->id) + ", in-sample " + to_toml(best->objective) +
            ", out-of-sample " + (outcome.error.empty() ? to_toml(out_value) : outcome.error);
      in_sample_sum += best->objective;
      out_sample_sum += out_value;
      ++chosen_windows;
    }
    lines += line;
    std::printf("window %zu: train %s..%s, test %s..%s: %s\n", k,
                core::format_date(w.train.front()).c_str(),
                core::format_date(w.train.back()).c_str(),
                core::format_date(w.test.front()).c_str(), core::format_date(w.test.back()).c_str(),
                row.c_str());
  }

  std::string equity = "date,net_paise,equity_paise\n";
  std::int64_t total = 0;
  for (const auto& [day, net] : stitched.daily_net()) {
    total += net;
    equity += day + "," + std::to_string(net) + "," + std::to_string(total) + "\n";
  }
  const auto out_stats = stitched.result();
  std::string stats = stats_json(out_stats);
  stats.pop_back();
  const auto mean = [&](double sum) {
    return chosen_windows ? to_toml(sum / chosen_windows) : std::string("null");
  };
  const std::string summary =
      "{\"windows\":" + std::to_string(count) +
      ",\"train_sessions\":" + std::to_string(spec.train) +
      ",\"test_sessions\":" + std::to_string(spec.test) +
      ",\"anchored\":" + (spec.anchored ? "true" : "false") + ",\"objective\":\"" +
      std::string(to_string(plan.goal)) +
      "\",\"out_of_sample\":{\"objective\":" + to_toml(objective_value(plan.goal, out_stats)) +
      ",\"window_mean\":" + mean(out_sample_sum) + ",\"stats\":" + stats +
      "},\"in_sample\":{\"window_mean\":" + mean(in_sample_sum) +
      "},\"peak_rss_kb\":" + std::to_string(peak_rss_kb()) + ",\"finished\":true}\n";
  using named = std::pair<const char*, const std::string*>;
  for (const auto& [file, text] : {named{"equity.csv", &equity}, named{"summary.json", &summary},
                                   named{"walk_forward.jsonl", &lines}})
    if (auto s = base::write_file_atomic(r.out / file, *text, 0644); !s) return s;
  std::printf(
      "out of sample, %lld sessions: %s %s (in sample, the windows' best: %s on average)\n%s",
      static_cast<long long>(out_stats.days), std::string(to_string(plan.goal)).c_str(),
      to_toml(objective_value(plan.goal, out_stats)).c_str(), mean(in_sample_sum).c_str(),
      stats_table(out_stats).c_str());
  return {};
}

}  // namespace strike::daemon::optimize
