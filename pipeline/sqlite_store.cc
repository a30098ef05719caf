#include "pipeline/sqlite_store.h"

#include <sqlite3.h>

namespace finfacts {
namespace {

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, input_hash TEXT, encoding TEXT, script TEXT, length INTEGER, ref_date TEXT,
  error_code TEXT, error_message TEXT, mentions INTEGER, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (
  document_id TEXT NOT NULL, position INTEGER NOT NULL, type TEXT NOT NULL, text TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence INTEGER NOT NULL, value TEXT NOT NULL,
  number REAL, currency TEXT, unit TEXT, name TEXT, ticker TEXT,
  PRIMARY KEY (document_id, position));
CREATE TABLE IF NOT EXISTS facts (
  document_id TEXT NOT NULL, position INTEGER NOT NULL, subject INTEGER, measure TEXT, value INTEGER,
  period INTEGER, direction TEXT, sentence INTEGER, json TEXT NOT NULL,
  PRIMARY KEY (document_id, position));
CREATE INDEX IF NOT EXISTS mentions_by_type ON mentions (type);
CREATE INDEX IF NOT EXISTS mentions_by_name ON mentions (name) WHERE name IS NOT NULL;
CREATE INDEX IF NOT EXISTS mentions_by_ticker ON mentions (ticker) WHERE ticker IS NOT NULL;
CREATE INDEX IF NOT EXISTS facts_by_measure ON facts (measure);
CREATE INDEX IF NOT EXISTS documents_failed ON documents (error_code) WHERE error_code IS NOT NULL;
)";

// A prepared statement, finalized when it goes.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  sqlite3_stmt* get() { return stmt_; }

  void bind(int i, const Json& v) {
    if (v.is_null()) {
      sqlite3_bind_null(stmt_, i);
    } else if (v.is_number_integer()) {
      sqlite3_bind_int64(stmt_, i, v.get<sqlite3_int64>());
    } else if (v.is_number()) {
      sqlite3_bind_double(stmt_, i, v.get<double>());
    } else {
      const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
      sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
  }
  // Binds the values in order and runs the statement once.
  bool run(std::initializer_list<Json> values) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    int i = 1;
    for (const Json& v : values) bind(i++, v);
    return sqlite3_step(stmt_) == SQLITE_DONE;
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

Json field(const Json& object, const char* key) { return object.is_object() ? object.value(key, Json()) : Json(); }

}  // namespace

struct SqliteStore::Statements {
  explicit Statements(sqlite3* db)
      : remove_mentions(db, "DELETE FROM mentions WHERE document_id = ?"),
        remove_facts(db, "DELETE FROM facts WHERE document_id = ?"),
        remove_document(db, "DELETE FROM documents WHERE id = ?"),
        document(db, "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        mention(db, "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        fact(db, "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") {}
  Statement remove_mentions, remove_facts, remove_document, document, mention, fact;
};

SqliteStore::SqliteStore(sqlite3* db) : db_(db) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Error{"unwritable", "cannot open " + path + ": " + why, std::nullopt};
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  // WAL: readers (a notebook, a dashboard) can query while the batch writes.
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", kSchema}) {
    if (auto error = store->exec(sql)) return *error;
  }
  store->statements_ = std::make_unique<Statements>(db);  // the tables exist now
  return store;
}

SqliteStore::~SqliteStore() {
  if (in_transaction_) exec("ROLLBACK");
  statements_.reset();  // finalized before the database closes
  sqlite3_close(db_);
}

std::optional<Error> SqliteStore::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return std::nullopt;
  Error error{"unwritable", std::string("sqlite: ") + (message ? message : "error"), std::nullopt};
  sqlite3_free(message);
  return error;
}

std::unordered_map<std::string, std::string> SqliteStore::finished() const {
  std::unordered_map<std::string, std::string> out;
  Statement select(db_, "SELECT id, input_hash FROM documents WHERE error_code IS NULL AND input_hash IS NOT NULL");
  while (select.ok() && sqlite3_step(select.get()) == SQLITE_ROW) {
    out[reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0))] =
        reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 1));
  }
  return out;
}

std::size_t SqliteStore::size() const {
  Statement count(db_, "SELECT count(*) FROM documents");
  return count.ok() && sqlite3_step(count.get()) == SQLITE_ROW ? static_cast<std::size_t>(sqlite3_column_int64(count.get(), 0))
                                                               : 0;
}

std::optional<Error> SqliteStore::add(const Json& doc) {
  if (!in_transaction_) {
    if (auto error = exec("BEGIN")) return error;
    in_transaction_ = true;
  }
  const Json id = doc["id"].is_string() ? doc["id"] : Json(doc["id"].dump());
  const auto failed = [&](const char* what) {
    return Error{"unwritable", std::string("sqlite: ") + what + " " + id.get<std::string>() + ": " + sqlite3_errmsg(db_),
                 std::nullopt};
  };
  Statements& st = *statements_;
  for (Statement* remove : {&st.remove_mentions, &st.remove_facts, &st.remove_document}) {
    if (!remove->ok() || !remove->run({id})) return failed("cannot replace");
  }
  const Json& mentions = doc.contains("mentions") ? doc["mentions"] : Json::array();
  const Json& error = doc.contains("error") ? doc["error"] : Json();
  if (!st.document.ok() || !st.document.run({id, field(doc, "input_hash"), field(doc, "encoding"), field(doc, "script"),
                                             field(doc, "length"), field(doc, "ref_date"), field(error, "code"),
                                             field(error, "message"), mentions.size(), doc.dump()})) {
    return failed("cannot store");
  }
  std::size_t position = 0;
  for (const Json& m : mentions) {
    const Json& v = m["value"];
    Json number = field(v, "value");
    if (!number.is_number()) number = field(v, "amount");
    if (!number.is_number()) number = field(v, "min");
    if (!number.is_number()) number = Json();
    if (!st.mention.ok() || !st.mention.run({id, position++, m["type"], m["text"], m["start"], m["end"], m["sentence"],
                                             v.dump(), number, field(v, "currency"), field(v, "unit"),
                                             field(v, "name"), field(v, "ticker")})) {
      return failed("cannot store the mentions of");
    }
  }
  position = 0;
  for (const Json& f : doc.value("facts", Json::array())) {
    if (!st.fact.ok() || !st.fact.run({id, position++, field(f, "subject"), field(f, "measure"), field(f, "value"),
                                       field(f, "period"), field(f, "direction"), field(f, "sentence"), f.dump()})) {
      return failed("cannot store the facts of");
    }
  }
  return std::nullopt;
}

std::optional<Error> SqliteStore::commit() {
  if (!in_transaction_) return std::nullopt;
  in_transaction_ = false;
  return exec("COMMIT");
}

}  // namespace finfacts
