#include "control/admin_endpoint.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/router.hpp"

namespace kinesisd::service {
namespace {

protocol::ApiRequest get(std::string_view path) {
  protocol::ApiRequest r;
  r.method = "GET";
  r.path = path;
  return r;
}

struct Fixture {
  log::OffsetClock clock;
  log::StreamStore store{{}, clock};
  observability::RequestMetrics requests;
  observability::MetricsText metrics{store, requests, nullptr};
  AdminEndpoint admin{metrics};
  // Only the admin endpoint: what the router does not send there is a 404.
  Router router{Endpoints{&admin, nullptr, nullptr, nullptr, nullptr}, nullptr};
};

TEST(AdminEndpoint, HealthSaysOkWithVersionAndUptime) {
  Fixture f;
  EXPECT_EQ(f.router.handle(get("/health")).status, 200);
  EXPECT_EQ(f.router.handle(get("/")).status, 404);
  const auto r = f.admin.handle(get("/health"));
  EXPECT_EQ(r.status, 200);
  const auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["status"], "ok");
  EXPECT_EQ(doc["version"], KINESISD_VERSION);
  EXPECT_GE(doc["uptime_seconds"].get<double>(), 0.0);
}

TEST(AdminEndpoint, MetricsArePrometheusText) {
  Fixture f;
  const auto r = f.router.handle(get("/metrics"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.content_type.find("text/plain; version=0.0.4"), std::string::npos);
  EXPECT_NE(r.body.find("kinesisd_streams 0\n"), std::string::npos);
}

}  // namespace
}  // namespace kinesisd::service
