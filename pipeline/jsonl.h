// jsonl: one line of `finfacts extract --jsonl` input -> its document.
//
//   jsonl_document(x, R"({"id": "a", "text": "增长10%", "ref_date": "2025-02-14"})", 1, nullopt)
//     -> {"id": "a", "ref_date": "2025-02-14", "encoding": "UTF-8", ... "mentions": [...]}
//   jsonl_document(x, "not json", 2, nullopt)
//     -> {"id": 2, "error": {"code": "bad_json_line", "message": "line 2: ...", ...}}
//
// A line whose id cannot be read is known by its line number; a bad ref_date is a
// "bad_ref_date" error for that line only. Never throws: any line gives a document.
//
// read_line() reads the next line without ever holding more than `limit` bytes of it, so that
// memory stays bounded whatever a stream holds: the rest of a longer line is skipped, and
// too_long_line_document() stands for it (code "too_large", the stream goes on).
#ifndef FINFACTS_PIPELINE_JSONL_H_
#define FINFACTS_PIPELINE_JSONL_H_

#include <istream>
#include <optional>
#include <string>

#include "pipeline/document.h"
#include "pipeline/extractor.h"

namespace finfacts {

Json jsonl_document(const Extractor& extractor, const std::string& line, std::size_t number,
                    const std::optional<Date>& default_ref_date);

enum class LineRead { kLine, kTooLong, kEnd };
LineRead read_line(std::istream& in, std::string& line, std::size_t limit);

// The most bytes a line may have for a text of `max_bytes`: JSON may write each byte as \u00XX.
inline std::size_t line_limit(std::size_t max_bytes) { return 6 * max_bytes + (64 << 10); }

Json too_long_line_document(std::size_t number, std::size_t limit, const std::optional<Date>& default_ref_date);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_JSONL_H_
