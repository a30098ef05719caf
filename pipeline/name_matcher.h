// name_matcher: every occurrence of many names in one pass over the text (Aho-Corasick).
//
//   NameMatcher m;
//   m.add("阿里", 7);  m.add("阿里巴巴", 7);  m.add("OpenAI", 9);
//   m.build();
//   m.find_all("阿里巴巴与Open AI", out);
//     -> {[0,6) 7}, {[0,12) 7}, {[15,22) 9}       (byte spans of the text)
//
// Matching is on bytes of UTF-8, with two foldings on both names and text: ASCII
// letters without regard to case, and spaces ignored (`Open AI`, `open ai` and
// `OpenAI` are one name). A name that begins or ends with an ASCII letter or digit
// must not continue a Latin word there (`Meta` is not found in `Metaverse`).
// Every occurrence is reported, nested ones too; choosing among them is resolve's job.
// Time is linear in the text plus the occurrences; a NameMatcher is immutable after build().
#ifndef FINFACTS_PIPELINE_NAME_MATCHER_H_
#define FINFACTS_PIPELINE_NAME_MATCHER_H_

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/document.h"

namespace finfacts {

class NameMatcher {
 public:
  struct Match {
    Span span;            // bytes of the text, from the name's first to its last character
    std::uint32_t id;     // what add() was given
  };

  // Names that fold to nothing are ignored; a name added twice keeps its first id.
  void add(std::string_view name, std::uint32_t id);
  // Computes the failure links; call once after the last add().
  void build();
  // Appends every occurrence in text[range) to `out`.
  void find_all(std::string_view text, Span range, std::vector<Match>& out) const;

  std::size_t names() const { return names_; }

 private:
  static constexpr std::int32_t kNone = -1;
  struct Node {
    std::int32_t first_edge = 0, edge_count = 0;  // into edges_, sorted by byte (after build)
    std::int32_t fail = 0;
    std::int32_t output = kNone;    // the longest name ending here, as an index into outputs_
    std::int32_t next_output = kNone;  // the nearest node on the fail chain that has an output
    std::int32_t dense = kNone;        // for shallow nodes: their 256 transitions in dense_
  };
  struct Output {
    std::uint32_t id;
    std::uint32_t folded_length;  // bytes after folding
    bool latin_begin, latin_end;  // starts / ends with an ASCII letter or digit
  };

  std::int32_t child(std::int32_t node, unsigned char byte) const;
  std::int32_t step(std::int32_t node, unsigned char byte) const;  // follows fail links

  // While adding, edges live in a hash map from (node, byte); build() sorts them into edges_.
  std::unordered_map<std::uint64_t, std::int32_t> pending_;
  std::vector<Node> nodes_ = {Node{}};
  std::vector<std::pair<unsigned char, std::int32_t>> edges_;
  std::vector<std::int32_t> root_;  // 256 direct transitions from the root: most bytes start nothing
  // Full transitions (fail links followed) of the nodes one and two bytes deep, where text that
  // starts no name keeps the automaton: a step there is one lookup, not a search.
  std::vector<std::int32_t> dense_;
  std::vector<Output> outputs_;
  std::size_t names_ = 0;
  std::size_t longest_ = 0;  // folded bytes of the longest name
  std::size_t ring_ = 1;     // a power of two >= longest_: find_all's window of positions
};

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_NAME_MATCHER_H_
