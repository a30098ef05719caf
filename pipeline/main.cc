// finfacts: the command line (../shared/CONTRACT.md). Thin: parse flags, call the library, print.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "pipeline/batch.h"
#include "pipeline/check.h"
#include "pipeline/decode.h"
#include "pipeline/emit.h"
#include "pipeline/extractor.h"
#include "pipeline/fact_table.h"
#include "pipeline/input.h"
#include "pipeline/jsonl.h"
#include "pipeline/render.h"

namespace finfacts {
namespace {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

const char kMainHelp[] = R"(finfacts: extract numbers, percentages, money, dates and companies from Chinese financial text.

Usage:
  finfacts extract [--ref-date YYYY-MM-DD] [--pretty] [FILE ...]
  finfacts extract --jsonl [--ref-date YYYY-MM-DD]
  finfacts batch INPUT... (--out FILE.jsonl | --sqlite FILE.db) [--jobs N] [--resume] [--quiet]
  finfacts facts [--ref-date YYYY-MM-DD] [--no-header] [FILE ...]
  finfacts render FILE [--golden GOLDEN.json] [--ref-date YYYY-MM-DD] > page.html
  finfacts check [--html DIR] [CORPUS_DIR]
  finfacts COMMAND --help

Exit status: 0 success; 1 some input failed or a check disagreed; 2 usage error.
)";

const char kExtractHelp[] = R"(Usage: finfacts extract [OPTIONS] [FILE ...]
       finfacts extract --jsonl [OPTIONS] < lines.jsonl

Prints one JSON document per input on stdout: one FILE gives one JSON object,
several give JSON Lines in the order given. No FILE, or -, reads standard input.
Files may be UTF-8 (with or without BOM), UTF-16 with a BOM, GB18030/GBK/GB2312 or
Big5: the encoding is detected and recorded as "encoding" in the document; offsets
count code points of the decoded text. An input that cannot be read or decoded gives
a document with "error" (code, message, byte_offset), the others are still
processed, and the exit status is 1.

Options:
  --ref-date YYYY-MM-DD  resolve relative dates against this day
  --pretty               one field and one mention per line (not JSON Lines)
  --jsonl                stream: each stdin line {"id", "text", "ref_date"?} gives one
                         document line, same id, same order, flushed per line; a
                         malformed line gives an error document and the stream goes on
  --rules DIR            rule files (default: $FINFACTS_RULES_DIR, else the build's rules/)
  --encoding NAME        decode every FILE as NAME (an ICU converter name: GBK, Big5,
                         UTF-16LE ...) instead of detecting it
  --max-bytes N          inputs larger than N bytes get a "too_large" error (default 16 MiB)
  --help                 this text
)";

const char kBatchHelp[] = R"(Usage: finfacts batch [OPTIONS] INPUT... --out FILE.jsonl
       finfacts batch [OPTIONS] INPUT... --sqlite FILE.db

Extracts every INPUT file, and every file ending in .txt under an INPUT folder, on
several workers, into FILE.jsonl: one document per line, keyed by "id" (the path),
each with "input_hash". A file that fails becomes an error document; the rest go on.
Progress goes to stderr (a live line on a terminal), then a summary.

FILE.jsonl appears only when the batch ends, renamed into place, never half written.
Meanwhile finished documents go to FILE.jsonl.partial, the run's journal: after a
crash or kill, run again with --resume and only what is missing or changed is done.

With --sqlite, documents, mentions and facts go to tables of FILE.db (the README has
the schema), one transaction a second; a kill loses at most that second, and
--resume keeps what the database holds. Without --resume, each input replaces its
rows; other rows stay.

Options:
  --out FILE          the JSON Lines file to write, or
  --sqlite FILE       the SQLite database to write (one of the two is required)
  --jobs N            workers (default: one per core)
  --resume            keep the documents of FILE.jsonl and its journal whose id and
                      input hash match, do the rest
  --suffix S          what files in INPUT folders must end with (default .txt)
  --ref-date DATE     resolve relative dates against this day
  --encoding NAME     decode every file as NAME instead of detecting it
  --quiet             no progress (the summary still)
  --rules DIR, --max-bytes N   as for extract

Exit status: 0 all documents ok; 1 some failed; 2 usage error or the output cannot be written.
)";

