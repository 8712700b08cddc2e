#pragma once
// WaitFor: the blocking form of a call that answers through a callback. The store's writer,
// the services and the API each offer a queued call (answered later, on another thread) and a
// waiting one built on it with this.

#include <future>
#include <utility>

namespace soj::storage {

// Calls `start` with a callback taking a T, and waits until that callback has been called
// (on any thread, once); returns what it was given.
template <class T, class Start>
T WaitFor(Start&& start) {
  std::promise<T> promise;
  auto answer = promise.get_future();
  std::forward<Start>(start)([&promise](T value) { promise.set_value(std::move(value)); });
  return answer.get();
}

}  // namespace soj::storage
