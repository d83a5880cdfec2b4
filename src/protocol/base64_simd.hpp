// Base64 encoding 24 bytes and decoding 32 characters at a time with AVX2 (W. Muła and D. Lemire,
// "Faster Base64 Encoding and Decoding Using AVX2 Instructions", ACM TOW
// 2018, and Muła's "Base64 encoding with SIMD instructions"): the bodies of
// base64_encode_append and base64_decode_into on CPUs that have it.
#pragma once

#include <cstddef>

namespace kinesisd::protocol {

// Encodes whole blocks of 24 bytes from `in` into 32 characters each, reading
// no byte at or past in + n (a block loads 28). Returns how many bytes it
// encoded, a multiple of 24 (0 without AVX2).
size_t base64_encode_blocks(const char* in, size_t n, char* out);

// Decodes whole blocks of 32 characters (no '=') from `in`, at most `n`
// characters, into `out` (24 bytes per block, exactly). Returns how many
// characters it decoded, a multiple of 32 (0 without AVX2), or -1 when a block
// holds a character outside the alphabet.
std::ptrdiff_t base64_decode_blocks(const char* in, size_t n, char* out);

}  // namespace kinesisd::protocol
