// What every handler learns about the kinesisd that runs it: where the API is
// (so handler code can call back into kinesisd with an unmodified AWS SDK),
// the region and the account.
#pragma once

#include <string>

namespace kinesisd::handler {

struct Environment {
  std::string endpoint;  // http://127.0.0.1:4567
  std::string region;
  std::string account_id;
};

}  // namespace kinesisd::handler
