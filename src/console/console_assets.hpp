// The console's files (src/console/web/), compiled into the binary by
// CMake (embed_console in CMakeLists.txt): the console works offline and
// needs nothing beside the executable.
#pragma once

#include <span>
#include <string_view>

namespace kinesisd::service {

struct ConsoleAsset {
  std::string_view path;  // as requested: "/console/", "/console/console.js", ...
  std::string_view content_type;
  std::string_view body;
};

std::span<const ConsoleAsset> console_assets();

}  // namespace kinesisd::service
