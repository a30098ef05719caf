// Our table-driven Traditional->Simplified must give exactly what OpenCC's t2s gives.
#include <opencc.h>

#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "pipeline/utf8.h"
#include "test_support.h"

namespace finfacts {
namespace {

using testing::read_file;
using testing::source_path;

class OpenCC {
 public:
  OpenCC() : handle_(opencc_open(FINFACTS_OPENCC_T2S)) {}
  ~OpenCC() {
    if (handle_ != reinterpret_cast<opencc_t>(-1)) opencc_close(handle_);
  }
  bool ok() const { return handle_ != reinterpret_cast<opencc_t>(-1); }
  std::string convert(const std::string& text) const {
    char* out = opencc_convert_utf8(handle_, text.c_str(), text.size());
    std::string result = out == nullptr ? std::string() : std::string(out);
    opencc_convert_utf8_free(out);
    return result;
  }

 private:
  opencc_t handle_;
};

// OpenCC does not fold widths; fold its output the way normalize() does.
std::string fold_width(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = utf8::next(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp == 0x3000) cp = ' ';
    utf8::append(out, cp);
  }
  return out;
}

void expect_same_as_opencc(const OpenCC& opencc, const std::string& text, const std::string& what) {
  const std::string ours = testing::extractor().normalizer().normalize(text).text;
  const std::string theirs = fold_width(opencc.convert(text));
  if (ours == theirs) return;
  std::size_t i = 0;
  while (i < ours.size() && i < theirs.size() && ours[i] == theirs[i]) ++i;
  ADD_FAILURE() << what << ": first difference at byte " << i << ": ours '" << ours.substr(i, 24)
                << "' OpenCC '" << theirs.substr(i, 24) << "'";
}

TEST(OpenCCEquivalence, CorpusArticles) {
  OpenCC opencc;
  ASSERT_TRUE(opencc.ok()) << "cannot open " << FINFACTS_OPENCC_T2S << " (Debian: libopencc-data)";
  for (const char* article : {"corpus/articles/deepseek-compute-stocks.txt"}) {
    expect_same_as_opencc(opencc, read_file(source_path(article)), article);
  }
}

// Every key of every dictionary, alone and in context, so a table that drifts
// from the installed OpenCC (or a phrase matched differently) shows here.
TEST(OpenCCEquivalence, EveryDictionaryEntry) {
  OpenCC opencc;
  ASSERT_TRUE(opencc.ok());
  // Our own additions (variants.tsv) differ from t2s on purpose; they are tested in normalize_test.
  std::set<std::string> ours;
  std::istringstream variants(read_file(source_path("rules/normalize/variants.tsv")));
  for (std::string line; std::getline(variants, line);) {
    if (!line.empty() && line[0] != '#') ours.insert(line.substr(0, line.find('\t')));
  }
  EXPECT_FALSE(ours.empty());
  for (const char* dict : {"rules/normalize/TSCharacters.txt", "rules/normalize/TSPhrases.txt"}) {
    std::istringstream lines(read_file(source_path(dict)));
    std::string line, all;
    std::size_t entries = 0;
    while (std::getline(lines, line)) {
      const std::string key = line.substr(0, line.find('\t'));
      if (ours.count(key)) continue;
      all += key + "," + "在" + key + "中" + key + key + "。\n";
      ++entries;
    }
    EXPECT_GT(entries, 200u) << dict;
    expect_same_as_opencc(opencc, all, dict);
  }
}

TEST(OpenCCEquivalence, SimplifiedAndMixedText) {
  OpenCC opencc;
  ASSERT_TRUE(opencc.ok());
  expect_same_as_opencc(opencc, "开始發酵,那就买算力股!著名的乾隆皇帝與乾燥的天氣", "mixed");
  expect_same_as_opencc(opencc, "一个低成本推理,性能仍媲美的国产开源模型", "simplified");
}

}  // namespace
}  // namespace finfacts
