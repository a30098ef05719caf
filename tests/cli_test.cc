// The command line as users and scripts meet it: documents on stdout, diagnostics on
// stderr, one bad input never stopping the others, and the contract's exit statuses.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "pipeline/document.h"
#include "test_support.h"

namespace finfacts {
namespace {

namespace fs = std::filesystem;
using testing::read_file;

struct Outcome {
  int status;
  std::string out, err;
  std::vector<Json> lines() const {  // stdout as JSON Lines
    std::vector<Json> docs;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) docs.push_back(Json::parse(line));
    return docs;
  }
};

class Cli : public ::testing::Test {
 public:
  std::string file(const std::string& name, const std::string& bytes) { return scratch_.write(name, bytes); }

  Outcome run(const std::string& args, const std::string& input = "") {
    const std::string in = file("stdin", input), out = (dir_ / "stdout").string(), err = (dir_ / "stderr").string();
    const std::string command = std::string(FINFACTS_BINARY) + " " + args + " < " + in + " > " + out + " 2> " + err;
    const int raw = std::system(command.c_str());
    return Outcome{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(out), read_file(err)};
  }

  testing::ScratchDir scratch_;
  const fs::path& dir_ = scratch_.path();
};

TEST_F(Cli, OneBadFileAmongSeveralGetsAnErrorDocumentAndTheRestGoOn) {
  const std::string good = file("good.txt", "營收增長18.4%");
  const std::string bad = file("bad.txt", "增长\xFF" "10%");
  const std::string binary = file("binary.txt", std::string("ab\0cd", 5));
  const std::string empty = file("empty.txt", "");
  const std::string missing = (dir_ / "missing.txt").string();
  const std::string also_good = file("also.txt", "\xEF\xBB\xBF" "约80%");
  const Outcome r = run("extract " + good + " " + bad + " " + binary + " " + empty + " " + missing + " " + also_good);
  EXPECT_EQ(r.status, 1);
  const auto docs = r.lines();
  ASSERT_EQ(docs.size(), 6u) << r.out;
  EXPECT_EQ(docs[0]["id"], good);
  EXPECT_EQ(docs[0]["mentions"][0]["value"]["value"], 18.4);
  EXPECT_EQ(docs[1]["id"], bad);
  EXPECT_EQ(docs[1]["error"]["code"], "invalid_utf8");
  EXPECT_EQ(docs[1]["error"]["byte_offset"], 6);
  EXPECT_TRUE(docs[1]["mentions"].empty());
  EXPECT_EQ(docs[2]["error"]["code"], "binary_input");
  EXPECT_EQ(docs[2]["error"]["byte_offset"], 2);
  EXPECT_FALSE(docs[3].contains("error")) << "an empty file is a valid document";
  EXPECT_EQ(docs[3]["length"], 0);
  EXPECT_TRUE(docs[3]["mentions"].empty());
  EXPECT_EQ(docs[4]["error"]["code"], "unreadable");
  EXPECT_EQ(docs[5]["mentions"][0]["text"], "约80%");
  EXPECT_EQ(docs[5]["mentions"][0]["start"], 0) << "offsets count from after the BOM";
  EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("byte 6"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
}

TEST_F(Cli, OneFileIsOneObjectAndPrettyPutsAMentionPerLine) {
  const std::string path = file("a.txt", "佔比約80%,同比增加2.5個百分點");
  Outcome r = run("extract --ref-date 2025-02-14 " + path);
  EXPECT_EQ(r.status, 0) << r.err;
  const Json doc = Json::parse(r.out);
  EXPECT_EQ(doc["ref_date"], "2025-02-14");
  EXPECT_EQ(doc["script"], "traditional");
  ASSERT_EQ(doc["mentions"].size(), 2u);
  EXPECT_EQ(doc["mentions"][1]["value"], Json::parse(R"({"value": 2.5, "points": true})"));
  r = run("extract --pretty " + path);
  EXPECT_EQ(Json::parse(r.out)["mentions"], doc["mentions"]);
  EXPECT_NE(r.out.find("\n    {\"type\":\"percent\",\"text\":\"約80%\""), std::string::npos) << r.out;
  EXPECT_TRUE(Json::parse(r.out)["ref_date"].is_null());
}

TEST_F(Cli, ReadsStandardInput) {
  for (const char* args : {"extract", "extract -"}) {
    const Outcome r = run(args, "同比下滑267.36%-449.2%");
    EXPECT_EQ(r.status, 0) << r.err;
    const Json doc = Json::parse(r.out);
    EXPECT_EQ(doc["id"], "-");
    EXPECT_EQ(doc["mentions"][0]["value"], Json::parse(R"({"min": 267.36, "max": 449.2})"));
  }
}

TEST_F(Cli, JsonlStreamSurvivesAMalformedLine) {
  const std::string input =
      "{\"id\": \"a\", \"text\": \"增长10%\"}\n"
      "{\"id\": \"b\", \"text\": \"broken\n"
      "\n"
      "{\"text\": \"no id 5%\"}\n"
      "[1, 2]\n"
      "{\"id\": 7, \"text\": \"三成\", \"ref_date\": \"2024-01-31\"}\n"
      "{\"id\": \"d\", \"text\": \"x\", \"ref_date\": \"2024-02-30\"}\n"
      "{\"id\": \"e\", \"text\": \"a\\u0000b\"}\n";
  const Outcome r = run("extract --jsonl --ref-date 2025-02-14", input);
  EXPECT_EQ(r.status, 1);
  const auto docs = r.lines();
  ASSERT_EQ(docs.size(), 7u) << r.out;
  EXPECT_EQ(docs[0]["id"], "a");
  EXPECT_EQ(docs[0]["ref_date"], "2025-02-14");
  EXPECT_EQ(docs[0]["mentions"][0]["value"]["value"], 10);
  EXPECT_EQ(docs[1]["id"], 2) << "no id could be read: the line number";
  EXPECT_EQ(docs[1]["error"]["code"], "bad_json_line");
  EXPECT_EQ(docs[2]["id"], 4);
  EXPECT_EQ(docs[2]["mentions"][0]["text"], "5%");
  EXPECT_EQ(docs[3]["id"], 5);
  EXPECT_EQ(docs[3]["error"]["code"], "bad_json_line");
  EXPECT_EQ(docs[4]["id"], 7);
  EXPECT_EQ(docs[4]["ref_date"], "2024-01-31") << "the line's ref_date overrides the flag";
  EXPECT_EQ(docs[4]["mentions"][0]["value"]["value"], 30);
  EXPECT_EQ(docs[5]["error"]["code"], "bad_ref_date");
  EXPECT_EQ(docs[6]["error"]["code"], "binary_input");
  EXPECT_NE(r.err.find("line 2"), std::string::npos) << r.err;
}

// Relative dates resolve against the line's ref_date, else the flag's, else stay relative.
// Found by fuzzing (jsonl_fuzz): a number too large for a double made the JSON parser throw an
// error other than a parse error, and the whole stream died with it.
TEST_F(Cli, JsonlLineWithAHugeNumberIsAnErrorAndTheStreamGoesOn) {
  const Outcome r = run("extract --jsonl", "66e366\n{\"id\": \"x\", \"text\": \"约80%\", \"n\": 1e999}\n{\"id\": \"ok\", \"text\": \"10%\"}\n");
  EXPECT_EQ(r.status, 1) << r.err;
  const auto docs = r.lines();
  ASSERT_EQ(docs.size(), 3u) << r.out;
  EXPECT_EQ(docs[0]["error"]["code"], "bad_json_line");
  EXPECT_EQ(docs[1]["error"]["code"], "bad_json_line");
  EXPECT_EQ(docs[2]["id"], "ok");
  EXPECT_EQ(docs[2]["mentions"][0]["value"]["value"], 10);
}

// Memory in a stream stays bounded: a line longer than 6 x --max-bytes + 64 KiB is never held
// whole; it is an error document, and the lines around it still give theirs. A last line with
// no line break is a line too.
TEST_F(Cli, JsonlLineOverTheLimitIsAnErrorAndTheStreamGoesOn) {
  const std::string huge = "{\"id\": \"huge\", \"text\": \"" + std::string(200'000, 'x') + "\"}\n";
  const Outcome r = run("extract --jsonl --max-bytes 1000",
                        "{\"id\": \"a\", \"text\": \"10%\"}\n" + huge + "{\"id\": \"b\", \"text\": \"20%\"}");
  EXPECT_EQ(r.status, 1) << r.err;
  const auto docs = r.lines();
  ASSERT_EQ(docs.size(), 3u) << r.out;
  EXPECT_EQ(docs[0]["id"], "a");
  EXPECT_EQ(docs[1]["id"], 2);
  EXPECT_EQ(docs[1]["error"]["code"], "too_large");
  EXPECT_NE(r.err.find("line 2 is over the limit of 71536 bytes"), std::string::npos) << r.err;
  EXPECT_EQ(docs[2]["id"], "b");
  EXPECT_EQ(docs[2]["mentions"][0]["value"]["value"], 20);
}

TEST_F(Cli, RelativeDatesFollowTheReferenceDateTheyAreGiven) {
  const std::string input =
      "{\"id\": \"flag\", \"text\": \"去年10月\"}\n"
      "{\"id\": \"line\", \"text\": \"去年10月\", \"ref_date\": \"2021-06-14\"}\n";
  const Outcome with_flag = run("extract --jsonl --ref-date 2025-02-14", input);
  ASSERT_EQ(with_flag.status, 0) << with_flag.err;
  const auto docs = with_flag.lines();
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["mentions"][0]["value"]["value"], "2024-10");
  EXPECT_EQ(docs[1]["mentions"][0]["value"]["value"], "2020-10");
  EXPECT_EQ(docs[1]["mentions"][0]["value"]["relative"], true);

  const Outcome without = run("extract", "去年10月，下周四");
  ASSERT_EQ(without.status, 0) << without.err;
  const Json doc = Json::parse(without.out);
  EXPECT_TRUE(doc["ref_date"].is_null());
  EXPECT_EQ(doc["mentions"][0]["value"], Json::parse(R"({"relative": {"years": -1, "month": 10}})"));
  EXPECT_EQ(doc["mentions"][1]["value"], Json::parse(R"({"relative": {"weeks": 1, "weekday": 4}})"));

  const Outcome flagged = run("extract --ref-date 2025-02-14", "下周四");
  EXPECT_EQ(Json::parse(flagged.out)["mentions"][0]["value"]["value"], "2025-02-20");
}

// The seed article in the encodings Chinese sites use: the same mentions at the same offsets,
// the encoding recorded; --encoding forces one.
TEST_F(Cli, EveryChineseEncodingGivesTheSameDocument) {
  const std::string seed = read_file(testing::source_path("corpus/articles/deepseek-compute-stocks.txt"));
  const std::string utf8 = file("utf8.txt", seed);
  const std::string gb = file("gb.txt", "");
  const std::string u16 = file("u16.txt", "");
  // Converted by iconv (Debian: libc-bin), independent of the code under test.
  ASSERT_EQ(std::system(("iconv -f UTF-8 -t GB18030 " + utf8 + " > " + gb).c_str()), 0);
  ASSERT_EQ(std::system(("(printf '\\377\\376'; iconv -f UTF-8 -t UTF-16LE " + utf8 + ") > " + u16).c_str()), 0);
  const Outcome r = run("extract --ref-date 2025-02-14 " + utf8 + " " + gb + " " + u16);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto docs = r.lines();
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0]["encoding"], "UTF-8");
  EXPECT_EQ(docs[1]["encoding"], "GB18030");
  EXPECT_EQ(docs[2]["encoding"], "UTF-16LE");
  EXPECT_EQ(docs[0]["mentions"].size(), 109u);  // 107 until the two indexes (恆生科技指數, 納斯達克指數) became mentions
  for (int i : {1, 2}) {
    EXPECT_EQ(docs[i]["mentions"], docs[0]["mentions"]) << docs[i]["encoding"];
    EXPECT_EQ(docs[i]["length"], docs[0]["length"]);
  }
  // Forced: GBK reads the GB18030 file; Big5 does not, and says where.
  const Outcome forced = run("extract --encoding GBK " + gb);
  EXPECT_EQ(forced.status, 0);
  EXPECT_EQ(forced.lines()[0]["encoding"], "GBK");
  const Outcome wrong = run("extract --encoding UTF-8 " + gb);
  EXPECT_EQ(wrong.status, 1);
  EXPECT_EQ(wrong.lines()[0]["error"]["code"], "invalid_utf8");
}

