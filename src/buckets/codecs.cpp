#include "buckets/codecs.hpp"

#include <minizip/zip.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <boost/crc.hpp>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace kinesisd::buckets {

namespace {

void put_le(std::string& out, uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void put_be32(std::string& out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// CRC-32C (Castagnoli), reflected, as the framing format checksums chunks.
uint32_t crc32c(std::string_view bytes) {
  boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

// minizip's file functions over a string: the archive is built in memory.
struct MemoryFile {
  std::string bytes;
  size_t at = 0;
};

voidpf ZCALLBACK memory_open(voidpf opaque, const void*, int) { return opaque; }

uLong ZCALLBACK memory_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto& f = *static_cast<MemoryFile*>(stream);
  const size_t n = std::min<size_t>(size, f.at < f.bytes.size() ? f.bytes.size() - f.at : 0);
  std::memcpy(buf, f.bytes.data() + f.at, n);
  f.at += n;
  return static_cast<uLong>(n);
}

uLong ZCALLBACK memory_write(voidpf, voidpf stream, const void* buf, uLong size) {
  auto& f = *static_cast<MemoryFile*>(stream);
  if (f.at + size > f.bytes.size()) f.bytes.resize(f.at + size);
  std::memcpy(f.bytes.data() + f.at, buf, size);
  f.at += size;
  return size;
}

ZPOS64_T ZCALLBACK memory_tell(voidpf, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->at;
}

long ZCALLBACK memory_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto& f = *static_cast<MemoryFile*>(stream);
  const size_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                      : origin == ZLIB_FILEFUNC_SEEK_CUR ? f.at
                                                         : f.bytes.size();
  f.at = base + offset;
  return 0;
}

int ZCALLBACK memory_close(voidpf, voidpf) { return 0; }
int ZCALLBACK memory_error(voidpf, voidpf) { return 0; }

}  // namespace

std::string gzip(std::string_view bytes) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zip(std::string_view bytes, std::string_view entry) {
  MemoryFile file;
  zlib_filefunc64_def io{memory_open, memory_read,  memory_write, memory_tell,
                         memory_seek, memory_close, memory_error, &file};
  zipFile z = zipOpen2_64("", APPEND_STATUS_CREATE, nullptr, &io);
  if (!z) throw std::runtime_error("zip: cannot start an archive");
  zip_fileinfo info{};
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  info.tmz_date = tm_zip{static_cast<uInt>(utc.tm_sec),  static_cast<uInt>(utc.tm_min),
                         static_cast<uInt>(utc.tm_hour), static_cast<uInt>(utc.tm_mday),
                         static_cast<uInt>(utc.tm_mon),  static_cast<uInt>(utc.tm_year + 1900)};
  const std::string name = entry.empty() ? std::string("data") : std::string(entry);
  bool ok =
      zipOpenNewFileInZip64(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                            Z_DEFAULT_COMPRESSION, bytes.size() >= 0xffffffffu) == ZIP_OK;
  // zipWriteInFileInZip takes an unsigned length: the bytes go in pieces.
  static constexpr size_t kPiece = 1 << 30;
  for (size_t at = 0; ok && at < bytes.size(); at += kPiece) {
    const auto piece = bytes.substr(at, kPiece);
    ok = zipWriteInFileInZip(z, piece.data(), static_cast<unsigned>(piece.size())) == ZIP_OK;
  }
  ok = zipCloseFileInZip(z) == ZIP_OK && ok;
  ok = zipClose(z, nullptr) == ZIP_OK && ok;
  if (!ok) throw std::runtime_error("zip: cannot write the archive");
  return std::move(file.bytes);
}

std::string snappy_framed(std::string_view bytes) {
  static constexpr size_t kChunk = 65536;  // the format's limit on a chunk's input
  std::string out("\xff\x06\x00\x00sNaPpY", 10);
  std::string block;
  for (size_t at = 0; at < bytes.size(); at += kChunk) {
    const auto input = bytes.substr(at, kChunk);
    const uint32_t crc = crc32c(input);
    const uint32_t masked = ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    snappy::Compress(input.data(), input.size(), &block);
    // A chunk that does not shrink is stored (type 0x01), as the format allows.
    const bool stored = block.size() >= input.size();
    const std::string_view body = stored ? input : std::string_view(block);
    out.push_back(stored ? '\x01' : '\x00');
    put_le(out, static_cast<uint32_t>(body.size() + 4), 3);
    put_le(out, masked, 4);
    out.append(body);
  }
  return out;
}

std::string hadoop_snappy(std::string_view bytes) {
  // Hadoop's SnappyCodec buffers 256 KiB and keeps room for the compression's
  // overhead (BlockCompressorStream: bufferSize - (bufferSize / 6 + 32)).
  static constexpr size_t kBuffer = 256 * 1024;
  static constexpr size_t kBlock = kBuffer - (kBuffer / 6 + 32);
  std::string out, block;
  for (size_t at = 0; at < bytes.size(); at += kBlock) {
    const auto input = bytes.substr(at, kBlock);
    snappy::Compress(input.data(), input.size(), &block);
    put_be32(out, static_cast<uint32_t>(input.size()));
    put_be32(out, static_cast<uint32_t>(block.size()));
    out.append(block);
  }
  return out;
}

std::string zstd(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

}  // namespace kinesisd::buckets
