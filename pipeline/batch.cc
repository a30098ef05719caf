#include "pipeline/batch.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/emit.h"
#include "pipeline/input.h"
#include "pipeline/sqlite_store.h"

namespace finfacts {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Files as given; folders walked, in name order, for regular files ending with `suffix`. A path
// that does not exist stays: it becomes an "unreadable" document, not a silent omission.
std::vector<std::string> list_inputs(const BatchOptions& options) {
  std::vector<std::string> out;
  for (const std::string& input : options.inputs) {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) {
      out.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string path = it->path().string();
      if (it->is_regular_file(ec) && path.size() >= options.suffix.size() &&
          path.compare(path.size() - options.suffix.size(), options.suffix.size(), options.suffix) == 0) {
        found.push_back(path);
      }
    }
    if (ec) out.push_back(input);  // an unreadable folder: its error document says so
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  std::unordered_set<std::string> seen;  // a file given twice is one document
  out.erase(std::remove_if(out.begin(), out.end(), [&](const std::string& p) { return !seen.insert(p).second; }),
            out.end());
  return out;
}

// The raw JSON token of the value of `key` in a document line this program wrote ("id" first,
// "input_hash" last), without parsing the whole line: every line of a large batch is read again
// when the output is put together. Empty when the key is not there.
std::string_view token_of(std::string_view line, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\":";
  std::size_t at = key == "id" ? (line.substr(0, quoted.size() + 1) == "{" + quoted ? quoted.size() + 1 : line.npos)
                               : line.rfind(quoted);
  if (at == line.npos) return {};
  if (key != "id") at += quoted.size();
  if (at >= line.size()) return {};
  std::size_t end = at;
  if (line[at] == '"') {  // a string: to its closing quote, past escapes
    for (end = at + 1; end < line.size() && line[end] != '"'; ++end) {
      if (line[end] == '\\') ++end;
    }
    return end < line.size() ? line.substr(at, end + 1 - at) : std::string_view();
  }
  while (end < line.size() && line[end] != ',' && line[end] != '}') ++end;  // a number
  return line.substr(at, end - at);
}

// Each complete line of a JSON Lines file this program wrote, with its id token; returns the
// length of the prefix that holds them (a torn last line, as a kill leaves, is not part of it).
template <typename F>
std::size_t each_document(const std::string& path, F f) {
  std::ifstream in(path, std::ios::binary);
  std::size_t good = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no line break after it: torn
    const std::string_view id = token_of(line, "id");
    if (id.empty() || line.back() != '}') break;
    f(line, id);
    good += line.size() + 1;
  }
  return good;
}

// An input path as the id token batch documents carry.
std::string id_token(const std::string& path) { return Json(path).dump(); }

struct Finished {
  std::string line;                           // the serialized document, for JSON Lines
  Json doc;                                   // the document, for SQLite
  std::map<std::string, std::size_t> counts;  // mentions per type
  bool failed = false;
  std::size_t bytes = 0;
};

// What the workers hand the writer, in the order they finish.
class Handoff {
 public:
  void push(Finished f) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(f));
    ready_.notify_one();
  }
  // Waits up to `wait` for work; false when every worker is done and nothing is left.
  bool pop(std::deque<Finished>& out, std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait_for(lock, wait, [&] { return !queue_.empty() || workers_left_ == 0; });
    out.swap(queue_);
    return !out.empty() || workers_left_ > 0;
  }
  void set_workers(unsigned n) { workers_left_ = n; }
  void worker_done() {
    std::lock_guard<std::mutex> lock(mutex_);
    --workers_left_;
    ready_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Finished> queue_;
  unsigned workers_left_ = 0;
};

// Progress on stderr: a live line on a terminal, a line every five seconds otherwise.
class Progress {
 public:
  Progress(std::size_t total, bool quiet) : total_(total), quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0) {}
  // A failed document, named on a line of its own (quiet or not: nothing fails silently).
  void note(const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::cerr << (tty_ && !quiet_ ? "\r\x1b[K" : "") << "finfacts batch: " << message << "\n" << std::flush;
  }
  void update(std::size_t done, std::size_t bytes, bool last = false) {
    if (quiet_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = Clock::now();
    if (!last && now - shown_ < (tty_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000))) return;
    shown_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
    const double eta = done > 0 ? seconds * static_cast<double>(total_ - done) / static_cast<double>(done) : 0;
    char line[160];
    if (tty_) {
      const std::size_t width = 30, filled = total_ ? width * done / total_ : width;
      std::snprintf(line, sizeof line, "\r[%-30s] %zu/%zu documents  %.1f MB/s  ETA %.0f s  ",
                    std::string(filled, '=').c_str(), done, total_, rate, eta);
      std::cerr << line << (last ? "\n" : "") << std::flush;
    } else {
      std::snprintf(line, sizeof line, "batch: %zu/%zu documents, %.1f MB/s, ETA %.0f s\n", done, total_, rate, eta);
      std::cerr << line << std::flush;
    }
  }

 private:
  std::mutex mutex_;
  std::size_t total_;
  bool quiet_, tty_;
  Clock::time_point start_ = Clock::now(), shown_ = Clock::time_point{};
};

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