// ---- batch ---------------------------------------------------------------------------------

// The documents of a JSON Lines file by id (a test fails on an id written twice).
std::map<std::string, Json> documents_by_id(const std::string& path) {
  std::map<std::string, Json> out;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) {
    Json doc = Json::parse(line);
    const std::string id = doc["id"];
    EXPECT_FALSE(out.count(id)) << id << " is in " << path << " twice";
    out[id] = std::move(doc);
  }
  return out;
}

TEST_F(Cli, BatchWritesEveryInputOnceAndLeavesNoTemporaryFile) {
  const std::string seed = read_file(testing::source_path("corpus/articles/deepseek-compute-stocks.txt"));
  fs::create_directories(dir_ / "in" / "sub");
  const std::string a = file("in/a.txt", seed);
  const std::string bad = file("in/sub/bad.txt", "增长\xFF" "10%");
  const std::string empty = file("in/empty.txt", "");
  file("in/notes.md", "not a .txt file: not an input");
  const std::string missing = (dir_ / "missing.txt").string();
  const std::string out = (dir_ / "out.jsonl").string();
  const Outcome r = run("batch " + (dir_ / "in").string() + " " + missing + " --out " + out + " --jobs 2 --ref-date 2025-02-14");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(r.out.empty()) << "documents go to --out, not stdout";
  const auto docs = documents_by_id(out);
  ASSERT_EQ(docs.size(), 4u) << read_file(out);
  EXPECT_EQ(docs.at(a)["mentions"].size(), 109u);
  EXPECT_EQ(docs.at(a)["encoding"], "UTF-8");
  EXPECT_EQ(docs.at(a)["input_hash"].get<std::string>().size(), 16u);
  EXPECT_EQ(docs.at(bad)["error"]["code"], "invalid_utf8");
  EXPECT_EQ(docs.at(empty)["length"], 0);
  EXPECT_EQ(docs.at(missing)["error"]["code"], "unreadable");
  EXPECT_FALSE(fs::exists(out + ".partial"));
  EXPECT_FALSE(fs::exists(out + ".tmp"));
  EXPECT_NE(r.err.find("4 documents: 2 ok, 2 failed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad), std::string::npos) << "a failed file is named: " << r.err;
}

TEST_F(Cli, BatchResumeKeepsWhatIsDoneRedoesWhatChangedAndDropsATornLine) {
  const std::string a = file("in/a.txt", "营收增长10%"), b = file("in/b.txt", "净利润下降5%"), c = file("in/c.txt", "约80%");
  const std::string out = (dir_ / "out.jsonl").string();
  ASSERT_EQ(run("batch " + (dir_ / "in").string() + " --out " + out + " --quiet").status, 0);
  // A killed run's traces: OUT from before, a journal with a finished a.txt (marked, so that a
  // redo would show) and a torn line; b.txt changed since.
  Json marked = documents_by_id(out).at(a);
  marked["marker"] = true;
  file("out.jsonl.partial", marked.dump() + "\n" + R"({"id":"in/c.txt","ment)");
  file("in/b.txt", "净利润下降6%");
  const Outcome r = run("batch " + (dir_ / "in").string() + " --out " + out + " --resume --quiet");
  EXPECT_EQ(r.status, 0) << r.err;
  const auto docs = documents_by_id(out);
  ASSERT_EQ(docs.size(), 3u) << read_file(out);
  EXPECT_TRUE(docs.at(a).value("marker", false)) << "a.txt was done: kept, not redone";
  EXPECT_EQ(docs.at(b)["mentions"][0]["value"]["value"], 6) << "b.txt changed: redone";
  EXPECT_EQ(docs.at(c)["mentions"][0]["value"]["value"], 80);
  EXPECT_NE(r.err.find("2 kept from an earlier run"), std::string::npos) << r.err;  // a.txt and c.txt
  EXPECT_FALSE(fs::exists(out + ".partial"));
}

// The real thing: kill -9 a running batch once it has written some documents, then resume:
// every input is there exactly once. `output` is what the batch writes to (--out or --sqlite);
// `started` says whether it has durably written some documents yet.
void kill_and_resume(Cli& cli, const fs::path& dir, const std::string& output_flag, const std::string& output,
                     const std::function<bool()>& started, const std::function<std::map<std::string, Json>()>& stored) {
  const std::string seed = read_file(testing::source_path("corpus/articles/deepseek-compute-stocks.txt"));
  constexpr int kFiles = 1500;
  for (int i = 0; i < kFiles; ++i) {
    std::ofstream((dir / "in" / ("doc" + std::to_string(i) + ".txt")).string()) << seed << "\n" << i << "%";
  }
  const std::string input = (dir / "in").string();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    execl(FINFACTS_BINARY, FINFACTS_BINARY, "batch", input.c_str(), output_flag.c_str(), output.c_str(), "--jobs", "2",
          "--quiet", static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int waited = 0; waited < 1000 && !started(); ++waited) usleep(10000);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the batch ended before it could be killed; use more files";
  const auto outcome = cli.run("batch " + input + " " + output_flag + " " + output + " --resume --quiet");
  EXPECT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(outcome.err.find(" 0 kept from an earlier run"), std::string::npos) << "the killed run's work was kept: "
                                                                                 << outcome.err;
  const auto docs = stored();
  EXPECT_EQ(docs.size(), static_cast<std::size_t>(kFiles));
  for (const auto& [id, doc] : docs) EXPECT_FALSE(doc.contains("error")) << id;
}

TEST_F(Cli, BatchKilledAndResumedHasEveryDocumentExactlyOnce) {
  fs::create_directories(dir_ / "in");
  const std::string out = (dir_ / "out.jsonl").string();
  const std::string journal = out + ".partial";
  const auto started = [&] {
    std::error_code ec;
    return fs::file_size(journal, ec) > 200000 && !ec;
  };
  kill_and_resume(*this, dir_, "--out", out, started, [&] {
    EXPECT_FALSE(fs::exists(out + ".partial"));
    return documents_by_id(out);
  });
}

// The documents an SQLite database holds, by id, through the sqlite3 command (Debian: sqlite3).
std::map<std::string, Json> sqlite_documents(const std::string& db) {
  std::map<std::string, Json> out;
  const std::string listing = db + ".json";
  EXPECT_EQ(std::system(("sqlite3 " + db + " \"SELECT json FROM documents\" > " + listing).c_str()), 0);
  std::istringstream in(read_file(listing));
  for (std::string line; std::getline(in, line);) {
    const Json doc = Json::parse(line);
    const Json& id = doc.contains("id") ? doc["id"] : Json();
    EXPECT_TRUE(id.is_string()) << line.substr(0, 200);
    if (id.is_string()) out[id.get<std::string>()] = doc;
  }
  return out;
}

std::string sqlite_query(const std::string& db, const std::string& sql) {
  const std::string result = db + ".out";
  EXPECT_EQ(std::system(("sqlite3 " + db + " \"" + sql + "\" > " + result).c_str()), 0) << sql;
  std::string out = read_file(result);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST_F(Cli, BatchIntoSqliteHasDocumentsMentionsAndErrors) {
  const std::string seed = read_file(testing::source_path("corpus/articles/deepseek-compute-stocks.txt"));
  const std::string a = file("in/a.txt", seed);
  file("in/bad.txt", "增长\xFF" "10%");
  const std::string db = (dir_ / "docs.db").string();
  const Outcome r = run("batch " + (dir_ / "in").string() + " --sqlite " + db + " --ref-date 2025-02-14 --quiet");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(sqlite_query(db, "SELECT count(*) FROM documents"), "2");
  EXPECT_EQ(sqlite_query(db, "SELECT error_code FROM documents WHERE error_code IS NOT NULL"), "invalid_utf8");
  EXPECT_EQ(sqlite_query(db, "SELECT count(*) FROM mentions WHERE document_id = '" + a + "'"), "109");
  EXPECT_EQ(sqlite_query(db, "SELECT count(*), ticker FROM mentions WHERE name = '阿里巴巴'"), "5|9988.HK");
  EXPECT_EQ(sqlite_query(db, "SELECT number, currency FROM mentions WHERE text = '五千萬元'"), "50000000.0|CNY");
  EXPECT_EQ(sqlite_query(db, "SELECT count(*) FROM facts WHERE document_id = '" + a + "'"), "31");
  EXPECT_EQ(sqlite_query(db, "SELECT m.text, f.direction FROM facts f JOIN mentions m ON m.document_id = f.document_id "
                             "AND m.position = f.value WHERE f.measure = '归母净利润' ORDER BY f.position"),
            "2億-2.9億元|down\n267.36%-449.2%|down");
  // Run again: each input replaces its rows, nothing doubles.
  EXPECT_EQ(run("batch " + (dir_ / "in").string() + " --sqlite " + db + " --quiet").status, 1);
  EXPECT_EQ(sqlite_query(db, "SELECT count(*) FROM mentions WHERE document_id = '" + a + "'"), "109");
}

TEST_F(Cli, BatchIntoSqliteKilledAndResumedHasEveryDocumentExactlyOnce) {
  fs::create_directories(dir_ / "in");
  const std::string db = (dir_ / "docs.db").string();
  const auto started = [&] {  // committed documents, read while the batch writes (WAL mode)
    std::error_code ec;
    if (!fs::exists(db, ec)) return false;
    const int raw = std::system(("test \"$(sqlite3 " + db + " 'SELECT count(*) FROM documents' 2>/dev/null)\" -ge 20").c_str());
    return WIFEXITED(raw) && WEXITSTATUS(raw) == 0;
  };
  kill_and_resume(*this, dir_, "--sqlite", db, started, [&] {
    // Every document has all its mentions: no transaction was half applied.
    EXPECT_EQ(sqlite_query(db, "SELECT count(*) FROM documents d WHERE mentions != "
                               "(SELECT count(*) FROM mentions m WHERE m.document_id = d.id)"),
              "0");
    return sqlite_documents(db);
  });
}

TEST_F(Cli, UsageErrorsExitTwo) {
  const std::string path = file("a.txt", "10%");
  const char* cases[] = {
      "",
      "frobnicate",
      "extract --bogus",
      "extract --ref-date",
      "extract --ref-date 2025-02-30 ",
      "extract --ref-date 20250214",
      "extract --ref-date 2025-13-01",
      "extract --max-bytes 0",
      "extract --max-bytes 4294967296",
      "extract --max-bytes 12x",
      "extract --jsonl --pretty",
      "extract --encoding",
      "extract --encoding no-such-encoding",
      "extract --jsonl --encoding GBK",
      "batch",
      "batch --out",
      "batch --jobs 0 --out x.jsonl",
      "batch --pretty --out x.jsonl",
      "check a b",
      "extract --rules /nonexistent/rules",
  };
  for (const char* args : cases) {
    const Outcome r = run(std::string(args) + " " + (std::string(args).find("jsonl") != std::string::npos ? "" : path));
    EXPECT_EQ(r.status, 2) << "finfacts " << args << "\nstderr: " << r.err;
    EXPECT_TRUE(r.out.empty()) << "finfacts " << args << ": nothing but documents on stdout";
    EXPECT_FALSE(r.err.empty()) << "finfacts " << args << ": says what is wrong";
  }
  EXPECT_EQ(run("extract --jsonl " + path).status, 2) << "--jsonl takes no FILE";
}

TEST_F(Cli, HelpOnEveryCommand) {
  for (const char* args : {"--help", "extract --help", "batch --help", "check --help"}) {
    const Outcome r = run(args);
    EXPECT_EQ(r.status, 0) << args;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << args;
  }
}

TEST_F(Cli, OversizedInputIsAnErrorDocument) {
  const std::string big = file("big.txt", std::string(100, 'x'));
  const std::string small = file("small.txt", "5%");
  const Outcome r = run("extract --max-bytes 50 " + big + " " + small);
  EXPECT_EQ(r.status, 1);
  const auto docs = r.lines();
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["error"]["code"], "too_large");
  EXPECT_EQ(docs[1]["mentions"].size(), 1u);
}

TEST_F(Cli, CheckReportsEachKindOfDifference) {
  const fs::path corpus = dir_ / "corpus";
  fs::create_directories(corpus / "articles");
  fs::create_directories(corpus / "golden");
  std::ofstream(corpus / "articles" / "a.txt") << "佔比約80%,增長10%,下滑5%";
  // 約80% has the wrong value, 10% is missing from the golden file, and 9% is not in the text.
  std::ofstream(corpus / "golden" / "a.json") << R"({"ref_date": "2025-02-14", "mentions": [
    {"type": "percent", "text": "約80%", "start": 2, "end": 6, "sentence": 0, "value": {"value": 81, "approx": "about"}},
    {"type": "percent", "text": "5%", "start": 15, "end": 17, "sentence": 0, "value": {"value": 5}},
    {"type": "percent", "text": "9%", "start": 20, "end": 22, "sentence": 0, "value": {"value": 9}}], "facts": []})";
  Outcome r = run("check " + corpus.string());
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("changed  percent [2,6) \"約80%\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("expected {\"value\":81,\"approx\":\"about\"}"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("extra    percent [9,12) \"10%\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("missing  percent [20,22) \"9%\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 passed, 1 failed"), std::string::npos) << r.out;

  fs::remove(corpus / "golden" / "a.json");
  r = run("check " + corpus.string());
  EXPECT_EQ(r.status, 1) << "an article without a golden file fails";
}

