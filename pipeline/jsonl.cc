#include "pipeline/jsonl.h"

#include "pipeline/emit.h"

namespace finfacts {

Json jsonl_document(const Extractor& extractor, const std::string& line, std::size_t number,
                    const std::optional<Date>& default_ref_date) {
  Json id = number;  // until the line gives one
  auto failure = [&](const char* code, const std::string& why, std::optional<std::size_t> byte_offset) {
    return error_document(id, default_ref_date,
                          Error{code, "line " + std::to_string(number) + ": " + why, byte_offset});
  };
  Json input;
  try {
    input = Json::parse(line);
  } catch (const Json::parse_error& e) {
    return failure("bad_json_line", e.what(), e.byte > 0 ? e.byte - 1 : 0);
  } catch (const Json::exception& e) {  // 1e999: a number too large for a double (found by fuzzing)
    return failure("bad_json_line", e.what(), std::nullopt);
  }
  if (input.is_object() && input.contains("id") && (input["id"].is_string() || input["id"].is_number())) {
    id = input["id"];
  }
  if (!input.is_object() || !input.contains("text") || !input["text"].is_string()) {
    return failure("bad_json_line", "expected an object with a string \"text\"", std::nullopt);
  }
  std::optional<Date> ref_date = default_ref_date;
  if (input.contains("ref_date") && !input["ref_date"].is_null()) {
    ref_date = input["ref_date"].is_string() ? parse_date(input["ref_date"].get_ref<const std::string&>())
                                             : std::nullopt;
    if (!ref_date) {
      return failure("bad_ref_date", "ref_date " + input["ref_date"].dump() + " is not a YYYY-MM-DD day",
                     std::nullopt);
    }
  }
  return extractor.extract(id, input["text"].get_ref<const std::string&>(), ref_date, "UTF-8");  // JSON is UTF-8
}

LineRead read_line(std::istream& in, std::string& line, std::size_t limit) {
  line.clear();
  std::streambuf* buffer = in.rdbuf();
  bool any = false, too_long = false;
  for (int c = buffer->sbumpc(); c != std::char_traits<char>::eof(); c = buffer->sbumpc()) {
    any = true;
    if (c == '\n') return too_long ? LineRead::kTooLong : LineRead::kLine;
    if (line.size() < limit) {
      line.push_back(static_cast<char>(c));
    } else {
      too_long = true;  // keep reading to the line's end, keep nothing more
    }
  }
  in.setstate(std::ios::eofbit);
  if (!any) return LineRead::kEnd;
  return too_long ? LineRead::kTooLong : LineRead::kLine;
}

Json too_long_line_document(std::size_t number, std::size_t limit, const std::optional<Date>& default_ref_date) {
  return error_document(number, default_ref_date,
                        Error{"too_large",
                              "line " + std::to_string(number) + " is over the limit of " + std::to_string(limit) +
                                  " bytes for a line (6 times --max-bytes, and 64 KiB)",
                              limit});
}

}  // namespace finfacts
