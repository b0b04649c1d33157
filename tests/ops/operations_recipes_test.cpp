// Every shell recipe in docs/operations.md runs, as written, against a real journal: each
// paragraph of a ```sh block is one recipe, with /var/lib/strike standing for the journal's
// directory and `striked` for the binary. A recipe must exit 0, print something, and print
// nothing on stderr (jq reports a wrong field or filter there).
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "tests/ops/operator_journal.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> recipes_in(const std::string& markdown) {
  std::vector<std::string> out;
  std::istringstream in(markdown);
  std::string line, current;
  bool in_sh = false;
  auto finish = [&] {
    if (!current.empty()) out.push_back(current);
    current.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) {
      finish();
      in_sh = !in_sh && line == "```sh";
      if (line != "```sh" && line != "```") in_sh = false;
      continue;
    }
    if (!in_sh) continue;
    if (line.empty()) finish();
    else if (line[0] != '#') current += line + "\n";
  }
  return out;
}

std::string localised(std::string recipe, const std::filesystem::path& state_dir) {
  recipe = std::regex_replace(recipe, std::regex("/var/lib/strike"), state_dir.string());
  return std::regex_replace(recipe, std::regex(R"((^|[\s(|])striked )"), "$1" + std::string(STRIKED_PATH) + " ");
}

struct outcome {
  int code = -1;
  std::string out, err;
  int lines = 0;
};

outcome run(const std::string& script) {
  test::child_process p("/bin/bash", {"-o", "pipefail", "-c", script});
  outcome o;
  while (auto line = p.read_stdout_line(30s)) {
    o.out += *line + "\n";
    ++o.lines;
  }
  o.code = p.wait_exit(30s).value_or(-1);
  o.err = p.drain_stderr();
  return o;
}

}  // namespace

TEST_CASE("every journal recipe in docs/operations.md runs cleanly and finds what it looks for") {
  std::ifstream doc(std::string(STRIKE_SOURCE_DIR) + "/docs/operations.md");
  std::stringstream text;
  text << doc.rdbuf();
  const auto recipes = recipes_in(text.str());
  REQUIRE(recipes.size() >= 15);

  test::temp_dir dir;
  test::operator_journal journal(dir.path());
  for (const auto& recipe : recipes) {
    CAPTURE(recipe);
    const auto o = run(localised(recipe, dir.path()));
    CAPTURE(o.err);
    CHECK(o.code == 0);
    CHECK(o.err.empty());
    CHECK(o.lines > 0);
    // Recipes with a known answer in this journal.
    if (recipe.find("started after a crash") != std::string::npos) {
      CHECK(o.lines == 1);
      CHECK(o.out.find("started after a crash of pid 4101") != std::string::npos);
    }
    if (recipe.find("group_by(") != std::string::npos) CHECK(o.lines == 2);  // two days of trades
    if (recipe.find("PositionExitTriggered") != std::string::npos) {
      CHECK(o.lines == 7);  // every closed position, with its exit rule
      CHECK(o.out.find("\ttrailing_stop\n") != std::string::npos);
    }
  }
}

TEST_CASE("the recipe reader takes paragraphs of sh blocks only, without their comments") {
  const auto r = recipes_in("text\n```\nnot this\n```\n```sh\n# about it\nfirst a \\\n  b\n\nsecond\n```\n```sh\nthird\n```\n");
  REQUIRE(r.size() == 3);
  CHECK(r[0] == "first a \\\n  b\n");
  CHECK(r[1] == "second\n");
  CHECK(r[2] == "third\n");
}