TEST_F(Cli, CheckPassesOnTheBundledCorpus) {
  const Outcome r = run("check " + testing::source_path("corpus"));
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("deepseek-compute-stocks: ok (109 mentions, 31 facts)"), std::string::npos) << r.out;
}

// ---- finfacts facts: the table for spreadsheets and sqlite3 .import -------------------------------

TEST_F(Cli, FactsPrintsOneTableWithAHeaderAndGoesOnPastABadFile) {
  const std::string seed = file("seed.txt", read_file(testing::source_path("corpus/articles/deepseek-compute-stocks.txt")));
  const std::string bad = file("bad.txt", "營收增長\xFF" "10%");
  const std::string small = file("small.txt", "騰訊控股去年營收增長8%。");
  const Outcome r = run("facts --ref-date 2025-02-14 " + seed + " " + bad + " " + small);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 1u + 31u + 1u) << r.out;  // the header, the seed's 31 facts, small.txt's one
  EXPECT_EQ(lines[0].rfind("document\tsubject\tticker\tmeasure\tvalue\tunit\tperiod\tdirection\tsentence_text", 0), 0u);
  for (const std::string& line : lines) EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 17) << line;
  EXPECT_EQ(lines.back().substr(0, lines.back().find("\t騰訊")),
            small + "\t腾讯控股\t0700.HK\t营收\t8\t%\t2024\tup");
  EXPECT_EQ(run("facts --no-header " + small).out.find("document\t"), std::string::npos);
}

