// crash_writer: a child process for crash tests. Writes alerts as fast as it can from several
// threads (submits, edits, publications, state replies, follow-ups) into DATA_DIR with durable
// writes, and prints "ack <id> <version>" on stdout after each write is acknowledged. It never
// stops by itself before MAX_SECONDS; the test kills it with SIGKILL at a random moment.

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/tracker_fixture.hpp"

namespace {

std::mutex out_mutex;

void Ack(soj::tracker::AlertId id, uint64_t version) {
  std::string line = "ack " + std::to_string(id) + " " + std::to_string(version) + "\n";
  std::lock_guard lock(out_mutex);
  // write(2), not stdio: the line must reach the pipe before the next write is attempted.
  if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) std::_Exit(3);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace soj::tracker;
  if (argc < 2) {
    std::fprintf(stderr, "usage: crash_writer DATA_DIR [THREADS] [MAX_SECONDS]\n");
    return 2;
  }
  const int threads = argc > 2 ? std::stoi(argv[2]) : 4;
  const int max_seconds = argc > 3 ? std::stoi(argv[3]) : 20;
  SystemClock clock;
  auto platform = Platform::Open(
      {.data_dir = argv[1], .create_if_missing = true, .sync = true, .clock = &clock});
  if (!platform) {
    std::fprintf(stderr, "crash_writer: %s\n", platform.error().message.c_str());
    return 1;
  }
  AlertService& alerts = (*platform)->alerts();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(max_seconds);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
        AlertContent content = soj::testing::ValidContent();
        content.title = "Crash test alert " + std::to_string(t) + "-" + std::to_string(i);
        content.external_ref = "crash-" + std::to_string(t) + "-" + std::to_string(i);
        auto submitted = alerts.Submit(Principal::Partner("efj"), content);
        if (!submitted) continue;
        Ack(submitted->alert.id, submitted->alert.version);
        auto edited = alerts.Edit(Principal::Partner("efj"), submitted->alert.id, 1,
                                  boost::json::object{{"level", 2}});
        if (!edited) continue;
        Ack(edited->id, edited->version);
        auto published = alerts.Transition(Principal::Editor(), edited->id,
                                           {AlertStatus::kPublished, "", std::nullopt});
        if (!published) continue;
        Ack(published->id, published->version);
        // Replies and follow-ups touch the reply-rate and detention statistics too.
        if (i % 2 == 0) {
          auto replied =
              alerts.AddStateReply(Principal::State("BY"), published->id, {"We looked.", {}});
          if (replied) Ack(replied->id, replied->version);
        } else {
          auto updated =
              alerts.AddUpdate(Principal::Partner("efj"), published->id, {"Released.", {}});
          if (updated) Ack(updated->id, updated->version);
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  return 0;
}
