#include "observability/request_metrics.hpp"

#include <gtest/gtest.h>

namespace kinesisd::observability {
namespace {

using namespace std::chrono_literals;

TEST(RequestMetrics, CountsByOperationWithCumulativeBuckets) {
  RequestMetrics m;
  m.record("PutRecord", 200, 150us);
  m.record("PutRecord", 400, 3ms);
  m.record("CreateEventSourceMapping", 202, 50us);
  std::string out;
  m.render(out);
  EXPECT_NE(out.find("kinesisd_requests_total{operation=\"PutRecord\"} 2\n"), std::string::npos);
  EXPECT_NE(out.find("kinesisd_request_errors_total{operation=\"PutRecord\"} 1\n"),
            std::string::npos);
  EXPECT_NE(
      out.find(
          "kinesisd_request_duration_seconds_bucket{operation=\"PutRecord\",le=\"0.0001\"} 0\n"),
      std::string::npos);
  EXPECT_NE(
      out.find(
          "kinesisd_request_duration_seconds_bucket{operation=\"PutRecord\",le=\"0.00025\"} 1\n"),
      std::string::npos);
  EXPECT_NE(
      out.find(
          "kinesisd_request_duration_seconds_bucket{operation=\"PutRecord\",le=\"0.005\"} 2\n"),
      std::string::npos);
  EXPECT_NE(out.find("kinesisd_request_duration_seconds_count{operation=\"PutRecord\"} 2\n"),
            std::string::npos);
  EXPECT_NE(out.find("kinesisd_requests_total{operation=\"CreateEventSourceMapping\"} 1\n"),
            std::string::npos);
  EXPECT_EQ(out.find("operation=\"GetRecords\""), std::string::npos);  // never called: no series
}

TEST(RequestMetrics, UnknownNamesShareOneSeries) {
  RequestMetrics m;
  m.record("Bogus1", 400, 1us);
  m.record("Bogus2\"}", 400, 1us);
  m.record("", 403, 1us);
  std::string out;
  m.render(out);
  EXPECT_NE(out.find("kinesisd_requests_total{operation=\"unknown\"} 3\n"), std::string::npos);
  EXPECT_EQ(out.find("Bogus"), std::string::npos);
}

}  // namespace
}  // namespace kinesisd::observability
