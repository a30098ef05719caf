// Fuzz target: one --jsonl input line -> its document. Any line gives a document with an id.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_support.h"
#include "pipeline/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  const finfacts::Json doc = finfacts::jsonl_document(finfacts::fuzz::extractor(), line, 7, std::nullopt);
  if (!doc.contains("id")) std::abort();
  if (!doc.contains("error")) {
    const finfacts::Json input = finfacts::Json::parse(line);
    finfacts::fuzz::check_offsets(input["text"].get<std::string>(), doc);
  }
  return 0;
}
