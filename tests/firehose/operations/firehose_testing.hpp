// A delivery registry over an S3 folder, and a Context, for tests of
// Firehose operation functions.
#pragma once

#include <gtest/gtest.h>

#include "buckets/s3_directory.hpp"
#include "firehose/operations/catalog.hpp"
#include "tests/storage/temp_dir.hpp"

namespace kinesisd::firehose::testing {

struct Firehose {
  log::OffsetClock clock;
  kinesisd::testing::TempDir dir;
  buckets::S3Directory s3{dir.path()};
  delivery::DeliveryRegistry registry{delivery::DeliveryWorld{clock, &s3}};
  Settings settings{"000000000000", 500, 500, true, ""};
  Context ctx{registry, settings, "us-east-1"};
  Output call(Output (*op)(Context&, const json&), const json& in) {
    ctx.now_ms = clock.now_ms();
    return op(ctx, in);
  }
  static json s3_destination() {
    return {{"RoleARN", "arn:aws:iam::000000000000:role/firehose"},
            {"BucketARN", "arn:aws:s3:::lake"}};
  }
};

inline std::string error_type(const Output& out) { return out.ok() ? "" : out.error().type; }

// A DirectPut delivery stream to the S3 folder, ACTIVE.
inline void make_active(Firehose& f, const std::string& name) {
  const auto out = f.call(create_delivery_stream,
                          {{"DeliveryStreamName", name},
                           {"ExtendedS3DestinationConfiguration", Firehose::s3_destination()}});
  EXPECT_TRUE(out.ok()) << out.error().message;
  f.clock.advance(500);
}

}  // namespace kinesisd::firehose::testing
