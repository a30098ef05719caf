// input: reading a document's bytes from a file or standard input.
//
//   read_input("a.txt", limit)  -> the file's bytes, or Error{unreadable, "cannot open: No such file ..."}
//   read_input("-", limit)      -> all of standard input
//
// Reading stops a little past `limit` bytes: Extractor::extract() then reports the
// input as too large without the rest ever being held in memory.
#ifndef FINFACTS_PIPELINE_INPUT_H_
#define FINFACTS_PIPELINE_INPUT_H_

#include <string>

#include "pipeline/document.h"

namespace finfacts {

Result<std::string> read_input(const std::string& path, std::size_t limit);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_INPUT_H_
