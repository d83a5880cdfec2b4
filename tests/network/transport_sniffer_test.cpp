#include "network/transport_sniffer.hpp"

#include <gtest/gtest.h>

namespace kinesisd::network {
namespace {

TEST(TransportSniffer, TlsFromTheHandshakeRecordByte) {
  EXPECT_EQ(sniff_transport(std::string_view("\x16\x03\x01", 3)), Transport::kTls);
  EXPECT_EQ(sniff_transport(std::string_view("\x16", 1)), Transport::kTls);
}

TEST(TransportSniffer, H2cOnlyOnTheWholePreface) {
  EXPECT_EQ(sniff_transport(kHttp2Preface), Transport::kH2c);
  EXPECT_EQ(sniff_transport(std::string(kHttp2Preface) + "\x00\x00\x12\x04"), Transport::kH2c);
  for (size_t n = 1; n < kHttp2Preface.size(); ++n)
    EXPECT_EQ(sniff_transport(kHttp2Preface.substr(0, n)), Transport::kNeedMore) << n;
  EXPECT_EQ(sniff_transport("PRI * HTTP/2.0\r\n\r\nXX"), Transport::kHttp1);
}

TEST(TransportSniffer, Http1DecidedWithinTwoBytes) {
  EXPECT_EQ(sniff_transport("P"), Transport::kNeedMore);
  EXPECT_EQ(sniff_transport("PO"), Transport::kHttp1);
  EXPECT_EQ(sniff_transport("PUT / HTTP/1.1\r\n"), Transport::kHttp1);
  EXPECT_EQ(sniff_transport("G"), Transport::kHttp1);
  EXPECT_EQ(sniff_transport("OPTIONS / HTTP/1.1\r\n"), Transport::kHttp1);
  EXPECT_EQ(sniff_transport(""), Transport::kNeedMore);
}

}  // namespace
}  // namespace kinesisd::network
