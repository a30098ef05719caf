// normalize: original text -> the form the recognizers read, with a map back.
//
//   original   "營收增長１８．４％,開始買入"
//   normalized "营收增长18.4%,开始买入"
//
// Steps, all one code point for one code point unless a phrase says otherwise:
//   - width folding: full-width forms U+FF01..FF5E -> ASCII, U+3000 -> space.
//     Not NFKC, which changes meaning and length (①2023 -> 12023, ㍿ -> 株式会社);
//   - CJK compatibility ideographs -> their NFC form (U+F91D 欄 -> 欄), so the next step sees them;
//   - Traditional -> Simplified, equal to OpenCC's t2s: at each position the longest
//     phrase of TSPhrases that starts there, else TSCharacters, first candidate;
//     plus a few Hong Kong variants t2s leaves alone (衞 枱 敍 粧 ...) from variants.tsv.
//
// The tables are data in rules/normalize/ (dumped from Debian's libopencc-data by
// scripts/rebuild-t2s). Conversion is a table lookup per code point; the phrase
// table is consulted only where a phrase can start. A Normalizer is immutable
// after load() and safe to share between threads.
#ifndef FINFACTS_PIPELINE_NORMALIZE_H_
#define FINFACTS_PIPELINE_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/offset_map.h"

namespace finfacts {

struct NormalizedText {
  std::string text;    // normalized UTF-8
  OffsetMap offsets;   // normalized bytes -> original code points
  std::size_t original_length = 0;  // code points of the original text
  Script script = Script::kNone;    // of the original text
};

class Normalizer {
 public:
  // Reads TSCharacters.txt, TSPhrases.txt, STCharacters.txt and variants.tsv from `dir`.
  static Result<Normalizer> load(const std::string& dir);

  // `original` must be valid UTF-8 (the output of decode).
  NormalizedText normalize(std::string_view original) const;

  // Adds a phrase (tests use it to check maps through phrases that change length).
  void add_phrase(std::string_view from, std::string_view to);

 private:
  struct Phrase {
    std::string from, to;
    std::size_t from_code_points, to_code_points;
  };
  enum Flag : std::uint8_t { kPhraseStart = 1, kTraditional = 2, kSimplified = 4 };
  static constexpr char32_t kTableSize = 0x30000;  // BMP, SMP and SIP: every CJK block but Ext G+

  Normalizer();
  void fold_compatibility_ideographs();  // after the Traditional->Simplified tables are in

  std::vector<char32_t> chars_;     // chars_[cp]: what cp normalizes to
  std::vector<std::uint8_t> flags_;
  std::unordered_map<char32_t, std::vector<Phrase>> phrases_;  // by first code point, longest first
};

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_NORMALIZE_H_
