// OffsetMap: from a byte offset of the normalized text back to a code-point
// offset of the original text.
//
// Two facts make it compact. Normalization replaces code points one for one
// almost everywhere, so only replacements that change the number of code points
// are stored (as edits, like ICU's Edits); and byte offsets are turned into
// code-point offsets by scanning from a checkpoint kept every 64 code points.
//
//   original   "主機板漲10%"   (a phrase table maps 主機板 -> 主板)
//   normalized "主板涨10%"
//   edit       normalized [0,2) <- original [0,3)
//   "10%" at normalized code points [3,6) -> original [4,7)
//
// A span that begins or ends inside an edit widens to the edit's whole
// original span, so original[start:end] is always a whole unit of the input.
#ifndef FINFACTS_PIPELINE_OFFSET_MAP_H_
#define FINFACTS_PIPELINE_OFFSET_MAP_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "pipeline/document.h"

namespace finfacts {

struct CodePointSpan {
  std::size_t start = 0, end = 0;  // code points of the original text, end exclusive
};

class OffsetMap {
 public:
  static constexpr std::size_t kCheckpointStride = 64;

  // Building, in text order, by the normalizer:
  // the normalized code point `index` starts at `byte` of the normalized text,
  void note_code_point(std::size_t index, std::size_t byte) {
    if (index % kCheckpointStride == 0) checkpoints_.push_back(static_cast<std::uint32_t>(byte));
  }
  // and the original code point `index` at `byte` of the original text.
  void note_original_code_point(std::size_t index, std::size_t byte) {
    if (index % kCheckpointStride == 0) original_checkpoints_.push_back(static_cast<std::uint32_t>(byte));
  }
  // normalized code points [norm_begin, +norm_len) replaced original [orig_begin, +orig_len).
  void add_edit(std::size_t norm_begin, std::size_t norm_len, std::size_t orig_begin, std::size_t orig_len);

  // Using: `normalized` is the text this map was built for.
  CodePointSpan to_original(std::string_view normalized, Span span) const;
  std::size_t code_point_at(std::string_view normalized, std::size_t byte) const;  // normalized code points
  // The byte of the original text where its code point `index` starts.
  std::size_t original_byte(std::string_view original, std::size_t index) const;

  bool is_identity() const { return edits_.empty(); }

 private:
  struct Edit {
    std::size_t norm_begin, norm_len, orig_begin, orig_len;
  };
  std::size_t original_start(std::size_t norm) const;
  std::size_t original_end(std::size_t norm_end) const;

  std::vector<std::uint32_t> checkpoints_;  // byte offset of every 64th normalized code point
  std::vector<std::uint32_t> original_checkpoints_;  // byte offset of every 64th original code point
  std::vector<Edit> edits_;                 // sorted by norm_begin
};

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_OFFSET_MAP_H_
