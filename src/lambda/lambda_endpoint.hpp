// Lambda's event source mapping REST API on the Kinesis port
// (lambda/rest_api.hpp): the route of a request, its signature (parsed, as
// for every AWS call; the region comes from the credential scope), its body
// or query, then the operation (lambda/mappings/event_source_mappings.hpp).
#pragma once

#include <string>

#include "lambda/mappings/mapping_journal.hpp"
#include "lambda/poller/poller.hpp"
#include "endpoint/authorizer.hpp"
#include "endpoint/endpoint.hpp"

namespace kinesisd::service {

class LambdaEndpoint final : public Endpoint {
 public:
  // With `authorizer` (--auth sigv4) every call's signature is verified and
  // its action authorized: lambda:<Operation> on the mapping's ARN
  // (arn:aws:lambda:REGION:ACCOUNT:event-source-mapping:UUID) for Get, Update
  // and Delete, on "*" for Create and List (Lambda's actions, resources and
  // condition keys in the Service Authorization Reference).
  LambdaEndpoint(poller::Poller& poller, std::string default_region,
                 lambda::MappingJournal* journal = nullptr, const Authorizer* authorizer = nullptr,
                 std::string account_id = "000000000000")
      : poller_(poller),
        default_region_(std::move(default_region)),
        journal_(journal),
        authorizer_(authorizer),
        account_id_(std::move(account_id)) {}

  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;
  std::string_view operation(const protocol::ApiRequest& request) const override;
  protocol::ApiResponse internal_error(const protocol::ApiRequest& request) const override;

 private:
  poller::Poller& poller_;
  std::string default_region_;
  lambda::MappingJournal* journal_;  // with a data directory
  const Authorizer* authorizer_;     // --auth sigv4
  std::string account_id_;
};

}  // namespace kinesisd::service
