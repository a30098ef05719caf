// finfacts_bench: throughput (MB/s) and peak memory of extraction, in one process.
//
//   finfacts_bench document ARTICLE [MB]   the article repeated to MB megabytes (default 10) as ONE
//                                          document: time per stage, then the whole extract()
//   finfacts_bench stream ARTICLE [MB]     the article as many separate documents, extract() and
//                                          serialize each, as `finfacts extract --jsonl` does
//
// Peak memory is the process's maximum resident set (getrusage), so run one mode per process
// (scripts/bench does). Timings are the best of 5 runs (this machine is noisy).
#include <sys/resource.h>

#include <opencc.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "pipeline/decode.h"
#include "pipeline/emit.h"
#include "pipeline/extractor.h"
#include "pipeline/recognize.h"
#include "pipeline/resolve.h"

namespace {

using Clock = std::chrono::steady_clock;
// The seed article's date: relative dates resolve against it, as in the corpus.
const std::optional<finfacts::Date> kRefDate = finfacts::parse_date("2025-02-14");

double seconds_of(const std::function<void()>& work, int runs = 5) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    work();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void report(const char* what, std::size_t bytes, double seconds) {
  std::printf("  %-28s %8.1f ms %9.1f MB/s\n", what, seconds * 1e3, static_cast<double>(bytes) / 1e6 / seconds);
}

int document_mode(const finfacts::Extractor& extractor, const std::string& article, double megabytes) {
  std::string text;
  while (static_cast<double>(text.size()) < megabytes * 1e6) text += article + "\n\n";
  std::printf("one document of %.1f MB (the article %zu times)\n", static_cast<double>(text.size()) / 1e6,
              text.size() / (article.size() + 2));

  std::string_view original;
  finfacts::NormalizedText normalized;
  std::vector<finfacts::Sentence> sentences;
  std::vector<finfacts::Mention> candidates, mentions;
  finfacts::Json doc;
  const auto n = text.size();
  report("decode", n, seconds_of([&] { original = finfacts::decode(text).value().utf8; }));
  report("normalize", n, seconds_of([&] { normalized = extractor.normalizer().normalize(original); }));
  report("segment", n, seconds_of([&] { sentences = finfacts::segment(normalized.text); }));
  report("recognize (rules)", n, seconds_of([&] {
           candidates = finfacts::recognize(extractor.rules(), normalized.text, sentences, kRefDate,
                                            &extractor.companies());
         }));
  std::vector<finfacts::Mention> names;
  report("recognize (gazetteer names)", n, seconds_of([&] {
           names.clear();
           extractor.companies().find(normalized.text, sentences, names);
         }));
  candidates.insert(candidates.end(), names.begin(), names.end());
  report("resolve", n, seconds_of([&] { mentions = finfacts::resolve_overlaps(candidates, normalized.text); }));
  auto listed = mentions;  // add_list_members changes what it is given: time it once, on a copy
  report("company lists", n, seconds_of([&] { extractor.companies().add_list_members(normalized.text, sentences, listed); }, 1));
  std::vector<finfacts::Fact> facts;
  report("facts", n, seconds_of([&] { facts = extractor.fact_rules().assemble(normalized.text, sentences, listed); }));
  report("emit (to JSON text)", n, seconds_of([&] {
           doc = finfacts::document_json("bench", std::nullopt, original, normalized, sentences, listed, facts);
           (void)finfacts::serialize(doc, false);
         }));
  report("whole extract()", n, seconds_of([&] { doc = extractor.extract("bench", text, kRefDate); }));
  std::printf("  mentions: %zu, facts: %zu\n", doc["mentions"].size(), doc["facts"].size());

  opencc_t opencc = opencc_open(FINFACTS_OPENCC_T2S);
  if (opencc != reinterpret_cast<opencc_t>(-1)) {
    report("for scale: OpenCC t2s alone", n, seconds_of([&] {
             char* out = opencc_convert_utf8(opencc, std::string(original).c_str(), original.size());
             opencc_convert_utf8_free(out);
           }, 1));
    opencc_close(opencc);
  }
  std::printf("  peak memory (RSS): %.1f MB\n", peak_rss_mb());
  return 0;
}

int stream_mode(const finfacts::Extractor& extractor, const std::string& article, double megabytes) {
  const auto count = static_cast<std::size_t>(megabytes * 1e6 / static_cast<double>(article.size())) + 1;
  std::size_t bytes = 0, out_bytes = 0;
  const double s = seconds_of([&] {
    bytes = out_bytes = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const finfacts::Json doc = extractor.extract(i, article, kRefDate);
      out_bytes += finfacts::serialize(doc, false).size();
      bytes += article.size();
    }
  });
  std::printf("%zu documents of %zu bytes (%.1f MB in, %.1f MB of JSON out)\n", count, article.size(),
              static_cast<double>(bytes) / 1e6, static_cast<double>(out_bytes) / 1e6);
  report("extract + serialize", bytes, s);
  std::printf("  %.0f documents/s\n", static_cast<double>(count) / s);
  std::printf("  peak memory (RSS): %.1f MB\n", peak_rss_mb());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || (std::strcmp(argv[1], "document") != 0 && std::strcmp(argv[1], "stream") != 0)) {
    std::fprintf(stderr, "usage: finfacts_bench document|stream ARTICLE [MB]\n");
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string article = buffer.str();
  if (article.empty()) {
    std::fprintf(stderr, "finfacts_bench: cannot read %s\n", argv[2]);
    return 1;
  }
  const double megabytes = argc > 3 ? std::atof(argv[3]) : 10.0;

  const auto t0 = Clock::now();
  auto extractor = finfacts::Extractor::load(finfacts::default_rules_dir());
  if (!extractor.ok()) {
    std::fprintf(stderr, "finfacts_bench: %s\n", extractor.error().message.c_str());
    return 1;
  }
  std::printf("start-up (load tables, gazetteer, compile rules): %.1f ms\n",
              std::chrono::duration<double>(Clock::now() - t0).count() * 1e3);
  const auto t1 = Clock::now();
  const auto companies = finfacts::Companies::load(finfacts::default_rules_dir() + "/companies",
                                                   extractor.value().normalizer());
  std::printf("  the gazetteer alone (%zu companies, %zu names into one automaton): %.1f ms\n",
              companies.ok() ? companies.value().size() : 0, companies.ok() ? companies.value().names() : 0,
              std::chrono::duration<double>(Clock::now() - t1).count() * 1e3);
  const auto t2 = Clock::now();
  const auto rules = finfacts::RuleSet::load(finfacts::default_rules_dir());
  std::printf("  the rules alone (%zu rules): %.1f ms\n", rules.ok() ? rules.value().rules().size() : 0,
              std::chrono::duration<double>(Clock::now() - t2).count() * 1e3);
  const auto t3 = Clock::now();
  const auto normalizer = finfacts::Normalizer::load(finfacts::default_rules_dir() + "/normalize");
  std::printf("  the normalizer's tables alone: %.1f ms\n", std::chrono::duration<double>(Clock::now() - t3).count() * 1e3);
  return std::strcmp(argv[1], "document") == 0 ? document_mode(extractor.value(), article, megabytes)
                                               : stream_mode(extractor.value(), article, megabytes);
}
