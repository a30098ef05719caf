// Shared by the fuzz targets: one Extractor, and the offsets check every document must pass.
#ifndef FINFACTS_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define FINFACTS_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstdlib>
#include <optional>
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

// The original's code points [start, end), or nullopt when they are not in it.
inline std::optional<std::string_view> code_points(std::string_view original, std::size_t start, std::size_t end) {
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
  if (from == std::string_view::npos || end < start) return std::nullopt;
  return original.substr(from, to - from);
}

// Every mention's text is the original's code points [start, end); mentions are in order. Every
// fact's parts are mentions of the right types, and a subject phrase's offsets hold too.
inline void check_offsets(std::string_view original, const Json& doc) {
  std::size_t previous_end = 0;
  const Json& mentions = doc["mentions"];
  for (const Json& m : mentions) {
    const std::size_t start = m["start"], end = m["end"];
    if (start < previous_end || end <= start) std::abort();
    if (code_points(original, start, end) != std::optional<std::string_view>(m["text"].get<std::string_view>())) {
      std::abort();
    }
    previous_end = end;
  }
  const auto type_of = [&](const Json& index) -> std::string {
    if (!index.is_number_unsigned() || index.get<std::size_t>() >= mentions.size()) std::abort();
    return mentions[index.get<std::size_t>()]["type"];
  };
  for (const Json& f : doc["facts"]) {
    const std::string value = type_of(f["value"]);
    if (value != "number" && value != "percent" && value != "money") std::abort();
    if (!f["period"].is_null() && type_of(f["period"]) != "date" && type_of(f["period"]) != "duration") std::abort();
    for (const Json& s : f["subjects"]) {
      if (type_of(s) != "company" && type_of(s) != "index") std::abort();
    }
    if (const Json& p = f["subject_phrase"]; p.is_object()) {
      if (code_points(original, p["start"], p["end"]) != std::optional<std::string_view>(p["text"].get<std::string_view>())) {
        std::abort();
      }
    }
  }
}

}  // namespace finfacts::fuzz

#endif  // FINFACTS_TESTS_FUZZ_FUZZ_SUPPORT_H_
