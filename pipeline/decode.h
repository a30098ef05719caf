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

// Text in any encoding Chinese sites use, as UTF-8:
//
//   UTF-8 with or without BOM   kept as it is (no copy)
//   UTF-16LE / UTF-16BE         when the input starts with their BOM
//   GB18030 (GBK, GB2312), Big5 when the input is not UTF-8, ICU's charset detection names one
//                               of them, and the bytes convert without a single error
//
// `forced` (an ICU converter name: "GBK", "Big5", "UTF-16LE" ...) skips detection. Input that
// no encoding decodes gives the UTF-8 error (invalid_utf8, its byte offset); a forced
// encoding that fails gives "undecodable" with the offset of the first bad byte. Never a
// replacement character: the converted text is validated like UTF-8 input (no controls).
class DecodedInput {
 public:
  std::string_view utf8() const { return converted_ ? std::string_view(text_) : input_; }
  std::size_t code_points() const { return code_points_; }
  const std::string& encoding() const { return encoding_; }  // "UTF-8", "GB18030", "Big5", ...

 private:
  friend Result<DecodedInput> decode_any(std::string_view bytes, std::string_view forced);
  bool converted_ = false;
  std::string text_;           // the UTF-8 text, when converted
  std::string_view input_;     // the input minus its BOM, when it was UTF-8 already
  std::size_t code_points_ = 0;
  std::string encoding_;
};

Result<DecodedInput> decode_any(std::string_view bytes, std::string_view forced = {});

// Whether ICU has a converter of that name (for --encoding).
bool known_encoding(std::string_view name);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_DECODE_H_
