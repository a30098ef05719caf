// Shared by the tests: the one Extractor over the project's rules, and file helpers.
#ifndef FINFACTS_TESTS_TEST_SUPPORT_H_
#define FINFACTS_TESTS_TEST_SUPPORT_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "pipeline/extractor.h"

namespace finfacts::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(FINFACTS_SOURCE_DIR) + "/" + relative;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Loaded once for all tests of a binary; aborts the test run if the rules do not load.
inline const Extractor& extractor() {
  static const Extractor* instance = [] {
    auto loaded = Extractor::load(source_path("rules"));
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message;
      std::abort();
    }
    return new Extractor(std::move(loaded.value()));
  }();
  return *instance;
}

// A fresh directory for one test, removed when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("finfacts_" + std::to_string(::getpid()) + "_" + test->test_suite_name() + "_" + test->name());
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to the file `name` in the directory and returns its path.
  std::string write(const std::string& name, const std::string& bytes) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// The code points [start, end) of a UTF-8 string.
inline std::string code_point_slice(const std::string& text, std::size_t start, std::size_t end) {
  std::size_t index = 0, begin_byte = std::string::npos, end_byte = text.size();
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (index == start && begin_byte == std::string::npos) begin_byte = i;
    if (index == end) {
      end_byte = i;
      break;
    }
    ++index;
  }
  return begin_byte == std::string::npos ? std::string() : text.substr(begin_byte, end_byte - begin_byte);
}

// What every document's facts must be, whatever the text: each part is an index of a mention of
// the right type, the fact is in its value's sentence, and a subject phrase's offsets point at
// its text in the original.
inline void expect_facts_well_formed(const Json& doc, const std::string& original, const std::string& what) {
  const Json& mentions = doc["mentions"];
  const auto type_of = [&](const Json& index) -> std::string {
    if (!index.is_number_unsigned() || index.get<std::size_t>() >= mentions.size()) return "(no mention)";
    return mentions[index.get<std::size_t>()]["type"];
  };
  for (const Json& f : doc["facts"]) {
    const std::string t = type_of(f["value"]);
    EXPECT_TRUE(t == "number" || t == "percent" || t == "money") << what << ": value is " << t << " in " << f.dump();
    EXPECT_EQ(f["sentence"], mentions[f["value"].get<std::size_t>()]["sentence"]) << what << ": " << f.dump();
    EXPECT_FALSE(f["measure"].get<std::string>().empty()) << what << ": " << f.dump();
    if (!f["period"].is_null()) {
      const std::string p = type_of(f["period"]);
      EXPECT_TRUE(p == "date" || p == "duration") << what << ": period is " << p << " in " << f.dump();
    }
    EXPECT_TRUE(f["direction"].is_null() || f["direction"] == "up" || f["direction"] == "down") << what;
    for (const Json& s : f["subjects"]) {
      const std::string k = type_of(s);
      EXPECT_TRUE(k == "company" || k == "index") << what << ": subject is " << k << " in " << f.dump();
    }
    EXPECT_EQ(f["subject"], f["subjects"].size() == 1 ? f["subjects"][0] : Json(nullptr)) << what << ": " << f.dump();
    if (f["subject_phrase"].is_object()) {
      const Json& p = f["subject_phrase"];
      EXPECT_TRUE(f["subjects"].empty()) << what << ": " << f.dump();
      EXPECT_EQ(code_point_slice(original, p["start"], p["end"]), p["text"].get<std::string>()) << what << ": " << f.dump();
    }
  }
}

}  // namespace finfacts::testing

#endif  // FINFACTS_TESTS_TEST_SUPPORT_H_