const char kFactsHelp[] = R"(Usage: finfacts facts [OPTIONS] [FILE ...]

Prints the facts of every FILE (no FILE, or -: standard input) as one table of
tab-separated values with a header line: one fact per line, for spreadsheets and
`sqlite3 -separator $'\t' ... '.import /dev/stdin facts'`. Columns:
  document subject ticker measure value unit period direction sentence_text
  value_min value_max approx value_text measure_text period_start period_end
  subject_type sentence
subject is the company's or index's name (a group's names joined by 、) or a subject
phrase (智算中心); value is empty for a range, which value_min and value_max give;
unit is the currency (CNY, CNY/share), % or pp, or the counter word. A file that
cannot be read or decoded is reported on stderr, the others are still printed, and
the exit status is 1.

Options:
  --ref-date YYYY-MM-DD  resolve relative dates against this day
  --no-header            no header line (to append to a table)
  --encoding NAME, --max-bytes N, --rules DIR   as for extract
  --help                 this text
)";

const char kRenderHelp[] = R"(Usage: finfacts render [OPTIONS] FILE > page.html

Writes one self-contained HTML page (no network, no external script or font) showing
FILE as written, each mention highlighted in its type's colour with its value on
hover and on keyboard focus, a legend with the count of each type, and the facts as
a table whose rows light up their mentions. With --golden, each difference from the
golden file is marked in place (missing, extra, changed with both values) under a
summary. Article text is escaped: markup in an article shows as text.

Options:
  --golden FILE          a golden file (corpus/golden/NAME.json) to compare with; its
                         ref_date is used unless --ref-date says otherwise
  --ref-date YYYY-MM-DD  resolve relative dates against this day
  --encoding NAME, --max-bytes N, --rules DIR   as for extract
  --help                 this text
)";

const char kCheckHelp[] = R"(Usage: finfacts check [OPTIONS] [CORPUS_DIR]

Extracts every CORPUS_DIR/articles/NAME.txt (default CORPUS_DIR: corpus) with the
ref_date of CORPUS_DIR/golden/NAME.json and compares the two, mention by mention.
Prints the differences per article (missing, extra, changed) on stdout.
Exit status 0 only when every article agrees with its golden file.

Options:
  --html DIR    also write DIR/NAME.html for each article (as finfacts render --golden
                draws it) and DIR/index.html linking them
  --rules DIR   rule files (default: $FINFACTS_RULES_DIR, else the build's rules/)
  --help        this text
)";

int usage_error(const std::string& message, const char* help_hint) {
  std::cerr << "finfacts: " << message << "\nTry '" << help_hint << "'.\n";
  return kUsage;
}

struct Options {
  std::optional<Date> ref_date;
  bool pretty = false, jsonl = false, header = true;
  std::string golden, html_dir;  // render --golden, check --html
  std::string rules_dir = default_rules_dir();
  std::size_t max_bytes = Extractor::kDefaultMaxBytes;
  std::string encoding;  // empty: detect
  std::vector<std::string> inputs;
  BatchOptions batch;
};

void write_line(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
}

void report_error(const std::string& where, const Json& doc) {
  std::cerr << "finfacts: " << where << ": " << doc["error"].value("message", "error") << "\n";
}

