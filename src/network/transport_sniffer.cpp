#include "network/transport_sniffer.hpp"

#include <algorithm>

namespace kinesisd::network {

Transport sniff_transport(std::string_view first_bytes) {
  if (first_bytes.empty()) return Transport::kNeedMore;
  if (static_cast<unsigned char>(first_bytes[0]) == 0x16) return Transport::kTls;
  const size_t n = std::min(first_bytes.size(), kHttp2Preface.size());
  if (first_bytes.substr(0, n) != kHttp2Preface.substr(0, n)) return Transport::kHttp1;
  return n == kHttp2Preface.size() ? Transport::kH2c : Transport::kNeedMore;
}

}  // namespace kinesisd::network
