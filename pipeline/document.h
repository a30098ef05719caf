// The types every stage shares.
//
// Data flows one way:
//   bytes --decode--> original UTF-8 --normalize--> NormalizedText
//         --segment--> Sentences --recognize--> Candidates --resolve--> Mentions
//         --emit--> JSON
//
// Offsets inside the pipeline are byte offsets into the normalized UTF-8 text;
// only emit turns them into code-point offsets of the original text, which is
// what a user ever sees (see offset_map.h).
#ifndef FINFACTS_PIPELINE_DOCUMENT_H_
#define FINFACTS_PIPELINE_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace finfacts {

// Output JSON keeps keys in the order written (id, ref_date, script, ...).
using Json = nlohmann::ordered_json;

// An error is a value: it travels with its document, never aborts a batch.
struct Error {
  std::string code;     // "invalid_utf8", "binary_input", "unreadable", "bad_json_line", "too_large", ...
  std::string message;  // for people: what is wrong and where
  std::optional<std::size_t> byte_offset;  // into the input bytes, when the error has a place
};

// Either a value or an Error. Small on purpose: has_value(), value(), error().
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// A calendar day, as given by --ref-date or a JSONL line's "ref_date".
struct Date {
  int year = 0, month = 0, day = 0;
  bool operator==(const Date& o) const { return year == o.year && month == o.month && day == o.day; }
};
// Parses YYYY-MM-DD and checks it is a real day of the Gregorian calendar.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(const Date& date);

// A half-open byte range [begin, end) of the normalized text.
struct Span {
  std::size_t begin = 0, end = 0;
  std::size_t size() const { return end - begin; }
};

// One recognized mention. `value` holds the type's value object as the
// contract defines it (e.g. {"value": 10.83} for a percent).
struct Mention {
  std::string type;       // "percent", "number", "money", "date", ...
  Span span;              // in the normalized text
  Json value;
  int priority = 0;
  std::size_t rule = 0;   // index of the rule that produced it, within its RuleSet
};

// Equality of JSON values regardless of the order of object keys.
bool same_json(const Json& a, const Json& b);

enum class Script { kNone, kSimplified, kTraditional, kMixed };
const char* script_name(Script script);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_DOCUMENT_H_
