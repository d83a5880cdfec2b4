// Errors as values. An Error maps 1:1 onto the Kinesis wire answer:
// HTTP status, body {"__type": type, "message": message} and the
// x-amzn-ErrorType header. Every failure path returns one of these.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace kinesisd::protocol {

struct Error {
  std::string type;
  std::string message;  // omitted from the body when empty
  int status = 400;
  bool capital_m = false;  // Coral's SerializationException says "Message"
};

namespace errors {
inline Error make(std::string type, std::string message, int status = 400) {
  return Error{std::move(type), std::move(message), status, false};
}
inline Error resource_not_found(std::string m) {
  return make("ResourceNotFoundException", std::move(m));
}
inline Error resource_in_use(std::string m) { return make("ResourceInUseException", std::move(m)); }
inline Error invalid_argument(std::string m) {
  return make("InvalidArgumentException", std::move(m));
}
inline Error limit_exceeded(std::string m) { return make("LimitExceededException", std::move(m)); }
inline Error validation(std::string m) { return make("ValidationException", std::move(m)); }
inline Error expired_iterator(std::string m) {
  return make("ExpiredIteratorException", std::move(m));
}
inline Error expired_next_token(std::string m) {
  return make("ExpiredNextTokenException", std::move(m));
}
inline Error serialization(std::string m) {
  Error e = make("SerializationException", std::move(m));
  e.capital_m = true;
  return e;
}
inline Error unknown_operation() { return make("UnknownOperationException", ""); }
inline Error internal_failure() { return make("InternalFailure", "", 500); }
}  // namespace errors

// A value or an Error.
template <class T>
class Outcome {
 public:
  Outcome(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Outcome(Error error) : v_(std::move(error)) {}  // NOLINT
  // Anything T can be made from (an operation returning a json document as
  // its Reply, for example).
  template <class U, class = std::enable_if_t<!std::is_same_v<std::decay_t<U>, T> &&
                                              !std::is_same_v<std::decay_t<U>, Error> &&
                                              std::is_constructible_v<T, U&&>>>
  Outcome(U&& value) : v_(std::in_place_index<0>, std::forward<U>(value)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }
  Error& error() { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace kinesisd::protocol
