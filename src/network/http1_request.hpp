// An HTTP/1.1 request as Beast parsed it, seen as the transport-neutral
// ApiRequest (views into the message: it must outlive the ApiRequest).
#pragma once

#include <boost/beast/http/message.hpp>

#include "network/peer.hpp"
#include "network/request_body.hpp"
#include "protocol/api.hpp"

namespace kinesisd::network {

inline protocol::ApiRequest to_api(const boost::beast::http::request<RequestBody>& req,
                                   const Peer& peer) {
  protocol::ApiRequest api;
  api.source_ip = peer.address;
  api.secure = peer.secure;
  api.method = req.method_string();
  api.set_target(req.target());
  api.headers.reserve(16);
  for (const auto& field : req) api.headers.push_back({field.name_string(), field.value()});
  api.body = req.body();
  return api;
}

}  // namespace kinesisd::network
