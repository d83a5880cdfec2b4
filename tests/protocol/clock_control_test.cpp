#include "protocol/clock_control.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {

TEST(ClockControl, MovesTheClockForwardOnly) {
  log::OffsetClock clock;
  log::StreamStore store(log::StoreOptions{}, clock);
  ClockControl control(clock, store);
  ApiRequest req;
  req.method = "POST";
  req.path = "/_kinesisd/clock";
  EXPECT_TRUE(ClockControl::handles(req));
  const int64_t before = clock.now_ms();
  req.body = R"({"advance_ms": 3600000})";
  auto res = control.handle(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_GE(clock.now_ms() - before, 3'600'000);
  for (const char* bad : {R"({"advance_ms": -1})", R"({"advance_ms": "1"})", "{}", "nope"}) {
    req.body = bad;
    EXPECT_EQ(control.handle(req).status, 400) << bad;
  }
  req.method = "GET";
  EXPECT_EQ(control.handle(req).status, 405);
}

}  // namespace kinesisd::protocol
