// Fuzz target: raw bytes -> decode (any encoding) -> the whole pipeline -> JSON.
// Whatever the bytes, extract() returns a document (an error document is fine), offsets hold,
// and nothing crashes, leaks or meets undefined behaviour (built with ASan+UBSan).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.h"
#include "pipeline/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const finfacts::Json doc = finfacts::fuzz::extractor().extract("fuzz", bytes, finfacts::parse_date("2025-02-14"));
  if (doc.contains("error")) return 0;
  const auto decoded = finfacts::decode_any(bytes);
  if (!decoded.ok()) std::abort();  // extract() decoded it: so must decode_any
  finfacts::fuzz::check_offsets(decoded.value().utf8(), doc);
  return 0;
}
