#include "pipeline/fact_table.h"

#include <array>

namespace finfacts {
namespace {

constexpr std::array<const char*, 18> kColumns = {
    "document", "subject", "ticker", "measure", "value", "unit", "period", "direction", "sentence_text",
    "value_min", "value_max", "approx", "value_text", "measure_text", "period_start", "period_end",
    "subject_type", "sentence"};

// A field as one line of text: tabs and line breaks become spaces.
std::string field(std::string text) {
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::string scalar(const Json& j) {
  if (j.is_null()) return "";
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

const Json& mention_at(const Json& mentions, const Json& index) {
  static const Json kNone = Json::object();
  if (!index.is_number_unsigned() || index.get<std::size_t>() >= mentions.size()) return kNone;
  return mentions[index.get<std::size_t>()];
}

}  // namespace

std::string fact_table_header() {
  std::string line;
  for (const char* column : kColumns) line += std::string(line.empty() ? "" : "\t") + column;
  return line;
}

std::string fact_table_rows(const Json& document, const std::vector<std::string>& sentences) {
  const Json mentions = document.value("mentions", Json::array());
  std::string out;
  for (const Json& fact : document.value("facts", Json::array())) {
    std::string subject, ticker, subject_type;
    for (const Json& index : fact.value("subjects", Json::array())) {
      const Json& m = mention_at(mentions, index);
      const Json value = m.value("value", Json::object());
      subject += (subject.empty() ? "" : "、") + scalar(value.value("name", Json()));
      const Json code = value.contains("ticker") ? value["ticker"] : value.value("code", Json());
      ticker += (ticker.empty() ? "" : ",") + scalar(code);
      subject_type = m.value("type", "");
    }
    if (const Json phrase = fact.value("subject_phrase", Json()); phrase.is_object()) {
      subject = phrase.value("name", "");
      subject_type = "phrase";
    }
    if (fact.value("subjects", Json::array()).size() > 1) subject_type = "group";

    const Json& value_mention = mention_at(mentions, fact.value("value", Json()));
    const Json value = value_mention.value("value", Json::object());
    const std::string type = value_mention.value("type", "");
    Json number = value.contains("amount") ? value["amount"] : value.value("value", Json());
    const Json low = value.contains("min") ? value["min"] : number, high = value.contains("max") ? value["max"] : number;
    std::string unit;
    if (type == "money") {
      unit = scalar(value.value("currency", Json()));
      if (value.contains("per")) unit += "/" + scalar(value["per"]);
    } else if (type == "percent") {
      unit = value.contains("points") ? "pp" : "%";
    } else {
      unit = scalar(value.value("unit", Json()));
    }

    const Json& period_mention = mention_at(mentions, fact.value("period", Json()));
    const Json period_value = period_mention.value("value", Json::object());
    std::string period = scalar(period_value.value("value", Json()));
    if (period.empty() && period_mention.contains("text")) period = scalar(period_mention["text"]);

    const Json sentence = fact.value("sentence", Json());
    const std::size_t s = sentence.is_number_unsigned() ? sentence.get<std::size_t>() : sentences.size();
    const std::array<std::string, kColumns.size()> row = {
        scalar(document.value("id", Json())), subject, ticker, scalar(fact.value("measure", Json())),
        scalar(number), unit, period, scalar(fact.value("direction", Json())),
        s < sentences.size() ? sentences[s] : "",
        scalar(low), scalar(high), scalar(value.value("approx", Json())), scalar(value_mention.value("text", Json())),
        scalar(fact.value("measure_text", Json())), scalar(period_value.value("start", Json())),
        scalar(period_value.value("end", Json())), subject_type, scalar(sentence)};
    for (std::size_t i = 0; i < row.size(); ++i) out += (i == 0 ? "" : "\t") + field(row[i]);
    out += "\n";
  }
  return out;
}

}  // namespace finfacts
