// decode: bytes -> validated UTF-8 text.
//
//   decode("\xEF\xBB\xBF" "增长10%")  -> "增长10%"            (BOM dropped)
//   decode("ab\xC0\xAF")             -> Error{invalid_utf8, byte_offset 2}  (overlong '/')
//   decode("ab\0cd")                 -> Error{binary_input, byte_offset 2}
//
// Rejected: bad lead or continuation bytes, truncated sequences, overlong forms,
// surrogates (U+D800..DFFF), code points above U+10FFFF, and control characters
// other than tab, LF and CR (C0, DEL and C1), which mark binary input. The byte
// offset of an error counts from the first input byte, BOM included.
#ifndef FINFACTS_PIPELINE_DECODE_H_
#define FINFACTS_PIPELINE_DECODE_H_

#include <string>
#include <string_view>

#include "pipeline/document.h"

namespace finfacts {

struct DecodedText {
  std::string_view utf8;          // the original text: the input minus a leading BOM (a view into it)
  std::size_t code_points = 0;    // its length in code points
};

// Validates without copying: the result views `bytes`, which must outlive it.
Result<DecodedText> decode(std::string_view bytes);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_DECODE_H_
