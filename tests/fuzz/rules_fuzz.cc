// Fuzz target: a rule file's bytes -> RuleSet::load_files. A file loads or gives an Error; it
// never crashes, and what loads can run on a sentence.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "pipeline/recognize.h"
#include "pipeline/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/finfacts_rules_fuzz_" + std::to_string(::getpid()) + ".json";
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                 static_cast<std::streamsize>(size));
  auto rules = finfacts::RuleSet::load_files({path});
  if (!rules.ok()) return 0;
  const std::string text = "去年营收增长10.83%，达到2亿元，三季度";
  std::vector<finfacts::Mention> out;
  for (std::size_t i = 0; i < rules.value().rules().size(); ++i) {
    finfacts::recognize_rule(rules.value().rules()[i], i, text, finfacts::Span{0, text.size()}, out);
  }
  return 0;
}
