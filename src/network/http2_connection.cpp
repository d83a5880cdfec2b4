#include "network/http2_connection.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "network/http_date.hpp"

namespace kinesisd::network {
namespace {

constexpr uint32_t kMaxConcurrentStreams = 128;
constexpr int32_t kStreamWindow = 1 << 20;       // per stream, for large PutRecords
constexpr int32_t kConnectionWindow = 16 << 20;  // the whole connection
// Request bodies held at once by one connection, across its streams (each
// is also capped by the body limit); past it a stream is answered 413.
constexpr uint64_t kConnectionBodyBytes = 64ull << 20;
// A subscription is polled again only once its unsent bytes are below this,
// so a client that stops reading does not make kinesisd buffer without end.
constexpr size_t kMaxUnsentEventBytes = 1 << 20;

bool hop_by_hop(std::string_view name) {
  return protocol::iequals(name, "connection") || protocol::iequals(name, "keep-alive") ||
         protocol::iequals(name, "transfer-encoding") || protocol::iequals(name, "upgrade") ||
         protocol::iequals(name, "proxy-connection");
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

nghttp2_nv nv(const std::string& name, const std::string& value) {
  return {reinterpret_cast<uint8_t*>(const_cast<char*>(name.data())),
          reinterpret_cast<uint8_t*>(const_cast<char*>(value.data())), name.size(), value.size(),
          NGHTTP2_NV_FLAG_NONE};
}

}  // namespace

struct Http2Connection::Stream {
  int32_t id = 0;
  // The request.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string method, path, authority;
  size_t header_bytes = 0;
  std::string body;
  bool too_large = false;
  bool dispatched = false;
  // The response: body bytes (or event bytes not yet framed) from `sent` on.
  std::string out;
  size_t sent = 0;
  std::shared_ptr<protocol::StreamedBody> streamed;
  bool streamed_finished = false;
  // A response waiting for its when_ready (held), and the flag that says it may go.
  std::optional<protocol::ApiResponse> held;
  std::shared_ptr<std::atomic<bool>> ready;
  bool deferred = false;      // nghttp2 waits for resume_data
  bool wake_pending = false;  // woken while its unsent bytes were over the cap
  Clock::time_point wake_at = Clock::time_point::max();
};

Http2Connection::Http2Connection(const protocol::Service& service, SessionLimits limits,
                                 std::function<void()> wake, Peer peer)
    : service_(service),
      limits_(limits),
      peer_(std::move(peer)),
      wake_(std::move(wake)),
      woken_(std::make_shared<std::atomic<bool>>(false)) {
  nghttp2_session_callbacks* callbacks = nullptr;
  nghttp2_session_callbacks_new(&callbacks);
  nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, on_begin_headers);
  nghttp2_session_callbacks_set_on_header_callback(callbacks, on_header);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, on_data_chunk);
  nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, on_frame_recv);
  nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, on_stream_close);
  nghttp2_option* option = nullptr;
  nghttp2_option_new(&option);
  nghttp2_option_set_max_settings(option, 32);
  const int rv = nghttp2_session_server_new2(&session_, callbacks, this, option);
  nghttp2_option_del(option);
  nghttp2_session_callbacks_del(callbacks);
  if (rv != 0) throw std::runtime_error(nghttp2_strerror(rv));

  const nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, kMaxConcurrentStreams},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, static_cast<uint32_t>(kStreamWindow)},
      {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, limits_.header_limit},
  };
  nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings, std::size(settings));
  nghttp2_session_set_local_window_size(session_, NGHTTP2_FLAG_NONE, 0, kConnectionWindow);
}

Http2Connection::~Http2Connection() {
  for (auto& [id, stream] : streams_)
    if (stream->streamed) stream->streamed->close();
  nghttp2_session_del(session_);
}

