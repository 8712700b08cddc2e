#pragma once
// Status: the outcome of a storage operation, returned as a value (LevelDB style).

#include <boost/system/result.hpp>
#include <string>
#include <utility>

namespace soj::storage {

class Status {
 public:
  enum class Code {
    kOk,
    kNotFound,
    kCorruption,
    kIoError,
    kInvalidArgument,
    kUnavailable,
    kAborted
  };

  Status() = default;
  static Status Ok() { return {}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  // The store cannot take writes now (disk full, shutting down); reads may still work.
  static Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
  // A write operation decided not to commit; carries the caller's reason.
  static Status Aborted(std::string msg) { return {Code::kAborted, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

template <class T>
using StatusOr = boost::system::result<T, Status>;

}  // namespace soj::storage
