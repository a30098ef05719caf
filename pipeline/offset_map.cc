#include "pipeline/offset_map.h"

#include <algorithm>

#include "pipeline/utf8.h"

namespace finfacts {

void OffsetMap::add_edit(std::size_t norm_begin, std::size_t norm_len, std::size_t orig_begin,
                         std::size_t orig_len) {
  edits_.push_back(Edit{norm_begin, norm_len, orig_begin, orig_len});
}

std::size_t OffsetMap::code_point_at(std::string_view normalized, std::size_t byte) const {
  // The last checkpoint at or before `byte`, then a scan of at most 63 code points.
  auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), byte);
  std::size_t index = 0, at = 0;
  if (it != checkpoints_.begin()) {
    --it;
    index = static_cast<std::size_t>(it - checkpoints_.begin()) * kCheckpointStride;
    at = *it;
  }
  return index + utf8::count_code_points(normalized.substr(at, byte - at));
}

std::size_t OffsetMap::original_byte(std::string_view original, std::size_t index) const {
  // The last checkpoint at or before `index`, then a scan of at most 63 code points.
  std::size_t at = 0, byte = 0;
  if (!original_checkpoints_.empty()) {
    const std::size_t c = std::min(index / kCheckpointStride, original_checkpoints_.size() - 1);
    at = c * kCheckpointStride;
    byte = original_checkpoints_[c];
  }
  for (; at < index && byte < original.size(); ++at) {
    byte += utf8::sequence_length(static_cast<unsigned char>(original[byte]));
  }
  return byte;
}

std::size_t OffsetMap::original_start(std::size_t norm) const {
  auto it = std::upper_bound(edits_.begin(), edits_.end(), norm,
                             [](std::size_t n, const Edit& e) { return n < e.norm_begin; });
  if (it == edits_.begin()) return norm;
  const Edit& e = *--it;
  if (norm < e.norm_begin + e.norm_len) return e.orig_begin;
  return norm - (e.norm_begin + e.norm_len) + (e.orig_begin + e.orig_len);
}

std::size_t OffsetMap::original_end(std::size_t norm_end) const {
  // The edit holding the last code point of the span, norm_end - 1.
  auto it = std::lower_bound(edits_.begin(), edits_.end(), norm_end,
                             [](const Edit& e, std::size_t n) { return e.norm_begin < n; });
  if (it == edits_.begin()) return norm_end;
  const Edit& e = *--it;
  if (norm_end <= e.norm_begin + e.norm_len) return e.orig_begin + e.orig_len;
  return norm_end - (e.norm_begin + e.norm_len) + (e.orig_begin + e.orig_len);
}

CodePointSpan OffsetMap::to_original(std::string_view normalized, Span span) const {
  const std::size_t begin = code_point_at(normalized, span.begin);
  const std::size_t end = begin + utf8::count_code_points(normalized.substr(span.begin, span.size()));
  if (span.size() == 0) return {original_start(begin), original_start(begin)};
  return {original_start(begin), original_end(end)};
}

}  // namespace finfacts
