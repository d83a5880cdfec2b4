#include "network/certificate_cache.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "network/self_signed_cert.hpp"

namespace kinesisd::network {
namespace {

namespace fs = std::filesystem;

// Generated certificates are valid for a year (self_signed_cert); one older
// than this is made again.
constexpr auto kReuseFor = std::chrono::hours(24 * (365 - 7));

bool fresh(const fs::path& cert, const fs::path& key) {
  std::error_code ec;
  if (!fs::is_regular_file(cert, ec) || !fs::is_regular_file(key, ec)) return false;
  if (::access(cert.c_str(), R_OK) != 0 || ::access(key.c_str(), R_OK) != 0) return false;
  const auto written = fs::last_write_time(cert, ec);
  if (ec) return false;
  return fs::file_time_type::clock::now() - written < kReuseFor;
}

// Writes `text` whole under a temporary name, then renames it into place.
void write_file(const fs::path& path, const std::string& text, mode_t mode) {
  const fs::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) throw std::runtime_error("cannot write " + path.string());
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  std::error_code ec;
  if (written) fs::rename(tmp, path, ec);
  if (!written || ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot write " + path.string());
  }
}

void generate_into(const fs::path& cert, const fs::path& key) {
  const PemPair pair = generate_self_signed_localhost();
  write_file(key, pair.private_key, 0600);  // the key first: a certificate is never without it
  write_file(cert, pair.certificate, 0644);
}

}  // namespace

std::string certificate_cache_dir(const std::function<const char*(const char*)>& environment) {
  if (const char* xdg = environment("XDG_CACHE_HOME"); xdg && *xdg == '/')
    return (fs::path(xdg) / "kinesisd").string();
  if (const char* home = environment("HOME"); home && *home == '/')
    return (fs::path(home) / ".cache" / "kinesisd").string();
  return "";
}

CertificateFiles localhost_certificate(const std::string& cache_dir, const std::string& temp_dir,
                                       const std::string& tag) {
  if (!cache_dir.empty()) {
    const fs::path dir(cache_dir), cert = dir / "localhost.crt", key = dir / "localhost.key";
    if (fresh(cert, key)) return {cert.string(), key.string(), false};
    std::error_code ec;
    fs::create_directories(dir, ec);
    const int lock = ::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock >= 0) {
      ::flock(lock, LOCK_EX);  // another kinesisd generating waits here, then reuses it
      try {
        if (!fresh(cert, key)) generate_into(cert, key);
        ::close(lock);
        return {cert.string(), key.string(), false};
      } catch (const std::runtime_error&) {
        ::close(lock);  // not writable after all: this run's own, below
      }
    }
  }
  const fs::path dir(temp_dir);
  const fs::path cert = dir / ("kinesisd-" + tag + ".crt"),
                 key = dir / ("kinesisd-" + tag + ".key");
  generate_into(cert, key);
  return {cert.string(), key.string(), true};
}

}  // namespace kinesisd::network
