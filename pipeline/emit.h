// emit: mentions -> the contract's JSON document (../shared/CONTRACT.md,
// schema/document.schema.json), every offset mapped back to the original text.
//
//   {"id": "a.txt", "ref_date": "2025-02-14", "encoding": "UTF-8", "script": "mixed", "length": 4196,
//    "mentions": [{"type": "percent", "text": "10.83%", "start": 1392, "end": 1398,
//                  "sentence": 30, "value": {"value": 10.83}}],
//    "facts": []}
//
// serialize(doc, pretty=false) is one line (JSON Lines); pretty puts each
// top-level field and each mention on a line of its own, as golden files are.
#ifndef FINFACTS_PIPELINE_EMIT_H_
#define FINFACTS_PIPELINE_EMIT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/facts.h"
#include "pipeline/normalize.h"
#include "pipeline/segment.h"

namespace finfacts {

// `encoding` is what the input was decoded from (decode.h): "UTF-8", "GB18030", "Big5" ...
// `mentions` is taken by value: their values move into the document rather than being copied
// (a document of a million mentions would otherwise hold each value twice at its peak).
Json document_json(const Json& id, const std::optional<Date>& ref_date, std::string_view original,
                   const NormalizedText& normalized, const std::vector<Sentence>& sentences,
                   std::vector<Mention> mentions, const std::vector<Fact>& facts = {},
                   const std::string& encoding = "UTF-8");

Json error_document(const Json& id, const std::optional<Date>& ref_date, const Error& error);

std::string serialize(const Json& document, bool pretty);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_EMIT_H_
