#include "pipeline/normalize.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <utf8proc.h>

#include "pipeline/utf8.h"

namespace finfacts {
namespace {

// One line of an OpenCC text dictionary: "key<TAB>value value ...".
struct DictEntry {
  std::string key;
  std::vector<std::string> values;
};

Result<std::vector<DictEntry>> read_dictionary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"rules", "cannot read " + path, std::nullopt};
  std::vector<DictEntry> entries;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) {
      return Error{"rules", path + ":" + std::to_string(number) + ": expected 'key<TAB>value ...'", std::nullopt};
    }
    DictEntry entry{line.substr(0, tab), {}};
    std::istringstream values(line.substr(tab + 1));
    for (std::string v; values >> v;) entry.values.push_back(v);
    entries.push_back(std::move(entry));
  }
  return entries;
}

// The single code point of `s`, or 0 when it has another length.
char32_t single_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = 0;
  const char32_t cp = utf8::next(s, i);
  return i == s.size() ? cp : 0;
}

bool contains(const std::vector<std::string>& values, const std::string& s) {
  return std::find(values.begin(), values.end(), s) != values.end();
}

}  // namespace

Normalizer::Normalizer() : chars_(kTableSize), flags_(kTableSize, 0) {
  for (char32_t cp = 0; cp < kTableSize; ++cp) chars_[cp] = cp;
  for (char32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) chars_[cp] = cp - 0xFEE0;
  chars_[0x3000] = ' ';
}

void Normalizer::fold_compatibility_ideographs() {
  // NFC maps each CJK compatibility ideograph to one unified ideograph (U+F91D -> 欄), which
  // then converts as that ideograph does (欄 -> 栏).
  for (const auto& [first, last] : {std::pair<char32_t, char32_t>{0xF900, 0xFAFF}, {0x2F800, 0x2FA1F}}) {
    for (char32_t cp = first; cp <= last; ++cp) {
      std::string s;
      utf8::append(s, cp);
      utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
      if (nfc == nullptr) continue;
      const char32_t unified = single_code_point(reinterpret_cast<const char*>(nfc));
      std::free(nfc);
      if (unified != 0 && unified < kTableSize) chars_[cp] = chars_[unified];
    }
  }
}

Result<Normalizer> Normalizer::load(const std::string& dir) {
  Normalizer n;
  auto characters = read_dictionary(dir + "/TSCharacters.txt");
  if (!characters.ok()) return characters.error();
  auto phrases = read_dictionary(dir + "/TSPhrases.txt");
  if (!phrases.ok()) return phrases.error();
  auto simplified = read_dictionary(dir + "/STCharacters.txt");
  if (!simplified.ok()) return simplified.error();
  auto variants = read_dictionary(dir + "/variants.tsv");
  if (!variants.ok()) return variants.error();

  for (const auto* table : {&characters.value(), &variants.value()}) {
    for (const DictEntry& e : *table) {
      const char32_t from = single_code_point(e.key);
      const char32_t to = single_code_point(e.values.front());
      if (from == 0 || to == 0 || from >= kTableSize) {
        return Error{"rules", "normalize table: '" + e.key + "' -> '" + e.values.front() +
                                  "' is not one code point to one code point within the table",
                     std::nullopt};
      }
      n.chars_[from] = to;
      if (!contains(e.values, e.key)) n.flags_[from] |= kTraditional;
    }
  }
  for (const DictEntry& e : simplified.value()) {
    const char32_t cp = single_code_point(e.key);
    if (cp != 0 && cp < kTableSize && !contains(e.values, e.key)) n.flags_[cp] |= kSimplified;
  }
  n.fold_compatibility_ideographs();
  for (const DictEntry& e : phrases.value()) n.add_phrase(e.key, e.values.front());
  return n;
}

void Normalizer::add_phrase(std::string_view from, std::string_view to) {
  std::size_t i = 0;
  const char32_t first = utf8::next(from, i);
  if (first >= kTableSize) return;
  flags_[first] |= kPhraseStart;
  auto& list = phrases_[first];
  list.push_back(Phrase{std::string(from), std::string(to), utf8::count_code_points(from),
                        utf8::count_code_points(to)});
  std::stable_sort(list.begin(), list.end(),
                   [](const Phrase& a, const Phrase& b) { return a.from.size() > b.from.size(); });
}

NormalizedText Normalizer::normalize(std::string_view original) const {
  NormalizedText out;
  // Written through a pointer into a buffer sized for the worst case of one-for-one
  // replacement (3 bytes -> 4 bytes); only a phrase can need more, and it checks.
  std::string& text = out.text;
  text.resize(original.size() + original.size() / 3 + 8);
  std::size_t w = 0;
  std::size_t norm_index = 0, orig_index = 0;
  std::size_t traditional = 0, simplified = 0;

  auto emit = [&](char32_t cp) {
    out.offsets.note_code_point(norm_index++, w);
    w += utf8::encode(cp, &text[w]);
  };

  for (std::size_t i = 0; i < original.size();) {
    out.offsets.note_original_code_point(orig_index, i);
    const auto byte = static_cast<unsigned char>(original[i]);
    if (byte < 0x80) {  // ASCII: nothing to do but copy
      out.offsets.note_code_point(norm_index++, w);
      text[w++] = static_cast<char>(byte);
      ++i, ++orig_index;
      continue;
    }
    const std::size_t at = i;
    const char32_t cp = utf8::next(original, i);
    if (cp >= kTableSize) {
      emit(cp);
      ++orig_index;
      continue;
    }
    const std::uint8_t flags = flags_[cp];
    if (flags & kPhraseStart) {
      const Phrase* match = nullptr;
      for (const Phrase& p : phrases_.at(cp)) {
        if (original.compare(at, p.from.size(), p.from) == 0) {
          match = &p;
          break;
        }
      }
      if (match != nullptr) {
        std::size_t index = orig_index;
        for (std::size_t k = at; k < at + match->from.size();) {
          if (k > at) out.offsets.note_original_code_point(index, k);
          ++index;
          const char32_t c = utf8::next(original, k);
          if (c < kTableSize) {
            traditional += (flags_[c] & kTraditional) != 0;
            simplified += (flags_[c] & kSimplified) != 0;
          }
        }
        if (match->from_code_points != match->to_code_points) {
          out.offsets.add_edit(norm_index, match->to_code_points, orig_index, match->from_code_points);
        }
        const std::size_t rest = original.size() - at - match->from.size();
        if (w + match->to.size() + rest + rest / 3 + 8 > text.size()) {
          text.resize(w + match->to.size() + rest + rest / 3 + 8);
        }
        for (std::size_t k = 0; k < match->to.size();) emit(utf8::next(match->to, k));
        orig_index += match->from_code_points;
        i = at + match->from.size();
        continue;
      }
    }
    traditional += (flags & kTraditional) != 0;
    simplified += (flags & kSimplified) != 0;
    emit(chars_[cp]);
    ++orig_index;
  }
  text.resize(w);
  out.original_length = orig_index;
  out.script = traditional && simplified ? Script::kMixed
               : traditional             ? Script::kTraditional
               : simplified              ? Script::kSimplified
                                         : Script::kNone;
  return out;
}

}  // namespace finfacts
