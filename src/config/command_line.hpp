// kinesisd's command line: the one table of flags. `kinesisd --help` prints
// it, and docs/options.md is generated from it (options_markdown(); a unit
// test fails when the page and the table differ). Every flag can also be
// given as KINESISD_<FLAG> (upper case, dashes as underscores); flags win.
#pragma once

#include <functional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kinesisd/options.hpp"

namespace kinesisd::config {

// What the command line sets: the server's options and what only main uses.
struct CommandLine {
  Options options;
  std::string port_file;            // --port-file
  std::string log_format = "text";  // --log-format
  bool version = false;             // --version: print it and exit
  std::set<std::string> given{};    // flags set by argv or the environment
};

struct Flag {
  std::string_view name;      // without the dashes
  std::string_view value;     // what it takes, e.g. "N", "DIR", "0|1"
  std::string_view fallback;  // the default as a reader sees it
  std::string_view meaning;
  // Sets the flag from its text; throws BadFlag for a value it does not take.
  void (*set)(CommandLine&, const std::string&);
};

// A flag, value or environment variable that cannot be used; what() says why.
class BadFlag : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every flag, in the order --help and docs/options.md list them.
std::span<const Flag> flags();

// KINESISD_<FLAG> for a flag's name.
std::string env_name(std::string_view flag);

// Reads `environment` (KINESISD_* variables; LocalStack's KINESIS_* ones
// first, which they win over) and then argv, which wins. False when --help
// or --version was asked for: the caller prints help_text() (or the
// version, when into.version) and exits. Throws BadFlag, naming the flag and
// what it takes: an unknown flag, a value it does not take (booleans take
// 0, 1, true or false; ports 0-65535), a flag without its value, or one
// that only means something beside another (--durability and --cache-mb
// without --data-dir).
bool parse_command_line(CommandLine& into, int argc, const char* const* argv,
                        const std::function<const char*(const char*)>& environment);

// `kinesisd --help`.
std::string help_text();

// docs/options.md's table, one row per flag.
std::string options_markdown();

}  // namespace kinesisd::config
