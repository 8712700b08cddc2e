#pragma once
// Running the project's programs as child processes from tests.

#include <sys/types.h>

#include <string>
#include <vector>

namespace soj::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` to completion (stdin closed) and captures its output.
CommandResult RunCommand(const std::vector<std::string>& argv);

// A child whose stdout the test reads line by line while it runs.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads what stdout produces within `timeout_ms` (or until it closes); complete lines are
  // appended. After Wait it collects what the child wrote before it ended.
  void ReadLines(std::vector<std::string>* lines, int timeout_ms);
  void Kill(int signal);
  // Waits for the child to end; returns its exit code or -signal.
  int Wait();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string partial_;
};

}  // namespace soj::testing
