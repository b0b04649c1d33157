#include "daemon/secrets.hpp"

#include <cstdlib>
#include <fstream>

namespace strike::daemon {

std::string secret_source::describe() const {
  switch (from) {
    case kind::env: return "env:" + name;
    case kind::file: return "file:" + name;
    case kind::credential: return "credential:" + name;
  }
  return name;
}

result<secret_source> parse_secret_source(const std::string& text,
                                          const std::filesystem::path& base_dir) {
  auto rest = [&](std::size_t n) { return text.substr(n); };
  if (text.rfind("env:", 0) == 0 && text.size() > 4) return secret_source{secret_source::kind::env, rest(4)};
  if (text.rfind("credential:", 0) == 0 && text.size() > 11)
    return secret_source{secret_source::kind::credential, rest(11)};
  if (text.rfind("file:", 0) == 0 && text.size() > 5) {
    std::filesystem::path p = rest(5);
    if (p.is_relative()) p = (base_dir / p).lexically_normal();
    return secret_source{secret_source::kind::file, p.string()};
  }
  return error{"must name a source (\"env:NAME\", \"file:PATH\" or \"credential:NAME\"); secrets "
               "are never written in the config"};
}

result<std::string> read_secret(const secret_source& source) {
  std::filesystem::path path;
  switch (source.from) {
    case secret_source::kind::env: {
      const char* v = std::getenv(source.name.c_str());
      if (!v || !*v) return error{"secret " + source.describe() + " is not set"};
      return std::string(v);
    }
    case secret_source::kind::file:
      path = source.name;
      break;
    case secret_source::kind::credential: {
      const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
      if (!dir) return error{"secret " + source.describe() + ": $CREDENTIALS_DIRECTORY is not set"};
      path = std::filesystem::path(dir) / source.name;
      break;
    }
  }
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return error{"secret " + source.describe() + " cannot be read"};
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.empty()) return error{"secret " + source.describe() + " is empty"};
  return line;
}

}  // namespace strike::daemon
