// date_resolvers: the resolvers of dates and durations (see resolvers.h for the others).
//
//   "date"      groups year | year_short | year_word (table year_offset); month, day;
//               count + count_unit + direction (两年前, 3个月后: tables count_unit, direction);
//               month_word, week_word + weekday, day_word, quarter_word (tables *_offset);
//               quarter, half (table half), quarters_to (前三季度), months_to (前10个月);
//               holiday (table holiday); part (table part -> mod start/mid/end);
//               bound_before, bound_after (tables of those names -> mod since/after/before; a
//               bound wins over a part: 年初以来 is since);
//               fiscal (any text: the year is a fiscal year).
//     "2024年12月4日"      -> {"value": "2024-12-04", "start": "2024-12-04", "end": "2024-12-04"}
//     "去年10月" (ref 2025-02-14) -> {"value": "2024-10", "start": "2024-10-01", "end": "2024-10-31",
//                                     "relative": true}
//     "去年" (no ref)      -> {"relative": {"years": -1}}
//   A date with no year takes the reference date's: a day or month the nearest one at most
//   183 days ahead (1月27日 on 2025-02-14 is 2025-01-27). A quarter, half or span of them takes
//   the year its paragraph wrote last before it (2023年……前三季度), else the most recent one
//   completed before the reference date (前三季度 on 2025-02-14 is 2024-Q1/2024-Q3).
//
//   "duration"  groups value (a number; 半 is a half), unit (table duration_unit -> Y M W D Q H),
//               and_half (三年半 is three and a half years),
//               approx words as for numbers.   "过去两年" -> {"value": "P2Y"}, "三个季度" -> "P9M"
#ifndef FINFACTS_PIPELINE_DATE_RESOLVERS_H_
#define FINFACTS_PIPELINE_DATE_RESOLVERS_H_

#include <optional>

#include "pipeline/rules.h"

namespace finfacts {

std::optional<Json> resolve_date(const RuleMatch& match);
std::optional<Json> resolve_duration(const RuleMatch& match);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_DATE_RESOLVERS_H_
