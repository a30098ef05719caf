#include "pipeline/check.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <tuple>

#include "pipeline/decode.h"
#include "pipeline/input.h"
namespace finfacts {
namespace {

std::string describe(const Json& m) {
  std::ostringstream s;
  s << m.value("type", "?") << " [" << m.value("start", -1) << "," << m.value("end", -1) << ") "
    << Json(m.value("text", "")).dump() << " " << m.value("value", Json()).dump();
  return s.str();
}

// A fact by what its parts say rather than by index, so that a mention missing from one document
// does not make every later fact differ: 鸿博股份 · 归母净利润 · 2亿-2.9亿元 · 去年 · down.
Json fact_by_text(const Json& fact, const Json& mentions) {
  const auto text_of = [&](const Json& index) -> Json {
    if (!index.is_number_unsigned() || index.get<std::size_t>() >= mentions.size()) return index;
    const Json& m = mentions[index.get<std::size_t>()];
    return Json::array({m.value("text", ""), m.value("start", -1)});
  };
  Json subjects = Json::array();
  for (const Json& s : fact.value("subjects", Json::array())) subjects.push_back(text_of(s));
  const Json phrase = fact.value("subject_phrase", Json());
  return Json{{"subject", text_of(fact.value("subject", Json()))},
              {"subjects", subjects},
              {"subject_phrase", phrase.is_object() ? Json::array({phrase.value("text", ""), phrase.value("start", -1)})
                                                    : Json()},
              {"measure", fact.value("measure", Json())},
              {"measure_text", fact.value("measure_text", Json())},
              {"period", text_of(fact.value("period", Json()))},
              {"direction", fact.value("direction", Json())},
              {"sentence", fact.value("sentence", Json())}};
}

std::string describe_fact(const Json& by_text, const Json& value) {
  std::ostringstream s;
  s << "fact [" << value.value("start", -1) << "," << value.value("end", -1) << ") "
    << Json(value.value("text", "")).dump() << " " << by_text.dump();
  return s.str();
}

void compare_facts(const Json& actual, const Json& golden, Comparison& c) {
  const Json golden_mentions = golden.value("mentions", Json::array());
  const Json actual_mentions = actual.value("mentions", Json::array());
  std::map<MentionKey, std::pair<Json, Json>> expected, found;  // the value's key -> (fact by text, value mention)
  const auto collect = [](const Json& doc, const Json& mentions, std::map<MentionKey, std::pair<Json, Json>>& into) {
    for (const Json& f : doc.value("facts", Json::array())) {
      const Json index = f.value("value", Json());
      const Json value = index.is_number_unsigned() && index.get<std::size_t>() < mentions.size()
                             ? mentions[index.get<std::size_t>()]
                             : Json::object();
      into[mention_key(value)] = {fact_by_text(f, mentions), value};
    }
  };
  collect(golden, golden_mentions, expected);
  collect(actual, actual_mentions, found);
  for (const auto& [key, fact] : expected) {
    auto it = found.find(key);
    if (it == found.end()) {
      c.differences.push_back("missing  " + describe_fact(fact.first, fact.second));
      continue;
    }
    for (const auto& [field, want] : fact.first.items()) {
      const Json& got = it->second.first[field];
      if (!same_json(got, want)) {
        c.differences.push_back("changed  " + describe_fact(it->second.first, fact.second) + " " + field + " " +
                                got.dump() + " expected " + want.dump());
      }
    }
  }
  for (const auto& [key, fact] : found) {
    if (!expected.count(key)) c.differences.push_back("extra    " + describe_fact(fact.first, fact.second));
  }
}

}  // namespace

MentionKey mention_key(const Json& m) {
  return {m.value("type", ""), m.value("start", std::int64_t{-1}), m.value("end", std::int64_t{-1})};
}

Comparison compare_with_golden(const Json& actual, const Json& golden) {
  Comparison c;
  if (actual.contains("error")) {
    c.differences.push_back("error  " + actual["error"].dump());
    return c;
  }
  for (const char* field : {"length", "script"}) {
    if (golden.contains(field) && !same_json(golden[field], actual.value(field, Json()))) {
      c.differences.push_back(std::string("changed  ") + field + " " + actual.value(field, Json()).dump() +
                              " expected " + golden[field].dump());
    }
  }
  const Json golden_mentions = golden.value("mentions", Json::array());
  const Json actual_mentions = actual.value("mentions", Json::array());
  std::map<MentionKey, const Json*> expected, found;
  for (const Json& m : golden_mentions) expected[mention_key(m)] = &m;
  for (const Json& m : actual_mentions) found[mention_key(m)] = &m;
  for (const auto& [key, m] : expected) {
    auto it = found.find(key);
    if (it == found.end()) {
      c.differences.push_back("missing  " + describe(*m));
      continue;
    }
    const Json& a = *it->second;
    for (const char* field : {"text", "value", "sentence"}) {
      if (!same_json(a.value(field, Json()), m->value(field, Json()))) {
        c.differences.push_back("changed  " + describe(a) + " " + field + " " + a.value(field, Json()).dump() +
                                " expected " + m->value(field, Json()).dump());
      }
    }
  }
  for (const auto& [key, m] : found) {
    if (!expected.count(key)) c.differences.push_back("extra    " + describe(*m));
  }
  compare_facts(actual, golden, c);
  return c;
}

Result<std::vector<ArticleCheck>> check_corpus(const Extractor& extractor, const std::string& corpus_dir) {
  namespace fs = std::filesystem;
  const fs::path articles = fs::path(corpus_dir) / "articles";
  std::error_code ec;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(articles, ec)) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  if (ec) return Error{"unreadable", "cannot list " + articles.string() + ": " + ec.message(), std::nullopt};
  if (paths.empty()) return Error{"unreadable", "no articles (*.txt) in " + articles.string(), std::nullopt};
  std::sort(paths.begin(), paths.end());

  std::vector<ArticleCheck> checks;
  for (const fs::path& path : paths) {
    ArticleCheck check;
    check.name = path.stem().string();
    const fs::path golden_path = fs::path(corpus_dir) / "golden" / (check.name + ".json");
    auto article = read_input(path.string(), extractor.max_bytes());
    auto golden_text = read_input(golden_path.string(), extractor.max_bytes());
    if (!article.ok() || !golden_text.ok()) {
      check.error = !article.ok() ? article.error() : golden_text.error();
      check.error->message = (!article.ok() ? path : golden_path).string() + ": " + check.error->message;
      checks.push_back(std::move(check));
      continue;
    }
    Json golden;
    try {
      golden = Json::parse(golden_text.value());
    } catch (const Json::parse_error& e) {
      check.error = Error{"bad_golden", golden_path.string() + ": " + e.what(), e.byte};
      checks.push_back(std::move(check));
      continue;
    } catch (const Json::exception& e) {  // 1e999 and the like: not a parse error, still bad
      check.error = Error{"bad_golden", golden_path.string() + ": " + e.what(), std::nullopt};
      checks.push_back(std::move(check));
      continue;
    }
    std::optional<Date> ref_date;
    if (golden.contains("ref_date") && golden["ref_date"].is_string()) {
      ref_date = parse_date(golden["ref_date"].get<std::string>());
    }
    check.golden_mentions = golden.value("mentions", Json::array()).size();
    check.golden_facts = golden.value("facts", Json::array()).size();
    check.document = extractor.extract(path.string(), article.value(), ref_date);
    check.comparison = compare_with_golden(check.document, golden);
    if (auto decoded = decode_any(article.value()); decoded.ok()) check.original = std::string(decoded.value().utf8());
    check.golden = std::move(golden);
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace finfacts
