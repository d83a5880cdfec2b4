#include "aws/endpoints.hpp"

#include <gtest/gtest.h>

namespace kinesisd::aws {
namespace {

EndpointSources with_environment(std::map<std::string, std::string> env) {
  EndpointSources s;
  auto vars = std::make_shared<std::map<std::string, std::string>>(std::move(env));
  s.environment = [vars](const char* name) -> const char* {
    auto it = vars->find(name);
    return it == vars->end() ? nullptr : it->second.c_str();
  };
  return s;
}

TEST(Endpoints, NoneConfiguredIsNoEndpoint) {
  const auto e = Endpoints::resolve(EndpointSources{});
  EXPECT_EQ(e.url("s3"), "");
}

TEST(Endpoints, TheServicesOwnWinsOverTheGlobalAtEachLevel) {
  auto s = with_environment({{"AWS_ENDPOINT_URL", "http://global:1"}});
  EXPECT_EQ(Endpoints::resolve(s).url("s3"), "http://global:1");
  EXPECT_EQ(Endpoints::resolve(s).source("s3"), "AWS_ENDPOINT_URL");
  s = with_environment(
      {{"AWS_ENDPOINT_URL", "http://global:1"}, {"AWS_ENDPOINT_URL_S3", "http://s3:2/"}});
  EXPECT_EQ(Endpoints::resolve(s).url("s3"), "http://s3:2");  // no trailing '/'
  s.config_file = {{"s3", "http://file:3"}};
  EXPECT_EQ(Endpoints::resolve(s).url("s3"), "http://s3:2");  // the environment wins
  s.flags = {{"default", "https://flag:4"}};
  EXPECT_EQ(Endpoints::resolve(s).url("s3"), "https://flag:4");  // flags win
  EXPECT_EQ(Endpoints::resolve(s).source("s3"), "--endpoint-url");
  s.flags = {{"default", "https://flag:4"}, {"s3", "http://flag-s3:5/base"}};
  EXPECT_EQ(Endpoints::resolve(s).url("s3"), "http://flag-s3:5/base");
  EXPECT_EQ(Endpoints::resolve(s).source("s3"), "--endpoint-url-s3");
  EndpointSources file_only;
  file_only.config_file = {{"default", "http://file:3"}};
  EXPECT_EQ(Endpoints::resolve(file_only).url("s3"), "http://file:3");
}

TEST(Endpoints, AnUnusableUrlNamesItsSetting) {
  auto s = with_environment({{"AWS_ENDPOINT_URL_S3", "localhost:9000"}});
  try {
    Endpoints::resolve(s);
    FAIL() << "accepted";
  } catch (const EndpointError& e) {
    EXPECT_EQ(std::string(e.what()),
              "AWS_ENDPOINT_URL_S3: 'localhost:9000' is not an endpoint URL (http://host[:port] "
              "or https://host[:port], optionally with a path)");
  }
  EndpointSources f;
  f.flags = {{"s3", "http://h:port"}};
  EXPECT_THROW(Endpoints::resolve(f), EndpointError);
  f.flags = {{"s3", "http://h/?x=1"}};
  EXPECT_THROW(Endpoints::resolve(f), EndpointError);
}

}  // namespace
}  // namespace kinesisd::aws
