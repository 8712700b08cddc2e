#include "storage/status.hpp"

namespace soj::storage {

std::string Status::ToString() const {
  switch (code_) {
    case Code::kOk:
      return "OK";
    case Code::kNotFound:
      return "not found: " + message_;
    case Code::kCorruption:
      return "corruption: " + message_;
    case Code::kIoError:
      return "I/O error: " + message_;
    case Code::kInvalidArgument:
      return "invalid argument: " + message_;
    case Code::kUnavailable:
      return "unavailable: " + message_;
    case Code::kAborted:
      return "aborted: " + message_;
  }
  return message_;
}

}  // namespace soj::storage
