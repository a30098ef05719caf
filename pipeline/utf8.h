// UTF-8 helpers for text that decode() has already validated.
#ifndef FINFACTS_PIPELINE_UTF8_H_
#define FINFACTS_PIPELINE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace finfacts::utf8 {

// Length of the sequence that starts with `lead` (1 for a continuation byte, to stay safe).
inline std::size_t sequence_length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Decodes the code point at s[i] and advances i past it. `s` must be valid UTF-8.
inline char32_t next(std::string_view s, std::size_t& i) {
  const auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  const char32_t lead = b(0);
  if (lead < 0x80) {
    i += 1;
    return lead;
  }
  if (lead < 0xE0) {
    const char32_t cp = ((lead & 0x1F) << 6) | (b(1) & 0x3F);
    i += 2;
    return cp;
  }
  if (lead < 0xF0) {  // all of CJK's basic blocks
    const char32_t cp = ((lead & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    i += 3;
    return cp;
  }
  const char32_t cp = ((lead & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  i += 4;
  return cp;
}

// Writes the UTF-8 form of `cp` at `out` (room for 4 bytes), returns its length.
inline std::size_t encode(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The byte offset of each code point of `s`, then s.size(): offsets[n] is where code point n starts.
inline std::vector<std::size_t> code_point_offsets(std::string_view s) {
  std::vector<std::size_t> offsets;
  offsets.reserve(s.size() / 2 + 1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) offsets.push_back(i);
  }
  offsets.push_back(s.size());
  return offsets;
}

inline std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// At most `max_bytes` of `text` before byte `end` (not before `floor`), starting on a code point.
inline std::string_view window_before(std::string_view text, std::size_t end, std::size_t max_bytes,
                                      std::size_t floor = 0) {
  std::size_t from = end > floor + max_bytes ? end - max_bytes : floor;
  while (from < end && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
  return text.substr(from, end - from);
}

// At most `max_bytes` of `text` from byte `begin` (not past `ceiling`), ending on a code point.
inline std::string_view window_after(std::string_view text, std::size_t begin, std::size_t max_bytes,
                                     std::size_t ceiling = std::string_view::npos) {
  const std::size_t limit = ceiling < text.size() ? ceiling : text.size();
  std::size_t to = limit < begin + max_bytes ? limit : begin + max_bytes;
  while (to > begin && to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
  return text.substr(begin, to - begin);
}

}  // namespace finfacts::utf8

#endif  // FINFACTS_PIPELINE_UTF8_H_
