// jsonl: one line of `finfacts extract --jsonl` input -> its document.
//
//   jsonl_document(x, R"({"id": "a", "text": "增长10%", "ref_date": "2025-02-14"})", 1, nullopt)
//     -> {"id": "a", "ref_date": "2025-02-14", "encoding": "UTF-8", ... "mentions": [...]}
//   jsonl_document(x, "not json", 2, nullopt)
//     -> {"id": 2, "error": {"code": "bad_json_line", "message": "line 2: ...", ...}}
//
// A line whose id cannot be read is known by its line number; a bad ref_date is a
// "bad_ref_date" error for that line only. Never throws: any line gives a document.
#ifndef FINFACTS_PIPELINE_JSONL_H_
#define FINFACTS_PIPELINE_JSONL_H_

#include <optional>
#include <string>

#include "pipeline/document.h"
#include "pipeline/extractor.h"

namespace finfacts {

Json jsonl_document(const Extractor& extractor, const std::string& line, std::size_t number,
                    const std::optional<Date>& default_ref_date);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_JSONL_H_
