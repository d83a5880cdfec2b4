#include "control/test_clock.hpp"

#include <gtest/gtest.h>

#include "server/router.hpp"

namespace kinesisd::service {

TEST(TestClock, MovesTheClockForwardOnly) {
  log::OffsetClock clock;
  log::StreamStore store(log::StoreOptions{}, clock);
  TestClock control(clock, store);
  Router router(Endpoints{nullptr, &control, nullptr, nullptr, nullptr}, nullptr);
  protocol::ApiRequest req;
  req.method = "POST";
  req.path = "/_kinesisd/clock";
  req.headers = {{"Content-Type", "application/json"}};
  const int64_t before = clock.now_ms();
  req.body = R"({"advance_ms": 3600000})";
  auto res = router.handle(req);  // the router sends the path here
  EXPECT_EQ(res.status, 200);
  EXPECT_GE(clock.now_ms() - before, 3'600'000);
  for (const char* bad : {R"({"advance_ms": -1})", R"({"advance_ms": "1"})", "{}", "nope"}) {
    req.body = bad;
    EXPECT_EQ(control.handle(req).status, 400) << bad;
  }
  req.body = R"({"advance_ms": 1})";
  req.headers = {{"Content-Type", "text/plain"}};  // what a web page posts without asking
  EXPECT_EQ(control.handle(req).status, 415);
  req.method = "GET";
  EXPECT_EQ(control.handle(req).status, 405);
}

}  // namespace kinesisd::service
