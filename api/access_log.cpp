#include "api/access_log.hpp"

#include <charconv>
#include <cstdio>

#include "tracker/calendar.hpp"

namespace soj::api {
namespace {
constexpr std::size_t kFlushAtBytes = 64 << 10;

// Appends `text` as a JSON string. The method is the client's; it may hold anything.
void AppendJsonQuoted(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte >= 0x7f) {  // control or non-ASCII: escaped, never raw
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string JsonQuoted(std::string_view text) {
  std::string out;
  AppendJsonQuoted(out, text);
  return out;
}

template <class Number>
void AppendNumber(std::string& out, Number value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

void AppendMilliseconds(std::string& out, double seconds) {
  char digits[32];
  const auto end =
      std::to_chars(digits, digits + sizeof digits, seconds * 1000, std::chars_format::fixed, 3)
          .ptr;
  out.append(digits, end);
}

}  // namespace

AccessLog::AccessLog(std::chrono::milliseconds interval)
    : flusher_([this, interval] { FlushEvery(interval); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  flusher_.join();
  Flush();
}

void AccessLog::Record(const Entry& entry) {
  const tracker::Timestamp now = tracker::SystemClock().Now();
  bool full = false;
  {
    std::lock_guard lock(mutex_);
    if (now.unix_seconds() != stamped_second_) {
      stamped_second_ = now.unix_seconds();
      stamp_ = JsonQuoted(now.ToString());
    }
    std::string& out = buffer_;
    out += "{\"time\":";
    out += stamp_;
    out += ",\"method\":";
    AppendJsonQuoted(out, entry.method);
    out += ",\"route\":";
    AppendJsonQuoted(out, entry.route);
    out += ",\"status\":";
    AppendNumber(out, entry.status);
    out += ",\"duration_ms\":";
    AppendMilliseconds(out, entry.seconds);
    out += ",\"bytes\":";
    AppendNumber(out, entry.bytes);
    if (entry.streamed) out += ",\"streamed\":true";
    out += "}\n";
    full = buffer_.size() >= kFlushAtBytes;
  }
  if (full) Flush();
}

void AccessLog::Flush() {
  std::lock_guard output(output_mutex_);
  std::string lines;
  {
    std::lock_guard lock(mutex_);
    lines.swap(buffer_);
  }
  if (lines.empty()) return;
  // One fwrite under stderr's own lock: error lines written meanwhile never land mid-line.
  std::fwrite(lines.data(), 1, lines.size(), stderr);
  std::fflush(stderr);
}

void AccessLog::FlushEvery(std::chrono::milliseconds interval) {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval, [this] { return stopping_; });
    lock.unlock();
    Flush();
    lock.lock();
  }
}

}  // namespace soj::api
