// Whether bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF): CBOR text strings must be, and
// `kinesisd tail` prints a payload as text only when it is.
#pragma once

#include <string_view>

namespace kinesisd::protocol {

bool valid_utf8(std::string_view bytes);

}  // namespace kinesisd::protocol
