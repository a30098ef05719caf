#include "pipeline/emit.h"

#include "pipeline/utf8.h"

namespace finfacts {
namespace {

Json date_or_null(const std::optional<Date>& date) { return date ? Json(format_date(*date)) : Json(nullptr); }

// Walks the original text forward to code-point offsets, which come (mostly) in order.
class OriginalCursor {
 public:
  explicit OriginalCursor(std::string_view text) : text_(text) {}
  std::size_t byte_of(std::size_t code_point) {
    if (code_point < index_) index_ = 0, byte_ = 0;  // rare: go back to the start
    while (index_ < code_point && byte_ < text_.size()) {
      byte_ += utf8::sequence_length(static_cast<unsigned char>(text_[byte_]));
      ++index_;
    }
    return byte_;
  }

 private:
  std::string_view text_;
  std::size_t index_ = 0, byte_ = 0;
};

}  // namespace

Json document_json(const Json& id, const std::optional<Date>& ref_date, std::string_view original,
                   const NormalizedText& normalized, const std::vector<Sentence>& sentences,
                   const std::vector<Mention>& mentions) {
  Json doc = Json::object();
  doc["id"] = id;
  doc["ref_date"] = date_or_null(ref_date);
  doc["script"] = script_name(normalized.script);
  doc["length"] = normalized.original_length;
  Json list = Json::array();
  OriginalCursor starts(original), ends(original);
  for (const Mention& m : mentions) {
    const CodePointSpan span = normalized.offsets.to_original(normalized.text, m.span);
    const std::size_t begin_byte = starts.byte_of(span.start);
    const std::size_t end_byte = ends.byte_of(span.end);
    Json mention = Json::object();
    mention["type"] = m.type;
    mention["text"] = std::string(original.substr(begin_byte, end_byte - begin_byte));
    mention["start"] = span.start;
    mention["end"] = span.end;
    mention["sentence"] = sentence_at(sentences, m.span.begin);
    mention["value"] = m.value;
    list.push_back(std::move(mention));
  }
  doc["mentions"] = std::move(list);
  doc["facts"] = Json::array();
  return doc;
}

Json error_document(const Json& id, const std::optional<Date>& ref_date, const Error& error) {
  Json err = Json::object();
  err["code"] = error.code;
  err["message"] = error.message;
  if (error.byte_offset) err["byte_offset"] = *error.byte_offset;
  Json doc = Json::object();
  doc["id"] = id;
  doc["ref_date"] = date_or_null(ref_date);
  doc["error"] = std::move(err);
  doc["mentions"] = Json::array();
  doc["facts"] = Json::array();
  return doc;
}

std::string serialize(const Json& document, bool pretty) {
  if (!pretty) return document.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out = "{\n";
  bool first = true;
  for (const auto& [key, value] : document.items()) {
    if (!first) out += ",\n";
    first = false;
    out += "  " + Json(key).dump() + ": ";
    if (value.is_array() && !value.empty()) {
      out += "[\n";
      for (std::size_t i = 0; i < value.size(); ++i) {
        out += "    " + value[i].dump(-1, ' ', false, Json::error_handler_t::replace);
        out += i + 1 < value.size() ? ",\n" : "\n";
      }
      out += "  ]";
    } else {
      out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
  }
  out += "\n}";
  return out;
}

}  // namespace finfacts
