// fact_table: a document's facts as rows of tab-separated values, for spreadsheets,
// `sqlite3 .import` and shell tools (`finfacts facts`).
//
//   document  subject   ticker     measure     value  unit  period  direction  sentence_text ...
//   a.txt     鸿博股份   002229.SZ  归母净利润              CNY   2024    down       鴻博股份是A股首家…
//
// One row per fact, the columns of kFactColumns. Parts are written out: the subject's name
// (names joined by 、 for a group), the value's number (or its range in value_min/value_max),
// the period's ISO value and days. A field never holds a tab or a line break.
#ifndef FINFACTS_PIPELINE_FACT_TABLE_H_
#define FINFACTS_PIPELINE_FACT_TABLE_H_

#include <string>
#include <vector>

#include "pipeline/document.h"

namespace finfacts {

// The header line, without its line break.
std::string fact_table_header();

// The rows of `document` (as extract gives it), each ending in a line break. `sentences` is the
// text of each sentence as written, by sentence number.
std::string fact_table_rows(const Json& document, const std::vector<std::string>& sentences);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_FACT_TABLE_H_
