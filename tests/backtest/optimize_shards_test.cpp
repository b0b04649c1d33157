// A sweep split into shards, as a cluster runs it: the merge of the shards is the single run
// byte for byte, a finished shard is not run again, and a merge refuses shards that are
// missing, present twice, of another run or damaged, naming the shard.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace shard_cases {

using test::optimize_runs::file_text;
using test::optimize_runs::ran;

ran sweep(const test::temp_dir& dir, const std::string& out, const std::string& seed,
          std::vector<std::string> more = {}) {
  more.insert(more.end(), {"--pbo-blocks", "4", "-j", "2"});
  return test::optimize_runs::optimize(dir / "sweep.toml", dir / out, "2026-01-05", "2026-01-09",
                                       seed, more);
}

ran merge(const test::temp_dir& dir, const std::string& out,
          const std::vector<std::string>& shard_dirs) {
  std::vector<std::string> a{"optimize", "merge", "--out", (dir / out).string()};
  for (const auto& d : shard_dirs) a.push_back((dir / d).string());
  return test::optimize_runs::run_striked(a);
}

void copy_shard(const test::temp_dir& dir, const std::string& from, const std::string& to,
                const std::string& name) {
  std::filesystem::create_directories(dir / to);
  for (const auto* ext : {".jsonl", ".done"})
    std::filesystem::copy_file(dir / from / (name + ext), dir / to / (name + ext),
                               std::filesystem::copy_options::overwrite_existing);
}

}  // namespace shard_cases

using namespace shard_cases;

TEST_CASE("three shards merged give the single run's results byte for byte") {
  test::temp_dir dir;
  std::ofstream(dir / "sweep.toml") << R"(objective = "sharpe"
[parameters]
"exits.stop_loss_pct" = [10.0, 20.0, 30.0]
"risk.max_positions" = [1, 2]
)";
  const auto whole = sweep(dir, "whole", "3");
  REQUIRE_MESSAGE(whole.code == 0, whole.err);
  for (int i = 0; i < 3; ++i) {
    const auto shard = sweep(dir, "shards", "3", {"--shard", std::to_string(i) + "/3"});
    REQUIRE_MESSAGE(shard.code == 0, shard.err);
  }
  // A finished shard run again leaves its file as it was.
  const auto before = std::filesystem::last_write_time(dir / "shards" / "shard-1-of-3.jsonl");
  const auto again = sweep(dir, "shards", "3", {"--shard", "1/3"});
  CHECK(again.code == 0);
  CHECK(again.out.find("already; nothing to do") != std::string::npos);
  CHECK(std::filesystem::last_write_time(dir / "shards" / "shard-1-of-3.jsonl") == before);

  const auto merged = merge(dir, "merged", {"shards"});
  REQUIRE_MESSAGE(merged.code == 0, merged.err);
  const auto results = file_text(dir / "whole" / "results.jsonl");
  CHECK(std::count(results.begin(), results.end(), '\n') == 6);
  CHECK(file_text(dir / "merged" / "results.jsonl") == results);
  CHECK(file_text(dir / "merged" / "best.toml") == file_text(dir / "whole" / "best.toml"));
  // The summaries differ only in the memory each process used.
  const auto without_memory = [](std::string s) { return s.substr(0, s.find(",\"peak_rss_kb\"")); };
  CHECK(without_memory(file_text(dir / "merged" / "summary.json")) ==
        without_memory(file_text(dir / "whole" / "summary.json")));

  // Shards spread over several directories, as machines without a shared disk leave them.
  copy_shard(dir, "shards", "a", "shard-0-of-3");
  copy_shard(dir, "shards", "b", "shard-1-of-3");
  copy_shard(dir, "shards", "b", "shard-2-of-3");
  const auto spread = merge(dir, "spread", {"a", "b"});
  REQUIRE_MESSAGE(spread.code == 0, spread.err);
  CHECK(file_text(dir / "spread" / "results.jsonl") == results);
}

TEST_CASE("a merge refuses shards missing, twice, of another run or damaged, and says which") {
  test::temp_dir dir;
  std::ofstream(dir / "sweep.toml") << R"([parameters]
"exits.stop_loss_pct" = [10.0, 20.0, 30.0, 40.0]
)";
  for (int i = 0; i < 2; ++i)
    REQUIRE(sweep(dir, "shards", "3", {"--shard", std::to_string(i) + "/2"}).code == 0);
  REQUIRE(sweep(dir, "other", "4", {"--shard", "1/2"}).code == 0);

  copy_shard(dir, "shards", "missing", "shard-0-of-2");
  auto r = merge(dir, "m1", {"missing"});
  CHECK(r.code == 1);
  CHECK(r.err.find("shard 1/2 is missing") != std::string::npos);

  copy_shard(dir, "shards", "twice", "shard-1-of-2");
  r = merge(dir, "m2", {"shards", "twice"});
  CHECK(r.code == 1);
  CHECK(r.err.find("shard 1/2 is there twice") != std::string::npos);

  copy_shard(dir, "shards", "other", "shard-0-of-2");
  r = merge(dir, "m3", {"other"});
  CHECK(r.code == 1);
  CHECK(r.err.find("a shard of another run") != std::string::npos);
  CHECK(r.err.find("its market data differs") != std::string::npos);

  // A trial's line removed: the next one is not the trial expected there.
  copy_shard(dir, "shards", "cut", "shard-0-of-2");
  copy_shard(dir, "shards", "cut", "shard-1-of-2");
  auto text = file_text(dir / "cut" / "shard-1-of-2.jsonl");
  std::ofstream(dir / "cut" / "shard-1-of-2.jsonl", std::ios::binary | std::ios::trunc)
      << text.substr(text.find('\n') + 1);
  r = merge(dir, "m4", {"cut"});
  CHECK(r.code == 1);
  CHECK(r.err.find("shard-1-of-2.jsonl:1: trial 3 where trial 1 was expected") !=
        std::string::npos);

  // A trial's line present twice: the shard ends with a trial more than the sweep has.
  copy_shard(dir, "shards", "dup", "shard-0-of-2");
  copy_shard(dir, "shards", "dup", "shard-1-of-2");
  text = file_text(dir / "dup" / "shard-0-of-2.jsonl");
  std::ofstream(dir / "dup" / "shard-0-of-2.jsonl", std::ios::app)
      << text.substr(0, text.find('\n') + 1);
  r = merge(dir, "m5", {"dup"});
  CHECK(r.code == 1);
  CHECK(r.err.find("shard-0-of-2.jsonl:3: a trial more than the sweep has") != std::string::npos);

  // A figure changed: the checksum the shard finished with no longer matches.
  copy_shard(dir, "shards", "edited", "shard-0-of-2");
  copy_shard(dir, "shards", "edited", "shard-1-of-2");
  text = file_text(dir / "edited" / "shard-0-of-2.jsonl");
  const auto digit = text.find_first_of("0123456789", text.find("\"returns\":["));
  text[digit] = text[digit] == '1' ? '2' : '1';
  std::ofstream(dir / "edited" / "shard-0-of-2.jsonl", std::ios::binary | std::ios::trunc) << text;
  r = merge(dir, "m6", {"edited"});
  CHECK(r.code == 1);
  CHECK(r.err.find("changed since the shard finished") != std::string::npos);
  for (const auto* out : {"m1", "m2", "m3", "m4", "m5", "m6"})
    CHECK_FALSE(std::filesystem::exists(dir / out / "results.jsonl"));
}