bool Http2Connection::receive(std::string_view bytes) {
  const ssize_t n = nghttp2_session_mem_recv(
      session_, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (n < 0) {
    spdlog::debug("HTTP/2 connection error: {}", nghttp2_strerror(static_cast<int>(n)));
    // A bad preface or a frame error: tell the peer, then end.
    nghttp2_session_terminate_session(session_, n == NGHTTP2_ERR_BAD_CLIENT_MAGIC
                                                    ? NGHTTP2_PROTOCOL_ERROR
                                                    : NGHTTP2_INTERNAL_ERROR);
    terminated_ = true;
    return false;
  }
  return true;
}

void Http2Connection::produce(std::string& out, size_t max) {
  poll_sources(woken_->exchange(false, std::memory_order_acq_rel));
  if (shutting_down_ && streams_.empty() && !terminated_) {
    nghttp2_session_terminate_session(session_, NGHTTP2_NO_ERROR);
    terminated_ = true;
  }
  while (out.size() < max) {
    const uint8_t* data = nullptr;
    const ssize_t n = nghttp2_session_mem_send(session_, &data);
    if (n < 0) {
      spdlog::debug("HTTP/2 send error: {}", nghttp2_strerror(static_cast<int>(n)));
      terminated_ = true;
      break;
    }
    if (n == 0) break;
    out.append(reinterpret_cast<const char*>(data), static_cast<size_t>(n));
  }
}

bool Http2Connection::wants_read() const { return nghttp2_session_want_read(session_) != 0; }
bool Http2Connection::wants_write() const { return nghttp2_session_want_write(session_) != 0; }

bool Http2Connection::has_event_streams() const {
  return std::any_of(streams_.begin(), streams_.end(),
                     [](const auto& s) { return s.second->streamed != nullptr; });
}

Http2Connection::Clock::time_point Http2Connection::next_poll() const {
  auto at = Clock::time_point::max();
  for (const auto& [id, stream] : streams_)
    if (stream->streamed && !stream->streamed_finished) at = std::min(at, stream->wake_at);
  return at;
}

void Http2Connection::shutdown() {
  shutting_down_ = true;
  for (auto& [id, stream] : streams_) {
    if (!stream->streamed || stream->streamed_finished) continue;
    stream->streamed_finished = true;
    if (stream->deferred) {
      stream->deferred = false;
      nghttp2_session_resume_data(session_, id);
    }
  }
}

void Http2Connection::poll_sources(bool woken) {
  const auto now = Clock::now();
  for (auto& [id, stream] : streams_) {
    if (stream->held && stream->ready->load(std::memory_order_acquire)) {
      auto response = std::move(*stream->held);
      stream->held.reset();
      if (response.finish) std::exchange(response.finish, nullptr)(response);
      submit(*stream, std::move(response));
    }
    if (!stream->streamed || stream->streamed_finished) continue;
    stream->wake_pending = stream->wake_pending || woken;
    if (!stream->wake_pending && now < stream->wake_at) continue;
    if (stream->out.size() - stream->sent >= kMaxUnsentEventBytes) continue;
    stream->wake_pending = false;
    auto next = stream->streamed->poll();
    stream->wake_at = next.wake_at;
    const bool more = !next.bytes.empty() || next.finished;
    stream->out += next.bytes;
    stream->streamed_finished = next.finished;
    if (more && stream->deferred) {
      stream->deferred = false;
      nghttp2_session_resume_data(session_, id);
    }
  }
}

void Http2Connection::dispatch(Stream& s) {
  s.dispatched = true;
  protocol::ApiResponse response;
  if (s.too_large) {
    response.status = 413;
  } else {
    protocol::ApiRequest request;
    request.method = s.method;
    request.set_target(s.path);
    request.headers.reserve(s.headers.size() + 1);
    bool has_host = false;
    for (const auto& [name, value] : s.headers) {
      request.headers.push_back({name, value});
      has_host = has_host || name == "host";
    }
    if (!has_host && !s.authority.empty()) request.headers.push_back({"host", s.authority});
    request.body = s.body;
    request.source_ip = peer_.address;
    request.secure = peer_.secure;
    response = service_.handle(request);
  }
  buffered_body_bytes_ -= s.body.size();
  s.body.clear();
  s.body.shrink_to_fit();
  if (response.when_ready) {  // sent by produce() once the service says so
    auto ready = std::make_shared<std::atomic<bool>>(false);
    s.ready = ready;
    auto when_ready = std::move(response.when_ready);
    s.held = std::move(response);
    when_ready([ready, woken = woken_, wake = wake_] {
      ready->store(true, std::memory_order_release);
      woken->store(true, std::memory_order_release);
      wake();
    });
    return;
  }
  submit(s, std::move(response));
}

void Http2Connection::submit(Stream& s, protocol::ApiResponse&& response) {
  if (response.drop) {
    dropped_ = true;
    return;
  }
  // nghttp2_submit_response copies the header block, but the name/value
  // pointers must stay valid until it returns: a deque never moves what it
  // holds when it grows.
  std::deque<std::string> storage;
  auto keep = [&storage](std::string text) -> const std::string& {
    storage.push_back(std::move(text));
    return storage.back();
  };
  std::vector<nghttp2_nv> headers;
  headers.reserve(response.headers.size() + 4);
  headers.push_back(nv(keep(":status"), keep(std::to_string(response.status))));
  for (auto& [name, value] : response.headers) {
    if (hop_by_hop(name)) continue;
    headers.push_back(nv(keep(lowercase(name)), keep(std::move(value))));
  }
  if (!response.content_type.empty())
    headers.push_back(nv(keep("content-type"), keep(std::move(response.content_type))));
  headers.push_back(nv(keep("date"), keep(http_date())));

  nghttp2_data_provider provider{};
  provider.source.ptr = &s;
  provider.read_callback = read_body;
  if (response.streamed) {
    s.streamed = std::move(response.streamed);
    s.wake_at = Clock::now();  // the first poll sends initial-response at once
    s.streamed->set_waker([woken = woken_, wake = wake_] {
      woken->store(true, std::memory_order_release);
      wake();
    });
    nghttp2_submit_response(session_, s.id, headers.data(), headers.size(), &provider);
    return;
  }
  headers.push_back(nv(keep("content-length"), keep(std::to_string(response.body.size()))));
  s.out = std::move(response.body);
  nghttp2_submit_response(session_, s.id, headers.data(), headers.size(),
                          s.out.empty() ? nullptr : &provider);
}

int Http2Connection::on_begin_headers(nghttp2_session* session, const nghttp2_frame* frame,
                                      void* user) {
  auto& self = *static_cast<Http2Connection*>(user);
  if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
  if (self.shutting_down_) {
    nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, frame->hd.stream_id,
                              NGHTTP2_REFUSED_STREAM);
    return 0;
  }
  auto stream = std::make_unique<Stream>();
  stream->id = frame->hd.stream_id;
  self.streams_[stream->id] = std::move(stream);
  return 0;
}

