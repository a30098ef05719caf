// batch: many files on many workers into one JSON Lines file, losing none.
//
//   finfacts batch corpus/articles more/ --out docs.jsonl --jobs 4
//   -> docs.jsonl: one document per input file (folders walked for *.txt), each with
//      "input_hash"; a summary on stderr: documents ok / failed, mentions per type, MB/s.
//
// Nothing is lost, nothing is half written:
//   - a file that fails becomes an error document, and the batch goes on (exit status 1);
//   - finished documents go, one write() per line, to OUT.partial, synced every second: the
//     journal of the run. OUT itself appears only at the end, the journal renamed into place
//     (after --resume: merged with the earlier OUT into a temporary file, renamed), so a
//     reader never sees it half written;
//   - after a crash or kill -9, `--resume` keeps the documents of OUT and of the journal
//     (a torn last line is dropped) whose id and input hash still match, and does the rest:
//     every input is then in OUT exactly once.
// Output is keyed by "id" (the path); documents are in the order they finished.
// With an SQLite database instead (--sqlite), each second's documents are one transaction, so
// the database is the journal: a kill loses at most the last second, never half a document,
// and --resume keeps what the database holds.
#ifndef FINFACTS_PIPELINE_BATCH_H_
#define FINFACTS_PIPELINE_BATCH_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/extractor.h"

namespace finfacts {

struct BatchOptions {
  std::vector<std::string> inputs;  // files and folders
  std::string suffix = ".txt";      // what a folder's files must end with
  std::string out;                  // the JSON Lines file to write, or
  std::string sqlite;               // the SQLite database to write (sqlite_store.h)
  unsigned jobs = 0;                // workers; 0: one per core
  bool resume = false;
  bool quiet = false;               // no progress on stderr
  std::optional<Date> ref_date;
  std::string encoding;             // empty: detect per file
};

// Runs the batch; returns the exit status (0 all ok, 1 some document failed, 2 the output
// cannot be written). Progress and the summary go to stderr.
int run_batch(const Extractor& extractor, const BatchOptions& options);

// The input hash recorded in each batch document: FNV-1a, 64 bits, as 16 hex digits. It tells a
// changed file from an unchanged one on --resume; it is no cryptographic digest.
std::string input_hash(std::string_view bytes);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_BATCH_H_
