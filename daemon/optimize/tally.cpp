#include "daemon/optimize/tally.hpp"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "base/file_io.hpp"
#include "daemon/optimize/results.hpp"

namespace strike::daemon::optimize {

namespace {

constexpr std::string_view trial_head = "{\"trial\":";
constexpr std::string_view returns_head = ",\"returns\":[";
constexpr std::string_view result_head = ",\"result\":";

// The parts of a record, the result still as text.
struct parsed_record {
  std::int64_t id = -1;
  std::vector<double> returns;
  std::string_view result;
};

result<parsed_record> parse_record(std::string_view text) {
  parsed_record r;
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (!text.starts_with(trial_head)) return error{"not a trial record"};
  text.remove_prefix(trial_head.size());
  const char* end = text.data() + text.size();
  auto [after_id, bad_id] = std::from_chars(text.data(), end, r.id);
  if (bad_id != std::errc{}) return error{"no trial id"};
  text = {after_id, static_cast<std::size_t>(end - after_id)};
  if (!text.starts_with(returns_head)) return error{"no returns"};
  text.remove_prefix(returns_head.size());
  while (!text.empty() && text.front() != ']') {
    double v = 0;
    auto [next, bad] = std::from_chars(text.data(), end, v);
    if (bad != std::errc{}) return error{"a return that is not a number"};
    r.returns.push_back(v);
    text = {next, static_cast<std::size_t>(end - next)};
    if (text.starts_with(',')) text.remove_prefix(1);
  }
  if (text.empty()) return error{"the returns do not end"};
  text.remove_prefix(1);
  if (!text.starts_with(result_head) || !text.ends_with('}')) return error{"no result"};
  text.remove_prefix(result_head.size());
  text.remove_suffix(1);
  r.result = text;
  return r;
}

}  // namespace

std::string trial_record(const sweep& plan, const trial_outcome& t) {
  std::string out = std::string(trial_head) + std::to_string(t.id) + std::string(returns_head);
  char buf[32];
  for (std::size_t i = 0; i < t.daily_returns.size(); ++i) {
    if (i) out += ',';
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, t.daily_returns[i]);
    out.append(buf, end);
  }
  out += ']';
  out += result_head;
  std::string line = result_line(plan, t);
  line.pop_back();  // its newline
  out += line;
  out += "}\n";
  return out;
}

sweep_tally::sweep_tally(const sweep& plan, int pbo_blocks, std::ostream& results)
    : plan_(plan), blocks_(pbo_blocks), results_(results) {}

status sweep_tally::add(std::string_view record, std::int64_t expected, const std::string& where) {
  auto r = parse_record(record);
  if (!r) return error{where + ": " + r.error().message};
  if (r->id != expected)
    return error{where + ": trial " + std::to_string(r->id) + " where trial " +
                 std::to_string(expected) + " was expected"};
  simdjson::dom::parser parser;
  simdjson::dom::element line;
  if (parser.parse(r->result.data(), r->result.size()).get(line))
    return error{where + ": the trial's result is not JSON"};
  std::int64_t id = -1;
  bool meets = false;
  if (line["trial"].get(id) || id != r->id || line["feasible"].get(meets))
    return error{where + ": the trial's result lacks its id or feasibility"};
  const bool failed = !line["error"].error();
  double objective = std::numeric_limits<double>::quiet_NaN();
  if (!failed && line["objective"].get(objective) && !line["objective"].is_null())
    return error{where + ": the trial's objective is not a number"};

  results_ << r->result << '\n';
  kept k;
  if (failed) {
    ++failed_;
  } else {
    const double sharpe = core::report::sharpe_ratio(r->returns);
    k.daily_sharpe = std::isfinite(sharpe) ? sharpe : 0.0;
    if (auto b = core::report::sum_blocks(r->returns, blocks_))
      k.blocks = std::move(*b);
    else if (pbo_problem_.empty())
      pbo_problem_ = b.error().message;
  }
  kept_.push_back(std::move(k));
  if (meets) {
    ++feasible_;
    // Ties go to the lower trial id, so the best is the same whatever the order of work.
    if (!best_ || objective > best_->objective)
      best_ = chosen{r->id, objective, r->returns, std::string(r->result)};
  }
  return {};
}

std::string sweep_tally::best_so_far() const {
  if (!best_) return "none yet";
  return std::string(to_string(plan_.goal)) + " " + to_toml(best_->objective) + " (trial " +
         std::to_string(best_->id) + ")";
}

status sweep_tally::finish(const std::filesystem::path& out, std::int64_t peak_rss_kb,
                           bool report) const {
  if (report)
    std::printf("%lld trials (%lld feasible, %lld failed)\n", static_cast<long long>(trials()),
                static_cast<long long>(feasible_), static_cast<long long>(failed_));
  std::string summary = "{\"trials\":" + std::to_string(trials()) +
                        ",\"feasible\":" + std::to_string(feasible_) +
                        ",\"failed\":" + std::to_string(failed_);
  if (best_) {
    std::vector<double> sharpes;
    sharpes.reserve(kept_.size());
    for (const auto& k : kept_) sharpes.push_back(k.daily_sharpe);
    const auto d = core::report::deflate_sharpe(best_->returns, sharpes);
    summary += ",\"best\":" + std::to_string(best_->id) + ",\"objective\":\"" +
               std::string(to_string(plan_.goal)) + "\",\"value\":" + to_toml(best_->objective) +
               ",\"deflated_sharpe\":{\"daily_sharpe\":" + to_toml(d.sharpe) +
               ",\"expected_max\":" + to_toml(d.benchmark) +
               ",\"probability\":" + to_toml(d.probability) + "}";
    std::vector<core::report::block_sums> cut;
    for (const auto& k : kept_)
      if (k.blocks) cut.push_back(*k.blocks);
    result<core::report::overfitting_probability> pbo =
        pbo_problem_.empty() ? core::report::backtest_overfitting(cut)
                             : result<core::report::overfitting_probability>(error{pbo_problem_});
    if (pbo)
      summary += ",\"pbo\":{\"probability\":" + to_toml(pbo->probability) +
                 ",\"blocks\":" + std::to_string(blocks_) + "}";
    else
      std::fprintf(stderr, "striked optimize: no probability of overfitting: %s\n",
                   pbo.error().message.c_str());
    const auto fragment = best_toml(plan_, best_->id, plan_.trial(best_->id), best_->objective);
    if (auto s = base::write_file_atomic(out / "best.toml", fragment, 0644); !s) return s;
    if (report)
      std::printf("best trial %lld: %s %s\n%s", static_cast<long long>(best_->id),
                  std::string(to_string(plan_.goal)).c_str(), to_toml(best_->objective).c_str(),
                  fragment.c_str());
    if (report)
      std::printf("deflated Sharpe ratio %.4f (expected best of %lld without skill: %.4f a day)\n",
                  d.probability, static_cast<long long>(trials()), d.benchmark);
    if (pbo && report) std::printf("probability of backtest overfitting %.4f\n", pbo->probability);
  } else if (report) {
    std::printf("no trial met the constraints\n");
  }
  summary += ",\"peak_rss_kb\":" + std::to_string(peak_rss_kb) + ",\"finished\":true}\n";
  return base::write_file_atomic(out / "summary.json", summary, 0644);
}

}  // namespace strike::daemon::optimize