int Http2Connection::on_header(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name,
                               size_t namelen, const uint8_t* value, size_t valuelen, uint8_t,
                               void* user) {
  auto& self = *static_cast<Http2Connection*>(user);
  if (frame->hd.type != NGHTTP2_HEADERS) return 0;
  auto it = self.streams_.find(frame->hd.stream_id);
  if (it == self.streams_.end() || it->second->dispatched) return 0;  // trailers, refused
  Stream& s = *it->second;
  s.header_bytes += namelen + valuelen + 32;  // RFC 7540's accounting
  if (s.header_bytes > self.limits_.header_limit) return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
  const std::string_view n(reinterpret_cast<const char*>(name), namelen);
  const std::string_view v(reinterpret_cast<const char*>(value), valuelen);
  if (n == ":method")
    s.method = v;
  else if (n == ":path")
    s.path = v;
  else if (n == ":authority")
    s.authority = v;
  else if (!n.empty() && n[0] != ':')
    s.headers.emplace_back(n, v);
  return 0;
}

int Http2Connection::on_data_chunk(nghttp2_session*, uint8_t, int32_t stream_id,
                                   const uint8_t* data, size_t len, void* user) {
  auto& self = *static_cast<Http2Connection*>(user);
  auto it = self.streams_.find(stream_id);
  if (it == self.streams_.end()) return 0;
  Stream& s = *it->second;
  if (s.too_large) return 0;
  if (s.body.size() + len > self.limits_.body_limit ||
      self.buffered_body_bytes_ + len > kConnectionBodyBytes) {
    // Answered 413 at the end of the request; the rest is read and dropped.
    s.too_large = true;
    self.buffered_body_bytes_ -= s.body.size();
    s.body.clear();
    s.body.shrink_to_fit();
    return 0;
  }
  s.body.append(reinterpret_cast<const char*>(data), len);
  self.buffered_body_bytes_ += len;
  return 0;
}

int Http2Connection::on_frame_recv(nghttp2_session*, const nghttp2_frame* frame, void* user) {
  auto& self = *static_cast<Http2Connection*>(user);
  if (frame->hd.type != NGHTTP2_HEADERS && frame->hd.type != NGHTTP2_DATA) return 0;
  if (!(frame->hd.flags & NGHTTP2_FLAG_END_STREAM)) return 0;
  auto it = self.streams_.find(frame->hd.stream_id);
  if (it == self.streams_.end() || it->second->dispatched) return 0;
  self.dispatch(*it->second);
  return 0;
}

int Http2Connection::on_stream_close(nghttp2_session*, int32_t stream_id, uint32_t, void* user) {
  auto& self = *static_cast<Http2Connection*>(user);
  auto it = self.streams_.find(stream_id);
  if (it == self.streams_.end()) return 0;
  // A finished response, a client's RST_STREAM, or the connection closing.
  if (it->second->streamed) it->second->streamed->close();
  self.buffered_body_bytes_ -= it->second->body.size();  // a request cut short
  self.streams_.erase(it);
  return 0;
}

ssize_t Http2Connection::read_body(nghttp2_session*, int32_t, uint8_t* buf, size_t length,
                                   uint32_t* flags, nghttp2_data_source* source, void*) {
  Stream& s = *static_cast<Stream*>(source->ptr);
  const size_t available = s.out.size() - s.sent;
  const size_t n = std::min(length, available);
  if (n > 0) std::memcpy(buf, s.out.data() + s.sent, n);
  s.sent += n;
  if (s.sent == s.out.size()) {
    s.out.clear();
    s.sent = 0;
  }
  const bool done = s.out.empty() && (!s.streamed || s.streamed_finished);
  if (done) {
    *flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
  }
  if (n == 0) {
    s.deferred = true;
    return NGHTTP2_ERR_DEFERRED;
  }
  return static_cast<ssize_t>(n);
}

}  // namespace kinesisd::network
