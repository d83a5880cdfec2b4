// Test isolation without a restart:
//   POST /_kinesisd/reset
// puts kinesisd back in the state of a fresh start: every stream (with its
// consumers, tags and policies), delivery stream, event source mapping and
// checkpoint, fault rule, account setting and quota window is gone, the
// --test-clock is back at the real time, and what the config file and
// --streams declare is made again. With a --data-dir, what it kept of them
// is removed too. Answers 200 {"reset": true, "took_ms": N, "streams": S,
// "delivery_streams": D, "event_source_mappings": M} (what was made again)
// once it is done; requests served meanwhile see the old state or the new.
//
// The same caller and body rules as /_kinesisd/wait (control/control_call).
// The work runs on a thread of its own, not an I/O thread: stopping the
// mappings' and delivery streams' threads may take a moment.
#pragma once

#include <cstddef>
#include <memory>

#include "base/mutex.hpp"
#include "endpoint/endpoint.hpp"

namespace kinesisd::service {

// What a reset does: the server (which made everything) knows.
class Resettable {
 public:
  struct Remade {
    size_t streams = 0, delivery_streams = 0, event_source_mappings = 0;
  };
  virtual ~Resettable() = default;
  // Called by one thread at a time.
  virtual Remade reset() = 0;
};

class ResetEndpoint final : public Endpoint {
 public:
  ResetEndpoint(Resettable& target, bool loopback_only)
      : gate_(std::make_shared<Gate>(&target)), loopback_only_(loopback_only) {}

  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;

  // Shutting down: waits for a reset under way; later ones are refused.
  void close();

 private:
  // Shared with the threads that run resets, which may outlive the endpoint.
  struct Gate {
    explicit Gate(Resettable* t) : target(t) {}
    base::Mutex mu;                     // one reset at a time
    Resettable* target GUARDED_BY(mu);  // nullptr once closed
  };
  std::shared_ptr<Gate> gate_;
  const bool loopback_only_;
};

}  // namespace kinesisd::service
