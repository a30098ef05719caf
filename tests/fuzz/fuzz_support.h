// Shared by the fuzz targets: one Extractor, and the offsets check every document must pass.
#ifndef FINFACTS_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define FINFACTS_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstdlib>
#include <string>
#include <string_view>

#include "pipeline/extractor.h"

namespace finfacts::fuzz {

inline const Extractor& extractor() {
  static const Extractor* instance = [] {
    auto loaded = Extractor::load(default_rules_dir());
    if (!loaded.ok()) std::abort();
    return new Extractor(std::move(loaded.value()));
  }();
  return *instance;
}

// Every mention's text is the original's code points [start, end); mentions are in order.
inline void check_offsets(std::string_view original, const Json& doc) {
  std::size_t previous_end = 0;
  for (const Json& m : doc["mentions"]) {
    const std::size_t start = m["start"], end = m["end"];
    if (start < previous_end || end <= start) std::abort();
    std::size_t index = 0, from = std::string_view::npos, to = original.size();
    for (std::size_t i = 0; i <= original.size(); ++i) {
      if (i < original.size() && (static_cast<unsigned char>(original[i]) & 0xC0) == 0x80) continue;
      if (index == start) from = i;
      if (index == end) {
        to = i;
        break;
      }
      ++index;
    }
    if (from == std::string_view::npos || original.substr(from, to - from) != m["text"].get<std::string>()) std::abort();
    previous_end = end;
  }
}

}  // namespace finfacts::fuzz

#endif  // FINFACTS_TESTS_FUZZ_FUZZ_SUPPORT_H_
