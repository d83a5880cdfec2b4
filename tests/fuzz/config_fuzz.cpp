// The config file (config/config_file): any text is a ConfigFile or a
// ConfigError naming the key, never anything else. Its identities and their
// IAM policies go through iam/identities too.
#include "config/config_file.hpp"
#include "fuzz_input.hpp"
#include "iam/identities.hpp"

KINESISD_FUZZ_TARGET(config) {
  try {
    const auto file =
        kinesisd::config::parse_config({reinterpret_cast<const char*>(data), size}, "fuzz.json");
    (void)kinesisd::iam::Identities::parse(file.identities, "000000000000");
  } catch (const kinesisd::config::ConfigError&) {
  } catch (const kinesisd::iam::IdentityError&) {
  }
  return 0;
}
