// Runs striked (or any program) as a real child process for tests: pipes for stdout and
// stderr, signals, and waiting with a deadline. No sleeps: reads block on the pipe and waits
// poll a pidfd.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace strike::test {

class child_process {
 public:
  // Starts program with args; env entries "K=V" are added to the environment.
  child_process(const std::string& program, const std::vector<std::string>& args,
                const std::vector<std::string>& env = {}, const std::string& cwd = {}) {
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
      throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
      for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(program.c_str()));
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(program.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    out_ = out[0];
    err_ = err[0];
    pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  }

  ~child_process() {
    if (!exited_) {
      signal(SIGKILL);
      (void)wait_exit(std::chrono::seconds(10));
    }
    for (int fd : {out_, err_, pidfd_})
      if (fd >= 0) ::close(fd);
  }

  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  void signal(int signo) {
    if (!exited_) ::kill(pid_, signo);
  }
  pid_t pid() const { return pid_; }

  // Next line of stdout (without newline), or nullopt at end of output or after the deadline.
  std::optional<std::string> read_stdout_line(std::chrono::milliseconds timeout) {
    return read_line(out_, out_buf_, timeout);
  }
  std::optional<std::string> read_stderr_line(std::chrono::milliseconds timeout) {
    return read_line(err_, err_buf_, timeout);
  }

  // Reads stderr lines until one contains needle; returns false on deadline or end of output.
  bool wait_for_stderr(const std::string& needle, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (auto line = read_stderr_line(remaining(deadline))) {
      stderr_seen_ += *line + "\n";
      if (line->find(needle) != std::string::npos) return true;
    }
    return false;
  }

  // Waits for the process to exit; returns its exit code (128 + signal if killed), or
  // nullopt on deadline.
  // Its output is read into the buffers meanwhile: a child blocked on a full pipe never exits.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
    if (exited_) return code_;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      pollfd p[3] = {{pidfd_, POLLIN, 0},
                     {out_open_ ? out_ : -1, POLLIN, 0},
                     {err_open_ ? err_ : -1, POLLIN, 0}};
      if (::poll(p, 3, static_cast<int>(remaining(deadline).count())) <= 0) return std::nullopt;
      if (p[1].revents != 0) out_open_ = read_some(out_, out_buf_);
      if (p[2].revents != 0) err_open_ = read_some(err_, err_buf_);
      if (p[0].revents != 0) break;
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exited_ = true;
    code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return code_;
  }

  // Everything left on stdout / stderr (call after exit).
  std::string drain_stdout() { return drain(out_, out_buf_); }
  std::string drain_stderr() { return stderr_seen_ + drain(err_, err_buf_); }

 private:
  static std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return left.count() > 0 ? left : std::chrono::milliseconds(0);
  }

  std::optional<std::string> read_line(int fd, std::string& buf,
                                       std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (auto nl = buf.find('\n'); nl != std::string::npos) {
        std::string line = buf.substr(0, nl);
        buf.erase(0, nl + 1);
        return line;
      }
      pollfd p{fd, POLLIN, 0};
      const int left = static_cast<int>(remaining(deadline).count());
      if (::poll(&p, 1, left) <= 0) return std::nullopt;
      char chunk[4096];
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n <= 0) {
        if (buf.empty()) return std::nullopt;
        std::string line;
        line.swap(buf);
        return line;
      }
      buf.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Appends what the pipe holds; false at its end.
  static bool read_some(int fd, std::string& buf) {
    char chunk[4096];
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  static std::string drain(int fd, std::string& buf) {
    std::string all;
    all.swap(buf);
    char chunk[4096];
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) break;
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n <= 0) break;
      all.append(chunk, static_cast<std::size_t>(n));
    }
    return all;
  }

  pid_t pid_ = -1;
  int out_ = -1, err_ = -1, pidfd_ = -1;
  std::string out_buf_, err_buf_, stderr_seen_;
  bool out_open_ = true, err_open_ = true;
  bool exited_ = false;
  int code_ = -1;
};

// Runs a program to completion and returns {exit code, stdout}.
inline std::pair<int, std::string> run_to_exit(
    const std::string& program, const std::vector<std::string>& args,
    std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  child_process p(program, args);
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (auto line = p.read_stdout_line(std::chrono::duration_cast<std::chrono::milliseconds>(
             deadline - std::chrono::steady_clock::now()))) {
    out += *line + "\n";
  }
  auto code = p.wait_exit(std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now() + std::chrono::seconds(1)));
  return {code.value_or(-1), out};
}

}  // namespace strike::test
