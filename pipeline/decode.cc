#include "pipeline/decode.h"

#include <cstdint>
#include <cstdio>

namespace finfacts {
namespace {

Error invalid_utf8(std::size_t offset, const char* what) {
  return Error{"invalid_utf8", std::string("invalid UTF-8 at byte ") + std::to_string(offset) + ": " + what,
               offset};
}

Error binary_input(std::size_t offset, char32_t cp) {
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(cp));
  return Error{"binary_input",
               std::string("control character ") + name + " at byte " + std::to_string(offset) +
                   ": binary data, not text",
               offset};
}

bool is_binary_control(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

}  // namespace

Result<DecodedText> decode(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t start = 0;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) start = 3;

  std::size_t code_points = 0;
  for (std::size_t i = start; i < n;) {
    const unsigned char lead = s[i];
    if (lead < 0x80) {
      if (is_binary_control(lead)) return binary_input(i, lead);
      ++i;
      ++code_points;
      continue;
    }
    // The common case in Chinese text: a three-byte sequence whose lead (E1..EC, EE, EF) rules out
    // overlongs (E0), surrogates (ED) and control characters; only the continuations need a look.
    const bool plain_three_byte = lead >= 0xE1 && lead <= 0xEF && lead != 0xED;
    if (plain_three_byte && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
      i += 3;
      ++code_points;
      continue;
    }
    std::size_t len;
    char32_t cp;
    char32_t min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      len = 2, cp = lead & 0x1F, min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      len = 3, cp = lead & 0x0F, min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      len = 4, cp = lead & 0x07, min = 0x10000;
    } else if (lead == 0xC0 || lead == 0xC1) {
      return invalid_utf8(i, "overlong encoding");
    } else if (lead >= 0x80 && lead <= 0xBF) {
      return invalid_utf8(i, "unexpected continuation byte");
    } else {
      return invalid_utf8(i, "byte never valid in UTF-8");
    }
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= n) return invalid_utf8(i, "truncated sequence at end of input");
      if ((s[i + k] & 0xC0) != 0x80) return invalid_utf8(i, "truncated sequence");
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min) return invalid_utf8(i, "overlong encoding");
    if (cp >= 0xD800 && cp <= 0xDFFF) return invalid_utf8(i, "surrogate code point");
    if (cp > 0x10FFFF) return invalid_utf8(i, "code point beyond U+10FFFF");
    if (is_binary_control(cp)) return binary_input(i, cp);
    i += len;
    ++code_points;
  }
  return DecodedText{bytes.substr(start), code_points};
}

}  // namespace finfacts
