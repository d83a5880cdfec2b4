// Which transport a connection speaks, from its first bytes, so one port
// serves them all (the "flex" idea):
//   0x16 (a TLS handshake record)          -> TLS; ALPN then picks h2 or HTTP/1.1
//   "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"     -> HTTP/2 with prior knowledge (h2c)
//   anything else                          -> HTTP/1.1
// An HTTP/1.1 request line differs from the preface within two bytes, so
// sniffing never waits for more than a request would send anyway.
#pragma once

#include <string_view>

namespace kinesisd::network {

inline constexpr std::string_view kHttp2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

enum class Transport { kNeedMore, kTls, kH2c, kHttp1 };

Transport sniff_transport(std::string_view first_bytes);

}  // namespace kinesisd::network