int extract_files(const Extractor& extractor, const Options& options) {
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  int status = kOk;
  for (const std::string& path : inputs) {
    Json doc;
    auto bytes = read_input(path, extractor.max_bytes());
    doc = bytes.ok() ? extractor.extract(path, bytes.value(), options.ref_date, options.encoding)
                     : error_document(path, options.ref_date, bytes.error());
    if (doc.contains("error")) {
      report_error(path == "-" ? "<stdin>" : path, doc);
      status = kFailed;
    }
    write_line(serialize(doc, options.pretty));
  }
  std::fflush(stdout);
  return status;
}

int print_facts(const Extractor& extractor, const Options& options) {
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  int status = kOk;
  if (options.header) write_line(fact_table_header());
  for (const std::string& path : inputs) {
    auto bytes = read_input(path, extractor.max_bytes());
    std::vector<std::string> sentences;
    const Json doc = bytes.ok() ? extractor.extract(path, bytes.value(), options.ref_date, options.encoding, &sentences)
                                : error_document(path, options.ref_date, bytes.error());
    if (doc.contains("error")) {
      report_error(path == "-" ? "<stdin>" : path, doc);
      status = kFailed;
      continue;
    }
    const std::string rows = fact_table_rows(doc, sentences);
    std::fwrite(rows.data(), 1, rows.size(), stdout);
  }
  std::fflush(stdout);
  return status;
}

