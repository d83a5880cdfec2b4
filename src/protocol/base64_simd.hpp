// Base64 decoding 32 characters at a time with AVX2 (W. Muła and D. Lemire,
// "Faster Base64 Encoding and Decoding Using AVX2 Instructions", ACM TOW
// 2018): the body of base64_decode_into on CPUs that have it.
#pragma once

#include <cstddef>

namespace kinesisd::protocol {

// Decodes whole blocks of 32 characters (no '=') from `in`, at most `n`
// characters, into `out` (24 bytes per block, exactly). Returns how many
// characters it decoded, a multiple of 32 (0 without AVX2), or -1 when a block
// holds a character outside the alphabet.
std::ptrdiff_t base64_decode_blocks(const char* in, size_t n, char* out);

}  // namespace kinesisd::protocol
