#include "pipeline/name_matcher.h"

#include <algorithm>
#include <deque>

namespace finfacts {
namespace {

constexpr unsigned char kSkipped = ' ';

unsigned char fold(unsigned char byte) {
  return byte >= 'A' && byte <= 'Z' ? static_cast<unsigned char>(byte - 'A' + 'a') : byte;
}

bool latin(unsigned char byte) {
  return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
}

}  // namespace

void NameMatcher::add(std::string_view name, std::uint32_t id) {
  std::int32_t node = 0;
  std::uint32_t length = 0;
  for (char c : name) {
    const unsigned char byte = fold(static_cast<unsigned char>(c));
    if (byte == kSkipped) continue;
    ++length;
    const auto key = (static_cast<std::uint64_t>(node) << 8) | byte;
    const auto [it, created] = pending_.try_emplace(key, static_cast<std::int32_t>(nodes_.size()));
    if (created) nodes_.push_back(Node{});
    node = it->second;
  }
  Node& end = nodes_[static_cast<std::size_t>(node)];
  if (length == 0 || end.output != kNone) return;
  end.output = static_cast<std::int32_t>(outputs_.size());
  const auto first = name.find_first_not_of(kSkipped), last = name.find_last_not_of(kSkipped);
  outputs_.push_back(Output{id, length, latin(static_cast<unsigned char>(name[first])),
                            latin(static_cast<unsigned char>(name[last]))});
  ++names_;
  longest_ = std::max<std::size_t>(longest_, length);
}

std::int32_t NameMatcher::child(std::int32_t node, unsigned char byte) const {
  const Node& n = nodes_[static_cast<std::size_t>(node)];
  const auto begin = edges_.begin() + n.first_edge, end = begin + n.edge_count;
  auto it = std::lower_bound(begin, end, byte, [](const auto& e, unsigned char b) { return e.first < b; });
  return it != end && it->first == byte ? it->second : kNone;
}

std::int32_t NameMatcher::step(std::int32_t node, unsigned char byte) const {
  while (node != 0) {
    const std::int32_t dense = nodes_[static_cast<std::size_t>(node)].dense;
    if (dense != kNone) return dense_[static_cast<std::size_t>(dense) * 256 + byte];
    const std::int32_t next = child(node, byte);
    if (next != kNone) return next;
    node = nodes_[static_cast<std::size_t>(node)].fail;
  }
  return root_[byte];
}

void NameMatcher::build() {
  // Edges sorted by (parent, byte): each node's edges are contiguous and in byte order.
  std::vector<std::pair<std::uint64_t, std::int32_t>> sorted(pending_.begin(), pending_.end());
  std::sort(sorted.begin(), sorted.end());
  pending_ = {};
  edges_.clear();
  edges_.reserve(sorted.size());
  for (const auto& [key, child] : sorted) {
    Node& parent = nodes_[static_cast<std::size_t>(key >> 8)];
    if (parent.edge_count == 0) parent.first_edge = static_cast<std::int32_t>(edges_.size());
    ++parent.edge_count;
    edges_.emplace_back(static_cast<unsigned char>(key & 0xFF), child);
  }
  while (ring_ < longest_) ring_ *= 2;
  root_.assign(256, 0);
  std::deque<std::int32_t> queue;
  std::vector<std::int32_t> shallow;  // nodes one and two bytes deep, in breadth-first order
  for (std::int32_t e = 0; e < nodes_[0].edge_count; ++e) {
    const auto& [byte, node] = edges_[static_cast<std::size_t>(e)];
    root_[byte] = node;
    queue.push_back(node);  // fail = root
    shallow.push_back(node);
  }
  for (std::size_t i = 0, first_level = shallow.size(); i < first_level; ++i) {
    const Node& n = nodes_[static_cast<std::size_t>(shallow[i])];
    for (std::int32_t e = n.first_edge; e < n.first_edge + n.edge_count; ++e) {
      shallow.push_back(edges_[static_cast<std::size_t>(e)].second);
    }
  }
  // Breadth first: a node's fail target is shallower, so already final when it is read.
  while (!queue.empty()) {
    const std::int32_t parent = queue.front();
    queue.pop_front();
    const Node& p = nodes_[static_cast<std::size_t>(parent)];
    for (std::int32_t e = p.first_edge; e < p.first_edge + p.edge_count; ++e) {
      const auto& [byte, node] = edges_[static_cast<std::size_t>(e)];
      Node& n = nodes_[static_cast<std::size_t>(node)];
      n.fail = step(p.fail, byte);
      const Node& f = nodes_[static_cast<std::size_t>(n.fail)];
      n.next_output = f.output != kNone ? n.fail : f.next_output;
      queue.push_back(node);
    }
  }
  // Breadth-first order again: a shallow node's fail target is shallower, its table already built.
  dense_.assign(shallow.size() * 256, 0);
  for (std::size_t i = 0; i < shallow.size(); ++i) {
    for (unsigned byte = 0; byte < 256; ++byte) {
      dense_[i * 256 + byte] = step(shallow[i], static_cast<unsigned char>(byte));
    }
    nodes_[static_cast<std::size_t>(shallow[i])].dense = static_cast<std::int32_t>(i);
  }
}

void NameMatcher::find_all(std::string_view text, Span range, std::vector<Match>& out) const {
  if (longest_ == 0) return;
  // Where each of the last `longest_` folded bytes is in the text (spaces are skipped).
  std::vector<std::size_t> position(ring_);
  std::size_t folded = 0;
  std::int32_t state = 0;
  for (std::size_t i = range.begin; i < range.end; ++i) {
    const unsigned char byte = fold(static_cast<unsigned char>(text[i]));
    if (byte == kSkipped) continue;
    position[folded & (ring_ - 1)] = i;
    ++folded;
    state = step(state, byte);
    const Node& here = nodes_[static_cast<std::size_t>(state)];
    for (std::int32_t node = here.output != kNone ? state : here.next_output; node != kNone;
         node = nodes_[static_cast<std::size_t>(node)].next_output) {
      const Output& o = outputs_[static_cast<std::size_t>(nodes_[static_cast<std::size_t>(node)].output)];
      const std::size_t begin = position[(folded - o.folded_length) & (ring_ - 1)];
      const std::size_t end = i + 1;
      if (o.latin_begin && begin > 0 && latin(static_cast<unsigned char>(text[begin - 1]))) continue;
      if (o.latin_end && end < text.size() && latin(static_cast<unsigned char>(text[end]))) continue;
      out.push_back(Match{Span{begin, end}, o.id});
    }
  }
}

}  // namespace finfacts
