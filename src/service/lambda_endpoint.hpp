// Lambda's event source mapping REST API on the Kinesis port
// (lambda/rest_api.hpp): the route of a request, its signature (parsed, as
// for every AWS call; the region comes from the credential scope), its body
// or query, then the operation (lambda/event_source_mappings.hpp).
#pragma once

#include <string>

#include "lambda/mapping_journal.hpp"
#include "poller/poller.hpp"
#include "service/endpoint.hpp"

namespace kinesisd::service {

class LambdaEndpoint final : public Endpoint {
 public:
  LambdaEndpoint(poller::Poller& poller, std::string default_region,
                 lambda::MappingJournal* journal = nullptr)
      : poller_(poller), default_region_(std::move(default_region)), journal_(journal) {}

  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;
  std::string_view operation(const protocol::ApiRequest& request) const override;
  protocol::ApiResponse internal_error(const protocol::ApiRequest& request) const override;

 private:
  poller::Poller& poller_;
  std::string default_region_;
  lambda::MappingJournal* journal_;  // with a data directory
};

}  // namespace kinesisd::service
