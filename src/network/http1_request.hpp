// An HTTP/1.1 request as Beast parsed it, seen as the transport-neutral
// ApiRequest (views into the message: it must outlive the ApiRequest).
#pragma once

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <memory_resource>
#include <tuple>

#include "network/peer.hpp"
#include "network/request_body.hpp"
#include "protocol/api.hpp"

namespace kinesisd::network {

// Beast allocates each header field on its own: six or more allocations and
// frees a call. A request's fields come from an arena instead, which the
// session resets before the next request.
using FieldAllocator = std::pmr::polymorphic_allocator<char>;
using Http1Request =
    boost::beast::http::request<RequestBody, boost::beast::http::basic_fields<FieldAllocator>>;
using Http1Parser = boost::beast::http::request_parser<RequestBody, FieldAllocator>;

// A parser of one request whose fields come from `arena`.
inline Http1Parser parser_in(std::pmr::memory_resource& arena) {
  return Http1Parser(std::piecewise_construct, std::make_tuple(),
                     std::make_tuple(FieldAllocator(&arena)));
}

inline protocol::ApiRequest to_api(const Http1Request& req, const Peer& peer) {
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
