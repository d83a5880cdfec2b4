// Where the localhost certificate kinesisd serves without --tls-cert lives:
// generated once (an ECDSA P-256 key, network/self_signed_cert) into a cache
// directory, $XDG_CACHE_HOME/kinesisd or else $HOME/.cache/kinesisd,
//
//   localhost.crt   the certificate: what clients trust (printed at start-up)
//   localhost.key   its private key (mode 0600)
//
// and reused by every later start until it is within a week of expiring
// (then made again). Reusing it keeps OpenSSL off the start-up path: the
// files are only checked at start-up, and read when the first TLS connection
// arrives (network/tls_provider). Deleting the directory makes a new one.
// Two kinesisd starting at once generate it once (a lock file). Without a
// usable cache directory (no HOME, read-only), a certificate is generated
// into the temporary directory for this run and removed at exit.
#pragma once

#include <functional>
#include <string>

namespace kinesisd::network {

struct CertificateFiles {
  std::string cert_file, key_file;
  bool temporary = false;  // this run's own (no cache directory): removed at exit
};

// The cache directory the environment names ("" when none can be named).
std::string certificate_cache_dir(const std::function<const char*(const char*)>& environment);

// The certificate to serve: the cached one, or one generated now (into
// `cache_dir`, else into `temp_dir` as kinesisd-<tag>.crt/.key). Throws
// std::runtime_error when neither can be written.
CertificateFiles localhost_certificate(const std::string& cache_dir, const std::string& temp_dir,
                                       const std::string& tag);

}  // namespace kinesisd::network
