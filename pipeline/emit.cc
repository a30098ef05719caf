#include "pipeline/emit.h"

namespace finfacts {
namespace {

Json date_or_null(const std::optional<Date>& date) { return date ? Json(format_date(*date)) : Json(nullptr); }

}  // namespace

Json document_json(const Json& id, const std::optional<Date>& ref_date, std::string_view original,
                   const NormalizedText& normalized, const std::vector<Sentence>& sentences,
                   std::vector<Mention> mentions, const std::vector<Fact>& facts,
                   const std::string& encoding) {
  Json doc = Json::object();
  doc["id"] = id;
  doc["ref_date"] = date_or_null(ref_date);
  doc["encoding"] = encoding;
  doc["script"] = script_name(normalized.script);
  doc["length"] = normalized.original_length;
  Json list = Json::array();
  for (Mention& m : mentions) {
    const CodePointSpan span = normalized.offsets.to_original(normalized.text, m.span);
    const std::size_t begin_byte = normalized.offsets.original_byte(original, span.start);
    const std::size_t end_byte = normalized.offsets.original_byte(original, span.end);
    Json mention = Json::object();
    mention["type"] = m.type;
    mention["text"] = std::string(original.substr(begin_byte, end_byte - begin_byte));
    mention["start"] = span.start;
    mention["end"] = span.end;
    mention["sentence"] = sentence_at(sentences, m.span.begin);
    mention["value"] = std::move(m.value);
    list.push_back(std::move(mention));
  }
  doc["mentions"] = std::move(list);
  Json fact_list = Json::array();
  for (const Fact& fact : facts) fact_list.push_back(fact_json(fact, original, normalized));
  doc["facts"] = std::move(fact_list);
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
