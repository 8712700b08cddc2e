#pragma once
// Error: why a domain operation did not happen, in words a user can act on. Returned as a
// value (Result<T>), never thrown across a layer. The HTTP layer maps kinds to status codes.

#include <boost/system/result.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tracker/model.hpp"

namespace soj::tracker {

struct FieldError {
  std::string field;  // path such as "victims[1].detentions[0].until"
  std::string message;
  bool operator==(const FieldError&) const = default;
};

// Collects every field error of an input; the first error reported for a path (or for a
// path's parent) wins, so later checks do not pile up on a field already known to be wrong.
class FieldErrors {
 public:
  void Add(std::string field, std::string message);
  bool empty() const { return errors_.empty(); }
  bool Has(std::string_view field) const;
  const std::vector<FieldError>& items() const { return errors_; }
  std::vector<FieldError> Take() { return std::move(errors_); }

 private:
  std::vector<FieldError> errors_;
};

enum class ErrorKind {
  kBadRequest,            // malformed input (not JSON, bad query parameter)   400
  kUnauthenticated,       // no or unknown credentials                         401
  kForbidden,             // known caller without the right                    403
  kNotFound,              // absent, or not visible to this caller             404
  kConflict,              // not allowed in the current state                  409
  kPreconditionFailed,    // stale version                                     412
  kPreconditionRequired,  // version expected but not given                    428
  kInvalid,               // field rules violated; see fields                  422
  kMoved,                 // merged into another alert; see moved_to           301
  kUnavailable,           // store cannot take writes now                      503
  kInternal,              // a defect or a damaged store                       500
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  std::vector<FieldError> fields;
  std::optional<AlertId> moved_to;

  static Error BadRequest(std::string m) { return {ErrorKind::kBadRequest, std::move(m), {}, {}}; }
  static Error Unauthenticated(std::string m) {
    return {ErrorKind::kUnauthenticated, std::move(m), {}, {}};
  }
  static Error Forbidden(std::string m) { return {ErrorKind::kForbidden, std::move(m), {}, {}}; }
  static Error NotFound(std::string m) { return {ErrorKind::kNotFound, std::move(m), {}, {}}; }
  static Error Conflict(std::string m) { return {ErrorKind::kConflict, std::move(m), {}, {}}; }
  static Error PreconditionFailed(std::string m) {
    return {ErrorKind::kPreconditionFailed, std::move(m), {}, {}};
  }
  static Error PreconditionRequired(std::string m) {
    return {ErrorKind::kPreconditionRequired, std::move(m), {}, {}};
  }
  static Error Invalid(std::vector<FieldError> fields) {
    return {ErrorKind::kInvalid, "the input breaks the field rules", std::move(fields), {}};
  }
  static Error InvalidField(std::string field, std::string m) {
    return Invalid({{std::move(field), std::move(m)}});
  }
  static Error Moved(AlertId to) {
    return {ErrorKind::kMoved, "this alert was merged into alert " + std::to_string(to), {}, to};
  }
  static Error Unavailable(std::string m) {
    return {ErrorKind::kUnavailable, std::move(m), {}, {}};
  }
  static Error Internal(std::string m) { return {ErrorKind::kInternal, std::move(m), {}, {}}; }
};

template <class T>
using Result = boost::system::result<T, Error>;

}  // namespace soj::tracker
