#include "config/command_line.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace kinesisd::config {
namespace {

struct Environment {
  std::map<std::string, std::string> vars;
  std::function<const char*(const char*)> lookup() const {
    return [this](const char* name) -> const char* {
      auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  }
};

CommandLine parse(std::vector<const char*> args, const Environment& env = {}) {
  args.insert(args.begin(), "kinesisd");
  CommandLine c;
  EXPECT_TRUE(parse_command_line(c, static_cast<int>(args.size()), args.data(), env.lookup()));
  return c;
}

std::string error_of(std::vector<const char*> args, const Environment& env = {}) {
  args.insert(args.begin(), "kinesisd");
  CommandLine c;
  try {
    parse_command_line(c, static_cast<int>(args.size()), args.data(), env.lookup());
  } catch (const BadFlag& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(CommandLine, SetsEachFormOfAFlag) {
  const auto c = parse({"--port", "0", "--region=eu-west-1", "--data-dir", "/tmp/d"});
  EXPECT_EQ(c.options.port, 0);
  EXPECT_EQ(c.options.region, "eu-west-1");
  EXPECT_EQ(c.options.data_dir, "/tmp/d");
  EXPECT_EQ(c.options.host, "127.0.0.1");  // untouched: the default
}

TEST(CommandLine, FlagsWinOverTheEnvironmentWhichWinsOverLocalStacks) {
  Environment env{{{"KINESISD_PORT", "4600"},
                   {"KINESISD_CREATE_STREAM_MS", "7"},
                   {"KINESIS_LATENCY", "90"},
                   {"INITIALIZE_STREAMS", "a,b:2"}}};
  const auto c = parse({"--port", "4601"}, env);
  EXPECT_EQ(c.options.port, 4601);
  EXPECT_EQ(c.options.create_stream_ms, 7);
  EXPECT_EQ(c.options.delete_stream_ms, 90);
  EXPECT_EQ(c.options.streams, "a:4,b:2");
}

TEST(CommandLine, RefusesWhatItCannotUse) {
  EXPECT_EQ(error_of({"--nope", "1"}), "unknown flag --nope (see --help)");
  EXPECT_EQ(error_of({"--port", "x"}), "--port expects a non-negative integer, got 'x'");
  EXPECT_EQ(error_of({"--limits", "some"}), "--limits expects aws or off, got 'some'");
  EXPECT_EQ(error_of({"--durability", "never"}),
            "--durability expects process or fsync, got 'never'");
  EXPECT_EQ(error_of({"--port"}),
            "--port needs a value: N (port; 0 picks a free one (read it from the ready line or "
            "--port-file))");
  EXPECT_EQ(error_of({"stray"}), "unexpected argument 'stray'");
  EXPECT_EQ(error_of({}, Environment{{{"KINESIS_ERROR_PROBABILITY", "2"}}}),
            "KINESIS_ERROR_PROBABILITY expects 0.0 to 1.0, got '2'");
}

// Every flag of the table, checked from its declared form: booleans take 0, 1,
// true or false and nothing else (--faults yes was read as off); numbers take
// digits; a trailing unknown flag is unknown, not "needs a value".
TEST(CommandLine, EveryFlagRefusesAValueOutsideItsForm) {
  for (const Flag& f : flags()) {
    const std::string flag = "--" + std::string(f.name);
    SCOPED_TRACE(flag);
    if (f.value == "0|1") {
      for (const char* ok : {"0", "1", "true", "false"})
        EXPECT_EQ(error_of({flag.c_str(), ok}), "(accepted)") << ok;
      for (const char* bad : {"yes", "2", "on", ""})
        EXPECT_EQ(error_of({flag.c_str(), bad}),
                  flag + " expects 0, 1, true or false, got '" + bad + "'");
    } else if (f.value == "N" || f.value == "MS" || f.value == "MIB") {
      EXPECT_NE(error_of({flag.c_str(), "ten"}), "(accepted)");
      EXPECT_NE(error_of({flag.c_str(), "-1"}), "(accepted)");
    }
    EXPECT_NE(error_of({flag.c_str()}).find(flag + " needs a value"), std::string::npos);
  }
  EXPECT_EQ(error_of({"--port", "99999"}),
            "--port expects a port number from 0 to 65535, got '99999'");
  EXPECT_EQ(error_of({"--port", "65535"}), "(accepted)");
  EXPECT_EQ(error_of({"--foo"}), "unknown flag --foo (see --help)");
  EXPECT_EQ(error_of({}, Environment{{{"KINESISD_TLS", "maybe"}}}),
            "--tls expects 0, 1, true or false, got 'maybe'");
}

TEST(CommandLine, DataDirectoryFlagsNeedADataDirectory) {
  for (const char* flag : {"--durability", "--cache-mb"}) {
    const char* value = std::string(flag) == "--durability" ? "fsync" : "64";
    EXPECT_NE(error_of({flag, value}).find("applies to a data directory, and there is none"),
              std::string::npos)
        << flag;
    EXPECT_EQ(error_of({flag, value, "--data-dir", "/tmp/d"}), "(accepted)") << flag;
  }
  // The image sets KINESISD_DATA_DIR; emptying it keeps everything in memory.
  EXPECT_EQ(error_of({}, Environment{{{"KINESISD_DATA_DIR", ""}}}), "(accepted)");
}

TEST(CommandLine, VersionIsAskedFor) {
  const char* args[] = {"kinesisd", "--version"};
  CommandLine c;
  EXPECT_FALSE(parse_command_line(c, 2, args, Environment{}.lookup()));
  EXPECT_TRUE(c.version);
}

TEST(CommandLine, HelpIsAskedFor) {
  const char* args[] = {"kinesisd", "--port", "1", "--help"};
  CommandLine c;
  EXPECT_FALSE(parse_command_line(c, 4, args, Environment{}.lookup()));
}

TEST(CommandLine, HelpListsEveryFlagOnce) {
  const std::string help = help_text();
  for (const Flag& f : flags()) {
    const std::string name = "  --" + std::string(f.name) + " ";
    EXPECT_NE(help.find(name), std::string::npos) << f.name;
    EXPECT_EQ(help.find(name), help.rfind(name)) << f.name;
  }
}

// docs/options.md holds options_markdown() between its two markers: the flag
// table in the code is the one source, and this fails when the page drifts.
TEST(CommandLine, DocsOptionsPageIsTheFlagTable) {
  const std::filesystem::path page = std::filesystem::path(KINESISD_SOURCE_DIR) / "docs/options.md";
  std::ifstream in(page);
  ASSERT_TRUE(in) << page;
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::string begin = "<!-- flags: generated from src/config/command_line.cpp -->\n";
  const std::string end = "<!-- end of flags -->";
  const size_t b = doc.find(begin), e = doc.find(end);
  ASSERT_NE(b, std::string::npos) << "docs/options.md has no '" << begin << "' marker";
  ASSERT_NE(e, std::string::npos);
  const std::string expected = options_markdown();
  if (doc.substr(b + begin.size(), e - b - begin.size()) != expected) {
    const auto fresh = std::filesystem::temp_directory_path() / "kinesisd-options.md";
    std::ofstream(fresh) << doc.substr(0, b + begin.size()) << expected << doc.substr(e);
    FAIL() << "docs/options.md differs from the flag table; the page as it should be is " << fresh
           << " (cp it over docs/options.md)";
  }
}

}  // namespace
}  // namespace kinesisd::config
