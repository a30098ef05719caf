#include "pipeline/segment.h"

#include <algorithm>
#include <cctype>

#include "pipeline/utf8.h"

namespace finfacts {
namespace {

bool is_terminal(char32_t cp) { return cp == U'。' || cp == U'！' || cp == U'？' || cp == '!' || cp == '?'; }

// Closing marks that belong to the sentence they follow: 他说:"好。" ends after the quote.
bool is_closing(char32_t cp) {
  return cp == U'”' || cp == U'’' || cp == U'」' || cp == U'』' || cp == U'）' || cp == ')' || cp == '"' ||
         cp == '\'' || cp == U'》' || cp == U'】';
}

bool is_space(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == U'\u3000' || cp == 0xFEFF; }

}  // namespace

std::vector<Sentence> segment(std::string_view text) {
  std::vector<Sentence> sentences;
  std::size_t paragraph = 0;
  bool paragraph_has_text = false;
  std::size_t begin = 0;  // start of the current sentence
  bool has_text = false;
  std::size_t newlines_in_gap = 0;  // line breaks since the last text

  std::size_t last_end = 0;  // end of the last non-space code point
  auto close = [&]() {
    if (has_text) {
      sentences.push_back(Sentence{{begin, last_end}, paragraph});
      paragraph_has_text = true;
    }
    has_text = false;
  };

  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const char32_t cp = utf8::next(text, i);
    if (cp == '\n') {
      close();
      if (++newlines_in_gap >= 2 && paragraph_has_text) {
        ++paragraph;
        paragraph_has_text = false;
      }
      continue;
    }
    if (is_space(cp)) continue;
    if (!has_text) {
      begin = at;
      has_text = true;
    }
    newlines_in_gap = 0;
    last_end = i;
    // ASCII ! and ? end a sentence unless a word goes on right after them, as in a URL's query.
    const bool ascii_inside_word = (cp == '!' || cp == '?') && i < text.size() &&
                                   std::isalnum(static_cast<unsigned char>(text[i])) != 0;
    if (is_terminal(cp) && !ascii_inside_word) {
      // Take further terminal marks and closing marks with it: "真的?!" and "好。”".
      while (i < text.size()) {
        std::size_t k = i;
        const char32_t next = utf8::next(text, k);
        if (!is_terminal(next) && !is_closing(next)) break;
        i = k;
      }
      last_end = i;
      close();
    }
  }
  close();
  return sentences;
}

std::size_t sentence_at(const std::vector<Sentence>& sentences, std::size_t at) {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), at,
                             [](std::size_t a, const Sentence& s) { return a < s.span.begin; });
  return it == sentences.begin() ? 0 : static_cast<std::size_t>(it - sentences.begin()) - 1;
}

}  // namespace finfacts
