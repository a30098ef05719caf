#include "pipeline/decode.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <vector>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

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

namespace {

// Bytes the charset detector reads: its single-byte recognizers cost 2 ms for 4 KB, and 1 KB of
// Chinese text (some 500 characters) tells the encodings apart as well.
constexpr std::size_t kDetectionSample = 1024;

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

// `bytes` in `encoding` as UTF-8, or the offset of the first byte that does not convert.
Result<std::string> convert(std::string_view bytes, const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  icu::LocalUConverterPointer converter(ucnv_open(encoding.c_str(), &status));
  if (U_FAILURE(status)) return Error{"undecodable", "unknown encoding " + encoding, std::nullopt};
  ucnv_setToUCallBack(converter.getAlias(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string units(bytes.size() + 1, u'\0');  // a byte gives at most one UTF-16 unit
  const char* source = bytes.data();
  UChar* target = units.data();
  ucnv_toUnicode(converter.getAlias(), &target, units.data() + units.size(), &source, bytes.data() + bytes.size(),
                 nullptr, true, &status);
  if (U_FAILURE(status)) {
    char invalid[32];
    int8_t invalid_length = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter.getAlias(), invalid, &invalid_length, &ignored);
    const auto offset = static_cast<std::size_t>(source - bytes.data()) - static_cast<std::size_t>(invalid_length);
    return Error{"undecodable", "not " + encoding + " at byte " + std::to_string(offset), offset};
  }
  const auto length = static_cast<int32_t>(target - units.data());
  int32_t needed = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &needed, units.data(), length, &status);
  std::string utf8(static_cast<std::size_t>(needed), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(utf8.data(), needed, nullptr, units.data(), length, &status);
  if (U_FAILURE(status)) return Error{"undecodable", "not " + encoding + ": " + u_errorName(status), std::nullopt};
  return utf8;
}

// Big5 and GBK share most byte pairs, and ICU's detector often names GB18030 for short Big5
// text. Their bytes tell them apart: Big5 uses second bytes 0x40-0x7E for about two characters
// in five, GB2312 text never (GBK's extensions do, but then with first bytes 0x81-0xA0, which
// Big5 never has).
bool looks_like_big5(std::string_view bytes) {
  std::size_t pairs = 0, low_trails = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
    const auto lead = static_cast<unsigned char>(bytes[i]), trail = static_cast<unsigned char>(bytes[i + 1]);
    if (lead < 0x81 || lead == 0xFF) continue;
    if (lead <= 0xA0) return false;
    ++pairs;
    low_trails += trail >= 0x40 && trail <= 0x7E;
    ++i;
  }
  return pairs > 0 && low_trails * 10 >= pairs;  // 10% or more
}

// The Chinese encodings to try for `bytes` that are not UTF-8, most likely first; none when ICU's
// detector proposes neither (Latin-1 or random bytes).
std::vector<std::string> detected_encodings(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  thread_local icu::LocalUCharsetDetectorPointer detector(ucsdet_open(&status));  // opening costs
  if (detector.isNull()) return {};
  // A few kilobytes tell as much as the whole text, and the detector's cost grows with what it reads.
  const std::string_view sample = bytes.substr(0, kDetectionSample);
  ucsdet_setText(detector.getAlias(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.getAlias(), &count, &status);
  bool chinese = false;
  for (int32_t i = 0; U_SUCCESS(status) && i < count && !chinese; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    chinese = U_SUCCESS(status) && name != nullptr && (same_name(name, "GB18030") || same_name(name, "Big5"));
  }
  if (!chinese) return {};
  if (looks_like_big5(bytes)) return {"Big5", "GB18030"};
  return {"GB18030", "Big5"};
}

// Whether `utf8` holds a code point of the Private Use Area (U+E000..U+F8FF): converters map the
// bytes an encoding leaves unassigned there (ICU's Big5 maps 0xFF to U+F8F8), so a guessed
// encoding that yields one guessed wrong.
bool has_private_use(std::string_view utf8) {
  for (std::size_t i = 0; i + 2 < utf8.size(); ++i) {
    const auto a = static_cast<unsigned char>(utf8[i]), b = static_cast<unsigned char>(utf8[i + 1]);
    if (a == 0xEE || (a == 0xEF && b <= 0xA3)) return true;
  }
  return false;
}

}  // namespace

bool known_encoding(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  icu::LocalUConverterPointer converter(ucnv_open(std::string(name).c_str(), &status));
  return U_SUCCESS(status);
}

Result<DecodedInput> decode_any(std::string_view bytes, std::string_view forced) {
  DecodedInput d;
  const auto as_utf8 = [&](std::string_view utf8) -> Result<DecodedInput> {
    auto decoded = decode(utf8);
    if (!decoded.ok()) return decoded.error();
    d.input_ = decoded.value().utf8;
    d.code_points_ = decoded.value().code_points;
    d.encoding_ = "UTF-8";
    return std::move(d);
  };
  // Converted text is validated as UTF-8 input is; its error offsets are then of the converted
  // text, so they are reported without one.
  const auto converted = [&](std::string_view body, const std::string& encoding,
                             bool guessed = false) -> Result<DecodedInput> {
    auto utf8 = convert(body, encoding);
    if (!utf8.ok()) return utf8.error();
    if (guessed && has_private_use(utf8.value())) {
      return Error{"undecodable", "not " + encoding + ": private-use characters", std::nullopt};
    }
    d.text_ = std::move(utf8.value());
    auto decoded = decode(d.text_);
    if (!decoded.ok()) {
      return Error{decoded.error().code, decoded.error().message + " (after converting from " + encoding + ")",
                   std::nullopt};
    }
    if (decoded.value().utf8.size() != d.text_.size()) d.text_.erase(0, d.text_.size() - decoded.value().utf8.size());
    d.converted_ = true;
    d.code_points_ = decoded.value().code_points;
    d.encoding_ = encoding;
    return std::move(d);
  };
  if (!forced.empty()) {
    if (same_name(forced, "UTF-8") || same_name(forced, "UTF8")) return as_utf8(bytes);
    return converted(bytes, std::string(forced));
  }
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() >= 2 && s[0] == 0xFF && s[1] == 0xFE) return converted(bytes.substr(2), "UTF-16LE");
  if (bytes.size() >= 2 && s[0] == 0xFE && s[1] == 0xFF) return converted(bytes.substr(2), "UTF-16BE");
  auto utf8 = as_utf8(bytes);
  if (utf8.ok()) return utf8;
  // Not UTF-8; or UTF-8 up to a C1 control (U+0080..U+009F, bytes C2 80..C2 9F), which GBK text
  // makes as often as anything (尾聲 is CE B2 C2 95) and which is then followed, sooner or later,
  // by bytes that are no UTF-8 at all. Text that is UTF-8 throughout stays UTF-8, and binary.
  const std::optional<std::size_t> at = utf8.error().byte_offset;
  const bool c1 = utf8.error().code == "binary_input" && at && *at < bytes.size() && s[*at] == 0xC2 &&
                  !convert(bytes, "UTF-8").ok();
  if (utf8.error().code != "invalid_utf8" && !c1) return utf8;
  // NUL is in no Chinese text of any of these encodings: binary data, wherever it is.
  if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    return Error{"binary_input", "control character U+0000 at byte " + std::to_string(nul) + ": binary data, not text",
                 nul};
  }
  for (const std::string& encoding : detected_encodings(bytes)) {
    auto other = converted(bytes, encoding, true);
    if (other.ok()) return other;
  }
  Error error = utf8.error();
  error.message += "; not GB18030 or Big5 either";
  return error;
}

}  // namespace finfacts
