#include "aws/xml_error.hpp"

namespace kinesisd::aws {

std::string xml_error(const std::string& body) {
  auto element = [&](const std::string& name) {
    const auto open = body.find("<" + name + ">");
    const auto close = body.find("</" + name + ">");
    if (open == std::string::npos || close == std::string::npos || close < open)
      return std::string();
    const size_t from = open + name.size() + 2;
    return body.substr(from, close - from);
  };
  const std::string code = element("Code"), message = element("Message");
  if (code.empty()) return body.substr(0, 300);
  return message.empty() ? code : code + ": " + message;
}

}  // namespace kinesisd::aws