int extract_jsonl(const Extractor& extractor, const Options& options) {
  int status = kOk;
  std::string line;
  const std::size_t limit = line_limit(extractor.max_bytes());
  for (std::size_t number = 1;; ++number) {
    const LineRead read = read_line(std::cin, line, limit);
    if (read == LineRead::kEnd) break;
    if (read == LineRead::kLine && line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank
    const Json doc = read == LineRead::kTooLong ? too_long_line_document(number, limit, options.ref_date)
                                                : jsonl_document(extractor, line, number, options.ref_date);
    if (doc.contains("error")) {
      report_error("line " + std::to_string(number), doc);
      status = kFailed;
    }
    write_line(serialize(doc, false));
    std::fflush(stdout);
  }
  return status;
}

// Writes `content` to `path` through a temporary file and a rename: never half a file.
bool write_file(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) {
      std::cerr << "finfacts: cannot write " << temporary << ": " << std::strerror(errno) << "\n";
      std::remove(temporary.c_str());
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::cerr << "finfacts: cannot rename " << temporary << " to " << path << ": " << std::strerror(errno) << "\n";
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

int run_render(const Extractor& extractor, const Options& options) {
  const std::string& path = options.inputs[0];
  auto bytes = read_input(path, extractor.max_bytes());
  if (!bytes.ok()) {
    std::cerr << "finfacts: " << path << ": " << bytes.error().message << "\n";
    return kFailed;
  }
  Json golden;
  std::optional<Date> ref_date = options.ref_date;
  if (!options.golden.empty()) {
    auto text = read_input(options.golden, extractor.max_bytes());
    try {
      if (!text.ok()) throw std::runtime_error(text.error().message);
      golden = Json::parse(text.value());
    } catch (const std::exception& e) {
      std::cerr << "finfacts: " << options.golden << ": " << e.what() << "\n";
      return kFailed;
    }
    if (!ref_date && golden.contains("ref_date") && golden["ref_date"].is_string()) {
      ref_date = parse_date(golden["ref_date"].get<std::string>());
    }
  }
  const Json doc = extractor.extract(path, bytes.value(), ref_date, options.encoding);
  auto decoded = decode_any(bytes.value(), options.encoding);
  const std::string original = decoded.ok() ? std::string(decoded.value().utf8()) : std::string();
  if (doc.contains("error")) report_error(path, doc);
  const std::string title = std::filesystem::path(path).stem().string();
  const std::string page = render_html(doc, original, options.golden.empty() ? nullptr : &golden, title.empty() ? path : title);
  std::fwrite(page.data(), 1, page.size(), stdout);
  std::fflush(stdout);
  return doc.contains("error") ? kFailed : kOk;
}

int run_check(const Extractor& extractor, const std::string& corpus_dir, const std::string& html_dir) {
  auto checks = check_corpus(extractor, corpus_dir);
  if (!checks.ok()) {
    std::cerr << "finfacts: " << checks.error().message << "\n";
    return kFailed;
  }
  if (!html_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(html_dir, ec);
    std::vector<RenderedArticle> index;
    bool written = !ec;
    for (const ArticleCheck& c : checks.value()) {
      RenderedArticle a{c.name, c.document.value("mentions", Json::array()).size(),
                        c.document.value("facts", Json::array()).size(), c.comparison.differences.size(),
                        c.error ? c.error->message : ""};
      index.push_back(a);
      if (c.error || !written) continue;
      written = write_file(html_dir + "/" + c.name + ".html", render_html(c.document, c.original, &c.golden, c.name));
    }
    if (!written || !write_file(html_dir + "/index.html", render_index_html(index))) {
      std::cerr << "finfacts: cannot write the pages into " << html_dir << (ec ? ": " + ec.message() : "") << "\n";
      return kUsage;
    }
  }
  std::size_t passed = 0, failed = 0;
  for (const ArticleCheck& c : checks.value()) {
    if (c.error) {
      std::cout << c.name << ": " << c.error->message << "\n";
    } else if (c.agrees()) {
      std::cout << c.name << ": ok (" << c.golden_mentions << " mentions, " << c.golden_facts << " facts)\n";
    } else {
      std::cout << c.name << ": " << c.comparison.differences.size() << " differences\n";
      for (const std::string& d : c.comparison.differences) std::cout << "  " << d << "\n";
    }
    (c.agrees() ? passed : failed)++;
  }
  std::cout << "check: " << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? kOk : kFailed;
}

int run(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kMainHelp;
    return kUsage;
  }
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kMainHelp;
    return kOk;
  }
  if (command == "--version") {
    std::cout << "finfacts 0.1.0\n";
    return kOk;
  }
  if (command != "extract" && command != "check" && command != "batch" && command != "facts" && command != "render") {
    return usage_error("unknown command '" + command + "'", "finfacts --help");
  }
  const bool batch = command == "batch", facts = command == "facts", render = command == "render";
  const bool extract = command == "extract" || batch || facts || render;  // they all take extract's options
  const std::string hint = "finfacts " + command + " --help";

  Options options;
  bool only_files = false;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    if (only_files || arg == "-" || arg.empty() || arg[0] != '-') {
      options.inputs.push_back(arg);
    } else if (arg == "--") {
      only_files = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << (batch ? kBatchHelp : facts ? kFactsHelp : render ? kRenderHelp : extract ? kExtractHelp : kCheckHelp);
      return kOk;
    } else if (arg == "--rules") {
      auto v = value();
      if (!v) return usage_error("--rules needs a directory", hint.c_str());
      options.rules_dir = *v;
    } else if (extract && arg == "--ref-date") {
      auto v = value();
      if (!v) return usage_error("--ref-date needs a date (YYYY-MM-DD)", hint.c_str());
      options.ref_date = parse_date(*v);
      if (!options.ref_date) return usage_error("--ref-date '" + *v + "' is not a YYYY-MM-DD day", hint.c_str());
    } else if (batch && arg == "--out") {
      auto v = value();
      if (!v || v->empty()) return usage_error("--out needs a file", hint.c_str());
      options.batch.out = *v;
    } else if (batch && arg == "--sqlite") {
      auto v = value();
      if (!v || v->empty()) return usage_error("--sqlite needs a database file", hint.c_str());
      options.batch.sqlite = *v;
    } else if (batch && arg == "--jobs") {
      auto v = value();
      char* end = nullptr;
      const unsigned long n = v ? std::strtoul(v->c_str(), &end, 10) : 0;
      if (!v || v->empty() || *end != '\0' || n == 0 || n > 1024) return usage_error("--jobs needs a number from 1 to 1024", hint.c_str());
      options.batch.jobs = static_cast<unsigned>(n);
    } else if (batch && arg == "--suffix") {
      auto v = value();
      if (!v) return usage_error("--suffix needs a file name ending, such as .txt", hint.c_str());
      options.batch.suffix = *v;
    } else if (batch && arg == "--resume") {
      options.batch.resume = true;
    } else if (batch && arg == "--quiet") {
      options.batch.quiet = true;
    } else if (render && arg == "--golden") {
      auto v = value();
      if (!v || v->empty()) return usage_error("--golden needs a golden file", hint.c_str());
      options.golden = *v;
    } else if (!extract && arg == "--html") {
      auto v = value();
      if (!v || v->empty()) return usage_error("--html needs a directory", hint.c_str());
      options.html_dir = *v;
    } else if (facts && arg == "--no-header") {
      options.header = false;
    } else if (!batch && !facts && !render && extract && arg == "--pretty") {
      options.pretty = true;
    } else if (!batch && !facts && !render && extract && arg == "--jsonl") {
      options.jsonl = true;
    } else if (extract && arg == "--encoding") {
      auto v = value();
      if (!v || !known_encoding(*v)) {
        return usage_error("--encoding needs an encoding ICU knows (UTF-8, GB18030, GBK, Big5, UTF-16LE ...)",
                           hint.c_str());
      }
      options.encoding = *v;
    } else if (extract && arg == "--max-bytes") {
      auto v = value();
      char* end = nullptr;
      const unsigned long long n = v ? std::strtoull(v->c_str(), &end, 10) : 0;
      // Offsets are kept in 32 bits (OffsetMap), so no document may reach 4 GiB.
      if (!v || v->empty() || *end != '\0' || n == 0 || n >= (1ULL << 32)) {
        return usage_error("--max-bytes needs a number of bytes from 1 to 4294967295", hint.c_str());
      }
      options.max_bytes = n;
    } else {
      return usage_error("unknown option '" + arg + "'", hint.c_str());
    }
  }
  if (options.jsonl && !options.inputs.empty()) {
    return usage_error("--jsonl reads standard input only; give no FILE", hint.c_str());
  }
  if (options.jsonl && options.pretty) return usage_error("--jsonl writes JSON Lines; --pretty does not apply", hint.c_str());
  if (options.jsonl && !options.encoding.empty()) {
    return usage_error("--jsonl reads JSON, which is UTF-8; --encoding does not apply", hint.c_str());
  }
  if (!extract && options.inputs.size() > 1) return usage_error("check takes one CORPUS_DIR", hint.c_str());
  if (render && options.inputs.size() != 1) return usage_error("render takes one FILE", hint.c_str());

  if (batch && options.batch.out.empty() == options.batch.sqlite.empty()) {
    return usage_error("batch needs one of --out FILE.jsonl and --sqlite FILE.db", hint.c_str());
  }
  if (batch && options.inputs.empty()) return usage_error("batch needs at least one INPUT file or folder", hint.c_str());

  auto extractor = Extractor::load(options.rules_dir, options.max_bytes);
  if (!extractor.ok()) {
    std::cerr << "finfacts: " << extractor.error().message << "\n";
    return kUsage;
  }
  if (!extract) return run_check(extractor.value(), options.inputs.empty() ? "corpus" : options.inputs[0], options.html_dir);
  if (render) return run_render(extractor.value(), options);
  if (batch) {
    options.batch.inputs = options.inputs;
    options.batch.ref_date = options.ref_date;
    options.batch.encoding = options.encoding;
    return run_batch(extractor.value(), options.batch);
  }
  if (facts) return print_facts(extractor.value(), options);
  return options.jsonl ? extract_jsonl(extractor.value(), options) : extract_files(extractor.value(), options);
}

}  // namespace
}  // namespace finfacts

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return finfacts::run(argc, argv);
}
