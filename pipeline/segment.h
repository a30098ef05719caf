// segment: normalized text -> sentences and paragraphs.
//
//   "營收增長。淨利潤下滑!\n\n研究院稱"  ->  sentence 0 "營收增長。"     paragraph 0
//                                          sentence 1 "淨利潤下滑!"   paragraph 0
//                                          sentence 2 "研究院稱"       paragraph 1
//
// A sentence ends after 。！？!? (with any closing quotes or brackets right
// after them; ASCII !? not when a letter or digit follows, as in a URL's
// "post?rate=5") and at every line break; a blank line also ends the paragraph.
// Sentences are numbered from 0 in document order; whitespace-only stretches
// are not sentences. Spans exclude the line break and surrounding whitespace.
#ifndef FINFACTS_PIPELINE_SEGMENT_H_
#define FINFACTS_PIPELINE_SEGMENT_H_

#include <string_view>
#include <vector>

#include "pipeline/document.h"

namespace finfacts {

struct Sentence {
  Span span;               // bytes of the normalized text
  std::size_t paragraph;   // numbered from 0
};

std::vector<Sentence> segment(std::string_view normalized);

// The index of the sentence holding byte `at`, or of the last one before it.
std::size_t sentence_at(const std::vector<Sentence>& sentences, std::size_t at);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_SEGMENT_H_
