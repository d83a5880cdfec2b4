// IAM's wildcard match, as in Action, Resource and the String/ArnLike
// condition operators: * any run of characters (none included), ? one.
#pragma once

#include <string_view>

namespace kinesisd::iam {

bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case);

}  // namespace kinesisd::iam
