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

}  // namespace finfacts::testing

#endif  // FINFACTS_TESTS_TEST_SUPPORT_H_
