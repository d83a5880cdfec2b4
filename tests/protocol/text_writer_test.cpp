#include "protocol/text_writer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kinesisd::protocol {

// Pieces written in place over many growth steps read back as if appended,
// and finish() leaves nothing of the zero-filled room after them.
TEST(TextWriter, WritesWhatAppendingWould) {
  std::string out = "head:";
  std::string expected = out;
  TextWriter writer(out);
  for (int i = 0; i < 20000; ++i) {
    const std::string piece = std::to_string(i) + (i % 7 ? "," : ";\n");
    char* at = writer.room(piece.size() + 100);  // asks for more than it writes
    at = TextWriter::put(at, piece);
    writer.commit(at);
    expected += piece;
  }
  writer.finish();
  EXPECT_EQ(out, expected);
  out += "tail";  // the string is an ordinary one again
  EXPECT_EQ(out, expected + "tail");
}

// Within a capacity reserved up front the string never moves, so the writes
// of a known-size answer cost no copy.
TEST(TextWriter, StaysInTheCapacityReserved) {
  std::string out;
  out.reserve(100000);
  const char* const data = out.data();
  TextWriter writer(out);
  for (int i = 0; i < 1000; ++i) {
    char* at = writer.room(100);
    at = TextWriter::put(at, std::string(100, static_cast<char>('a' + i % 26)));
    writer.commit(at);
  }
  writer.finish();
  EXPECT_EQ(out.data(), data);
  EXPECT_EQ(out.size(), 100000u);
  EXPECT_EQ(out.substr(99900), std::string(100, static_cast<char>('a' + 999 % 26)));
}

// A piece larger than a growth step gets the room it asks for.
TEST(TextWriter, RoomForAPieceLargerThanAStep) {
  std::string out;
  TextWriter writer(out);
  const std::string big(3 * TextWriter::kStep + 5, 'x');
  char* at = writer.room(big.size());
  writer.commit(TextWriter::put(at, big));
  writer.finish();
  EXPECT_EQ(out, big);
}

}  // namespace kinesisd::protocol
