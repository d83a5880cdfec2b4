#include "aws/s3_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

#include "tests/network/one_shot_server.hpp"

namespace kinesisd::aws {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

using OneShot = testing::OneShotServer;

TEST(S3Client, PutObjectIsASignedPathStylePut) {
  OneShot server(http::status::ok, "");
  S3Client client(server.url() + "/base", Credentials{});
  std::atomic<bool> cancel{false};
  std::string error;
  ASSERT_TRUE(client.put_object(S3Object("lake", "2026/12/07/k 1.gz", "bytes", "gzip"), "eu-west-1",
                                cancel, error))
      << error;
  EXPECT_EQ(server.received.method(), http::verb::put);
  EXPECT_EQ(server.received.target(), "/base/lake/2026/12/07/k%201.gz");
  EXPECT_EQ(server.received[http::field::content_type], "application/octet-stream");
  EXPECT_EQ(server.received[http::field::content_encoding], "gzip");
  EXPECT_EQ(server.received.body(), "bytes");
  EXPECT_NE(server.received[http::field::authorization].find("/eu-west-1/s3/aws4_request"),
            std::string::npos);
}

TEST(S3Client, AnS3ErrorIsItsCodeAndMessage) {
  OneShot server(http::status::not_found,
                 "<?xml version=\"1.0\"?><Error><Code>NoSuchBucket</Code><Message>The specified "
                 "bucket does not exist</Message></Error>");
  S3Client client(server.url(), Credentials{});
  std::atomic<bool> cancel{false};
  std::string error;
  EXPECT_FALSE(client.put_object(S3Object("gone", "k", "v"), "us-east-1", cancel, error));
  EXPECT_EQ(error, "PutObject s3://gone/k at " + server.url() +
                       ": HTTP 404 NoSuchBucket: The specified bucket does not exist");
}

}  // namespace
}  // namespace kinesisd::aws