int fail(const std::string& message) {
  std::cerr << "finfacts batch: " << message << "\n";
  return 2;
}

}  // namespace

std::string input_hash(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

namespace {

// What a run did, for its summary.
struct Tally {
  std::size_t inputs = 0, written = 0, failed = 0, kept = 0, bytes = 0;
  std::map<std::string, std::size_t> counts;  // mentions per type
  double seconds = 0;
  std::optional<Error> write_error;
};

// Extracts `inputs` on the workers, skipping those `done` holds with the same input hash, and
// hands each finished document to `write` on this thread; `sync` runs about every second and
// once at the end. Stops writing at the first write error (the workers finish their files).
Tally extract_all(const Extractor& extractor, const BatchOptions& options, const std::vector<std::string>& inputs,
                  const std::unordered_map<std::string, std::string>& done, bool keep_json,
                  const std::function<std::optional<Error>(Finished&)>& write,
                  const std::function<std::optional<Error>()>& sync) {
  Tally tally;
  tally.inputs = inputs.size();
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, inputs.size())));
  std::atomic<std::size_t> next{0}, kept{0};
  Progress progress(inputs.size(), options.quiet);
  Handoff handoff;
  handoff.set_workers(jobs);
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < jobs; ++w) {
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < inputs.size(); i = next++) {
        const std::string& path = inputs[i];
        auto bytes = read_input(path, extractor.max_bytes());
        Finished f;
        Json doc;
        if (bytes.ok()) {
          const std::string hash = input_hash(bytes.value());
          const auto it = done.find(id_token(path));
          if (it != done.end() && it->second == hash) {
            ++kept;
            continue;
          }
          f.bytes = bytes.value().size();
          doc = extractor.extract(path, bytes.value(), options.ref_date, options.encoding);
          doc["input_hash"] = hash;
        } else {
          doc = error_document(path, options.ref_date, bytes.error());
        }
        f.failed = doc.contains("error");
        if (f.failed) progress.note(path + ": " + doc["error"].value("message", "error"));
        for (const Json& m : doc.value("mentions", Json::array())) ++f.counts[m["type"].get<std::string>()];
        if (keep_json) {
          f.doc = std::move(doc);
        } else {
          f.line = serialize(doc, false) + "\n";
        }
        handoff.push(std::move(f));
      }
      handoff.worker_done();
    });
  }

  auto synced = Clock::now();
  std::deque<Finished> batch;
  const auto started = Clock::now();
  while (handoff.pop(batch, std::chrono::milliseconds(200))) {
    for (Finished& f : batch) {
      if (!tally.write_error) tally.write_error = write(f);
      ++tally.written;
      tally.failed += f.failed;
      tally.bytes += f.bytes;
      for (const auto& [type, n] : f.counts) tally.counts[type] += n;
    }
    batch.clear();
    if (Clock::now() - synced > std::chrono::seconds(1)) {
      if (!tally.write_error) tally.write_error = sync();
      synced = Clock::now();
    }
    progress.update(tally.written + kept, tally.bytes);
  }
  for (std::thread& t : workers) t.join();
  if (!tally.write_error) tally.write_error = sync();
  tally.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  tally.kept = kept;
  progress.update(tally.written + kept, tally.bytes, true);
  return tally;
}

int report(const Tally& t, const std::string& output, std::size_t stored) {
  std::string per_type;
  for (const auto& [type, n] : t.counts) per_type += (per_type.empty() ? "" : ", ") + type + " " + std::to_string(n);
  char summary[256];
  std::snprintf(summary, sizeof summary,
                "%zu documents: %zu ok, %zu failed, %zu kept from an earlier run; %.2f MB in %.2f s (%.1f MB/s, %.0f documents/s)",
                t.inputs, t.written - t.failed, t.failed, t.kept, static_cast<double>(t.bytes) / 1e6, t.seconds,
                t.seconds > 0 ? static_cast<double>(t.bytes) / 1e6 / t.seconds : 0.0,
                t.seconds > 0 ? static_cast<double>(t.written) / t.seconds : 0.0);
  std::cerr << "finfacts batch: " << summary << "\n  mentions: " << (per_type.empty() ? "none" : per_type)
            << "\n  output: " << output << " (" << stored << " documents)\n";
  return t.failed > 0 ? 1 : 0;
}

