// kinesisd: reads the command line (config/command_line.hpp: the flags and
// their KINESISD_* variables), starts the server, and stops it gracefully on
// SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <boost/system/system_error.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <system_error>

#include "cli/tail_command.hpp"
#include "config/command_line.hpp"
#include "config/config_file.hpp"
#include "kinesisd/server.hpp"
#include "observability/log_format.hpp"

namespace {

// Written whole under a temporary name, then renamed: a reader never sees half.
bool write_port_file(const std::string& path, uint16_t port) {
  const std::string tmp = path + ".tmp";
  std::ofstream(tmp) << port << "\n";
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

// "kinesisd: <text>" on stderr. (stdio, not <iostream>: its initialisation
// would run at every start, `--help` included.)
void complain(const std::string& text) { std::fprintf(stderr, "kinesisd: %s\n", text.c_str()); }

}  // namespace

int main(int argc, char** argv) {
  // `kinesisd tail STREAM ...`: a client of a running kinesisd (cli/tail_command.hpp).
  if (argc > 1 && std::string_view(argv[1]) == "tail")
    return kinesisd::cli::tail_main(argc - 1, argv + 1);
  kinesisd::config::CommandLine command_line;
  kinesisd::Options& o = command_line.options;
  const std::string& port_file = command_line.port_file;
  try {
    if (!kinesisd::config::parse_command_line(command_line, argc, argv, std::getenv)) {
      if (command_line.version)
        std::fputs("kinesisd " KINESISD_VERSION "\n", stdout);
      else
        std::fputs(kinesisd::config::help_text().c_str(), stdout);
      return 0;
    }
    const auto level = spdlog::level::from_str(o.log_level);
    if (level == spdlog::level::off && o.log_level != "off")
      throw std::runtime_error("--log-level: unknown level '" + o.log_level + "'");
    spdlog::set_level(level);
    kinesisd::observability::set_log_format(command_line.log_format);
  } catch (const std::exception& e) {
    complain(e.what());
    return 2;
  }

  // Block the stop signals in every thread; this one waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  kinesisd::Server server(o);
  try {
    server.start();
  } catch (const kinesisd::config::ConfigError& e) {
    complain(e.what());
    return 2;
  } catch (const boost::system::system_error& e) {
    // One line: the cause and a way out, not Boost's source location.
    complain("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " +
             e.code().message() +
             (e.code() == boost::system::errc::address_in_use
                  ? " (another kinesisd or server has it: stop it, or pick another --port; "
                    "--port 0 picks a free one)"
                  : ""));
    return 2;
  } catch (const std::system_error& e) {
    complain("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " +
             e.code().message());
    return 2;
  } catch (const std::exception& e) {  // the TLS certificate
    complain(e.what());
    return 2;
  }
  if (!port_file.empty() && !write_port_file(port_file, server.port())) {
    complain("cannot write --port-file " + port_file);
    server.stop();
    server.wait();
    return 1;
  }
  if (!server.tls_cert_path().empty())
    spdlog::info("TLS and HTTP/2 on the same port; certificate: {}", server.tls_cert_path());
  std::printf("kinesisd listening on http://%s:%u\n", o.host.c_str(),
              static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  if (server.console())
    spdlog::info("console: http://{}:{}/console/",
                 o.host == "0.0.0.0" || o.host == "::" ? "localhost" : o.host, server.port());

  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("signal {}: stopping", signal);
  server.stop();
  server.wait();
  return 0;
}
