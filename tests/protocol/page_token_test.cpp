#include "protocol/page_token.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {

TEST(PageToken, RoundTripsAndRejectsForgery) {
  SignedToken signer;
  PageToken t{PageKind::kShards, 42, "us-east-1", "orders", "shardId-000000000004"};
  const auto text = encode_page_token(signer, t);
  auto back = decode_page_token(signer, text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, PageKind::kShards);
  EXPECT_EQ(back->after, "shardId-000000000004");
  EXPECT_EQ(back->stream, "orders");
  EXPECT_FALSE(decode_page_token(signer, text.substr(1)));
  EXPECT_FALSE(decode_page_token(SignedToken{}, text));
}

}  // namespace kinesisd::protocol