int run_batch_into_sqlite(const Extractor& extractor, const BatchOptions& options,
                          const std::vector<std::string>& inputs) {
  auto opened = SqliteStore::open(options.sqlite);
  if (!opened.ok()) return fail(opened.error().message);
  SqliteStore& store = *opened.value();
  std::unordered_map<std::string, std::string> done;  // by id token, as the workers look it up
  if (options.resume) {
    for (auto& [id, hash] : store.finished()) done.emplace(id_token(id), std::move(hash));
  }
  const Tally tally = extract_all(
      extractor, options, inputs, done, true, [&](Finished& f) { return store.add(f.doc); },
      [&] { return store.commit(); });
  if (tally.write_error) return fail(tally.write_error->message);
  return report(tally, options.sqlite, store.size());
}

}  // namespace

int run_batch(const Extractor& extractor, const BatchOptions& options) {
  const std::vector<std::string> inputs = list_inputs(options);
  if (!options.sqlite.empty()) return run_batch_into_sqlite(extractor, options, inputs);
  const std::string journal = options.out + ".partial";

  // What earlier runs finished: id -> input hash, from OUT and the journal.
  std::unordered_map<std::string, std::string> done;
  std::size_t journal_good = 0;
  if (options.resume) {
    const auto remember = [&](const std::string& line, std::string_view id) {
      const std::string_view hash = token_of(line, "input_hash");
      // A document that failed is tried again ("error" as a key: quotes inside strings are escaped).
      if (hash.size() == 18 && line.find("\"error\":{") == std::string::npos) {
        done[std::string(id)] = std::string(hash.substr(1, 16));
      }
    };
    each_document(options.out, remember);
    journal_good = each_document(journal, remember);
  }
  const int journal_fd = ::open(journal.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (journal_fd < 0) return fail("cannot write " + journal + ": " + std::strerror(errno));
  // Without --resume the journal starts empty; with it, a torn last line is cut off.
  if (::ftruncate(journal_fd, static_cast<off_t>(journal_good)) != 0) {
    ::close(journal_fd);
    return fail("cannot truncate " + journal + ": " + std::strerror(errno));
  }
  const auto journal_error = [&] {
    return std::optional<Error>(Error{"unwritable", "cannot write " + journal + ": " + std::strerror(errno), std::nullopt});
  };
  const Tally tally = extract_all(
      extractor, options, inputs, done, false,
      [&](Finished& f) { return write_all(journal_fd, f.line) ? std::nullopt : journal_error(); },
      [&] { return ::fdatasync(journal_fd) == 0 ? std::nullopt : journal_error(); });
  ::close(journal_fd);
  if (tally.write_error) return fail(tally.write_error->message);

  // Without --resume the journal holds this run's documents, each input once: it becomes OUT.
  if (!options.resume) {
    if (std::rename(journal.c_str(), options.out.c_str()) != 0) {
      return fail("cannot rename " + journal + " to " + options.out + ": " + std::strerror(errno));
    }
    return report(tally, options.out, tally.written);
  }
  // With it, OUT = the earlier OUT and the journal, the last line of each id only, written to a
  // temporary file that is renamed into place.
  std::unordered_map<std::string, std::pair<int, std::size_t>> last;  // id -> (source, line number)
  const std::vector<std::string> sources = {options.out, journal};
  for (int s = 0; s < static_cast<int>(sources.size()); ++s) {
    std::size_t number = 0;
    each_document(sources[static_cast<std::size_t>(s)],
                  [&](const std::string&, std::string_view id) { last[std::string(id)] = {s, number++}; });
  }
  const std::string temporary = options.out + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    for (int s = 0; s < static_cast<int>(sources.size()); ++s) {
      std::size_t number = 0;
      each_document(sources[static_cast<std::size_t>(s)], [&](const std::string& line, std::string_view id) {
        const auto& [source, index] = last[std::string(id)];
        if (source == s && index == number) out << line << '\n';
        ++number;
      });
    }
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      return fail("cannot write " + temporary);
    }
  }
  const int fd = ::open(temporary.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  if (std::rename(temporary.c_str(), options.out.c_str()) != 0) {
    std::remove(temporary.c_str());
    return fail("cannot rename " + temporary + " to " + options.out + ": " + std::strerror(errno));
  }
  std::remove(journal.c_str());
  return report(tally, options.out, last.size());
}

}  // namespace finfacts
