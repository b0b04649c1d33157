// The command sink: the program runs with the alert's JSON on its standard input and its text
// in STRIKE_ALERT_TEXT; exit status 0 is delivery. One that outlives the timeout is killed.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "daemon/alerts/alert_sinks.hpp"

extern char** environ;

namespace strike::daemon {

namespace {

// Waits for pid to end within timeout_ms; kills it when it does not. Returns its wait status,
// or -1 when it had to be killed.
int wait_or_kill(pid_t pid, std::int64_t timeout_ms) {
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  bool ended = true;
  if (pidfd >= 0) {
    pollfd p{pidfd, POLLIN, 0};
    int ready = 0;
    do ready = ::poll(&p, 1, static_cast<int>(timeout_ms));
    while (ready < 0 && errno == EINTR);
    ended = ready > 0;
    ::close(pidfd);
  }
  if (!ended) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return ended ? status : -1;
}

// A program that exits without reading its input must not kill the caller with SIGPIPE, on
// whatever thread it delivers: the signal this write raises is blocked, then taken back.
void write_without_sigpipe(int fd, const std::string& data) {
  sigset_t pipe, before;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, &before);
  if (::write(fd, data.data(), data.size()) < 0 && errno == EPIPE) {
    const timespec now{0, 0};
    ::sigtimedwait(&pipe, nullptr, &now);
  }
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

class command final : public alert_sink {
 public:
  command(std::vector<std::string> argv, std::int64_t timeout_ns)
      : argv_(std::move(argv)), timeout_ms_(timeout_ns / 1'000'000) {}

  delivery_outcome deliver(const alert& a) override {
    const std::string& program = argv_.front();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
      return {false, true, 0, program + ": pipe: " + std::strerror(errno)};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);

    std::vector<std::string> env_text;
    for (char** e = environ; *e; ++e)
      if (!std::string_view(*e).starts_with("STRIKE_ALERT_")) env_text.emplace_back(*e);
    env_text.push_back("STRIKE_ALERT_TYPE=" + a.type);
    env_text.push_back("STRIKE_ALERT_SEVERITY=" + std::string(to_string(a.severity)));
    env_text.push_back("STRIKE_ALERT_TEXT=" + alert_message(a));
    std::vector<char*> envp;
    for (auto& s : env_text) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = argv_;
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    argv.push_back(nullptr);

    pid_t pid = 0;
    const int spawned =
        ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[0]);
    if (spawned != 0) {
      ::close(fds[1]);
      return {false, false, 0, program + ": cannot run: " + std::strerror(spawned)};
    }
    // The program may not read its input: never wait on the pipe (it holds one small alert).
    ::fcntl(fds[1], F_SETFL, O_NONBLOCK);
    const std::string json = alert_json(a) + "\n";
    write_without_sigpipe(fds[1], json);
    ::close(fds[1]);

    const int status = wait_or_kill(pid, timeout_ms_);
    if (status < 0)
      return {false, true, 0, program + ": killed after " + std::to_string(timeout_ms_) + " ms"};
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {true, false, 0, ""};
    const std::string how = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                              : "signal " + std::to_string(WTERMSIG(status));
    return {false, true, 0, program + ": " + how};
  }

 private:
  std::vector<std::string> argv_;
  std::int64_t timeout_ms_;
};

}  // namespace

std::unique_ptr<alert_sink> make_command_sink(const command_sink& cfg, std::int64_t timeout_ns) {
  return std::make_unique<command>(cfg.argv, timeout_ns);
}

}  // namespace strike::daemon
