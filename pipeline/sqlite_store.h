// sqlite_store: batch documents into an SQLite database (Debian: libsqlite3-dev).
//
//   auto store = SqliteStore::open("docs.db");       // creates the tables and indexes if new
//   store.value().add(doc);                           // replaces the document of that id
//   store.value().commit();                           // everything added so far, atomically
//
// Tables (the README shows them with example queries):
//   documents(id PRIMARY KEY, input_hash, encoding, script, length, ref_date, error_code,
//             error_message, mentions, json)
//   mentions(document_id, position, type, text, start, "end", sentence, value, number, currency,
//            unit, name, ticker)        -- value is the JSON value; the rest are its common fields
//   facts(document_id, position, subject, measure, value, period, direction, sentence)
// Adds are grouped into transactions; a crash or kill at any moment leaves the database as of
// the last commit, never a document without its mentions. Not thread-safe: one writer.
#ifndef FINFACTS_PIPELINE_SQLITE_STORE_H_
#define FINFACTS_PIPELINE_SQLITE_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "pipeline/document.h"

struct sqlite3;

namespace finfacts {

class SqliteStore {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);
  ~SqliteStore();

  // id -> input hash of every document stored without an error (what --resume keeps).
  std::unordered_map<std::string, std::string> finished() const;
  // How many documents it holds, failed ones included.
  std::size_t size() const;

  // Replaces the document with that id and its mentions and facts. Opens a transaction when
  // none is open; the error says what SQLite said.
  std::optional<Error> add(const Json& document);
  std::optional<Error> commit();

 private:
  struct Statements;  // prepared once, used for every document
  explicit SqliteStore(sqlite3* db);
  std::optional<Error> exec(const char* sql);
  sqlite3* db_;
  std::unique_ptr<Statements> statements_;
  bool in_transaction_ = false;
};

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_SQLITE_STORE_H_
