// Fault rules over HTTP, on the service port (--faults 1):
//
//   POST   /_kinesisd/faults       a rule or a list of rules (fault_rule.hpp)
//                                  -> 200 {"ids": [1, 2]}
//   GET    /_kinesisd/faults       -> 200 {"rules": [{...the rule, "id", "matched",
//                                                     "fired"[, "remaining"]}]}
//   DELETE /_kinesisd/faults       every rule -> 200 {"removed": N}
//   DELETE /_kinesisd/faults/ID    one rule -> 200 {"removed": 1}, or 404
//
// A rule that cannot be used is a 400 {"message": "<key>: <reason>", "key": "<key>"}.
// A POST body must be application/json (415 otherwise: control/control_call).
#pragma once

#include "endpoint/endpoint.hpp"
#include "faults/fault_engine.hpp"

namespace kinesisd::service {

class FaultsEndpoint final : public Endpoint {
 public:
  explicit FaultsEndpoint(faults::FaultEngine& engine) : engine_(engine) {}

  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;

 private:
  faults::FaultEngine& engine_;
};

}  // namespace kinesisd::service
