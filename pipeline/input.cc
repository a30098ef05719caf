#include "pipeline/input.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace finfacts {

Result<std::string> read_input(const std::string& path, std::size_t limit) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Error{"unreadable", "cannot open: " + std::string(std::strerror(errno)), std::nullopt};
  std::string data;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    data.append(buffer, n);
    if (data.size() > limit) break;
  }
  const bool failed = std::ferror(f) != 0;
  const int error = errno;
  if (f != stdin) std::fclose(f);
  if (failed) return Error{"unreadable", "cannot read: " + std::string(std::strerror(error)), std::nullopt};
  return data;
}

}  // namespace finfacts