TEST_F(Cli, FactsImportIntoSqlite) {
  const std::string seed = file("seed.txt", read_file(testing::source_path("corpus/articles/deepseek-compute-stocks.txt")));
  const Outcome r = run("facts --ref-date 2025-02-14 " + seed);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string table = file("facts.tsv", r.out), db = (dir_ / "facts.db").string();
  const std::string import = "sqlite3 " + db + " -cmd '.mode tabs' '.import " + table + " facts' "
                             "\"SELECT subject, value_min, value_max, direction FROM facts WHERE measure = '归母净利润'\" > " +
                             (dir_ / "q").string();
  ASSERT_EQ(std::system(import.c_str()), 0);
  EXPECT_EQ(read_file((dir_ / "q").string()), "鸿博股份\t200000000\t290000000\tdown\n鸿博股份\t267.36\t449.2\tdown\n");
}

// ---- finfacts render and check --html ---------------------------------------------------------

TEST_F(Cli, RenderWritesOnePageWithGoldenDifferences) {
  const std::string article = file("a.txt", "營收增長10%，淨利潤下滑5%");
  const std::string golden = file("a.json", R"({"ref_date": "2025-02-14", "mentions": [
      {"type": "percent", "text": "10%", "start": 4, "end": 7, "sentence": 0, "value": {"value": 12}}], "facts": []})");
  const Outcome r = run("render " + article + " --golden " + golden);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(r.out.find("0 missing, 1 extra, 1 changed"), std::string::npos) << r.out.substr(0, 3000);
  EXPECT_EQ(run("render").status, 2);
  EXPECT_EQ(run("render " + article + " --golden " + file("bad.json", "{")).status, 1);
}

TEST_F(Cli, CheckHtmlWritesAPagePerArticleAndAnIndexAndNoTemporaryFile) {
  const fs::path pages = dir_ / "pages";
  const Outcome r = run("check --html " + pages.string() + " " + testing::source_path("corpus"));
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  const std::string index = read_file((pages / "index.html").string());
  EXPECT_NE(index.find("<a href=\"deepseek-compute-stocks.html\">"), std::string::npos) << index;
  EXPECT_NE(index.find("agrees"), std::string::npos);
  const std::string page = read_file((pages / "deepseek-compute-stocks.html").string());
  EXPECT_NE(page.find("everything agrees"), std::string::npos);
  for (const auto& entry : fs::directory_iterator(pages)) {
    EXPECT_EQ(entry.path().extension(), ".html") << entry.path();
  }
}

}  // namespace
}  // namespace finfacts
