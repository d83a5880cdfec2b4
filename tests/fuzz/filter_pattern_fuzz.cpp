// Lambda's filter patterns (lambda/poller/filter_pattern): the first line is a
// pattern, the rest a document it is matched against.
#include <nlohmann/json.hpp>

#include "fuzz_input.hpp"
#include "lambda/poller/filter_pattern.hpp"

KINESISD_FUZZ_TARGET(filter_pattern) {
  kinesisd::fuzz::Input in(data, size);
  const std::string_view pattern_text = in.until('\n');
  std::string why;
  const auto pattern = kinesisd::poller::FilterPattern::parse(pattern_text, &why);
  if (!pattern) {
    if (why.empty()) __builtin_trap();  // a refusal says why
    return 0;
  }
  const auto document = nlohmann::json::parse(in.rest(), nullptr, false);
  if (!document.is_discarded()) (void)pattern->matches(document);
  return 0;
}
