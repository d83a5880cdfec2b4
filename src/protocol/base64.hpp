// Standard base64 (RFC 4648, with padding), the encoding of every JSON blob.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kinesisd::protocol {

std::string base64_encode(std::string_view bytes);
void base64_encode_append(std::string_view bytes, std::string& out);

// The encoding's length: 4 characters per 3 bytes, the last group padded.
constexpr size_t base64_encoded_size(size_t bytes) { return (bytes + 2) / 3 * 4; }
// Writes the encoding at `out`, which has room for base64_encoded_size bytes;
// returns the end of what it wrote. For answers written in place.
char* base64_encode_to(std::string_view bytes, char* out);

// Decodes canonical base64: length a multiple of 4, only the alphabet, at most
// two '=' and only at the end. nullopt otherwise.
std::optional<std::string> base64_decode(std::string_view text);

// Validates and decodes in one pass into out[0 .. base64_decoded_size(text)).
// false when `text` is not canonical base64 (out's contents are then
// unspecified); base64_problem says why.
bool base64_decode_into(std::string_view text, char* out);

// Decoded size of text already known to be valid. (Inline: the put paths
// ask it for every record.)
inline size_t base64_decoded_size(std::string_view text) {
  if (text.empty()) return 0;
  size_t pad = 0;
  if (text.back() == '=') ++pad;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++pad;
  return text.size() / 4 * 3 - pad;
}

// Why `text` is not valid base64, in Coral's words (for SerializationException):
// empty when it is valid.
std::string base64_problem(std::string_view text);

}  // namespace kinesisd::protocol
