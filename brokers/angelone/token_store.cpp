#include "brokers/angelone/token_store.hpp"

#include <simdjson.h>
#include <sys/stat.h>

#include <cerrno>

#include "base/failure_probes.hpp"
#include "base/file_io.hpp"
#include "base/json_writer.hpp"
#include "brokers/angelone/json_fields.hpp"
#include "core/sha256.hpp"

namespace strike::brokers::angelone {

std::string session_fingerprint(std::string_view client_code, std::string_view server) {
  return core::sha256_hex(std::string(client_code) + "\n" + std::string(server));
}

status save_session(const std::filesystem::path& file, const stored_session& s) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("version").value(1);
  w.key("fingerprint").value(s.fingerprint);
  w.key("obtained_ns").value(s.obtained_ns);
  w.key("valid_until_ns").value(s.valid_until_ns);
  w.key("jwt").value(s.tokens.jwt);
  w.key("refresh").value(s.tokens.refresh);
  w.key("feed").value(s.tokens.feed);
  w.end_object();
  out.push_back('\n');
  if (auto dir = file.parent_path(); !dir.empty())
    if (auto made = base::ensure_directory(dir); !made) return made;
  if (base::probes::hit(base::probes::point::token_file_write))
    return error{file.string() + ": injected failure (token_file.write)"};
  return base::write_file_atomic(file, out, 0600);
}

result<std::optional<stored_session>> load_session(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::optional<stored_session>{};
    return errno_error("stat(" + file.string() + ")", errno);
  }
  if ((st.st_mode & 077) != 0)
    return error{file.string() + ": readable by others (mode " + std::to_string(st.st_mode & 0777) +
                 "); its tokens are not used"};
  auto bytes = base::read_file(file);
  if (!bytes) return bytes.error();
  simdjson::dom::parser parser;
  simdjson::dom::object o;
  if (parser.parse(*bytes).get(o)) return error{file.string() + ": not a token file"};
  fields f(o);
  stored_session s;
  s.fingerprint = f.text("fingerprint");
  s.obtained_ns = f.integer("obtained_ns");
  s.valid_until_ns = f.integer("valid_until_ns");
  s.tokens = {f.text("jwt"), f.text("refresh"), f.text("feed")};
  if (!f.ok() || f.integer("version") != 1 || s.tokens.jwt.empty() || s.tokens.refresh.empty())
    return error{file.string() + ": not a token file"};
  return std::optional<stored_session>{std::move(s)};
}

status forget_session(const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::remove(file, ec);
  if (ec) return error{"remove(" + file.string() + "): " + ec.message(), ec};
  return {};
}

}  // namespace strike::brokers::angelone
