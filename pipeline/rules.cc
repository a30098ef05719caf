#include "pipeline/rules.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

#include "pipeline/resolvers.h"
#include "pipeline/utf8.h"

namespace finfacts {

std::string_view RuleMatch::group(std::string_view name) const {
  for (const auto& [group_name, index] : rule_.groups) {
    if (group_name == name) return groups_[static_cast<std::size_t>(index)];
  }
  return {};
}

std::string_view RuleMatch::before() const {
  if (groups_.empty() || groups_[0].data() == nullptr) return {};
  const std::size_t begin = static_cast<std::size_t>(groups_[0].data() - text_.data());
  // At most kBeforeBytes: a resolver that reads it for every match would otherwise make a long
  // paragraph (a file on one line) quadratic: 4 MB took 7.6 times as long as 1 MB.
  return utf8::window_before(text_, begin, kBeforeBytes, std::min(context_.paragraph_begin, begin));
}

const Json* RuleMatch::lookup(const char* table, std::string_view word) const {
  const auto t = rule_.tables->find(std::string_view(table));
  if (t == rule_.tables->end()) return nullptr;
  const auto it = t->second.find(word);
  return it == t->second.end() ? nullptr : &it->second;
}

namespace {

Error rule_error(const std::string& file, const std::string& rule, const std::string& message) {
  std::string where = file;
  if (!rule.empty()) where += ": rule '" + rule + "'";
  return Error{"rules", where + ": " + message, std::nullopt};
}

// The definitions and tables a file's patterns can use: its own and those of the common files.
struct Vocabulary {
  Json definitions = Json::object();
  Json tables = Json::object();
};

// {@table}: an alternation of the table's keys, longest first, each quoted.
Result<std::string> table_alternation(const std::string& name, const Json& tables, const std::string& file,
                                      const std::string& rule) {
  if (!tables.contains(name) || !tables[name].is_object() || tables[name].empty()) {
    return rule_error(file, rule, "unknown or empty table {@" + name + "}");
  }
  std::vector<std::string> keys;
  for (const auto& [key, unused] : tables[name].items()) keys.push_back(key);
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string out;
  for (const std::string& key : keys) out += (out.empty() ? "" : "|") + RE2::QuoteMeta(key);
  return out;
}

bool is_name(const std::string& s, const char* alphabet) {
  return !s.empty() && s.find_first_not_of(alphabet) == std::string::npos;
}

// Expands {NAME} references to definitions, themselves possibly using earlier ones, and {@table}
// references to the keys of a table.
Result<std::string> expand(const std::string& pattern, const Vocabulary& vocabulary, const std::string& file,
                           const std::string& rule, int depth = 0) {
  if (depth > 8) return rule_error(file, rule, "definitions nest too deep (a cycle?)");
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {  // keep escapes, \{ included
      out += pattern.substr(i, 2);
      ++i;
      continue;
    }
    const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close != std::string::npos) {
      const std::string name = pattern.substr(i + 1, close - i - 1);
      if (is_name(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") && name[0] >= 'A' && name[0] <= 'Z') {
        const Json& definitions = vocabulary.definitions;
        if (!definitions.contains(name) || !definitions[name].is_string()) {
          return rule_error(file, rule, "unknown definition {" + name + "}");
        }
        auto inner = expand(definitions[name].get<std::string>(), vocabulary, file, rule, depth + 1);
        if (!inner.ok()) return inner.error();
        out += "(?:" + inner.value() + ")";
        i = close;
        continue;
      }
      if (name.size() > 1 && name[0] == '@' && is_name(name.substr(1), "abcdefghijklmnopqrstuvwxyz0123456789_")) {
        auto words = table_alternation(name.substr(1), vocabulary.tables, file, rule);
        if (!words.ok()) return words.error();
        out += "(?:" + words.value() + ")";
        i = close;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

Result<std::unique_ptr<RE2>> compile(const std::string& pattern, const std::string& file, const std::string& rule,
                                     const char* field) {
  RE2::Options options(RE2::Quiet);
  options.set_longest_match(true);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) return rule_error(file, rule, std::string(field) + " does not compile: " + re->error());
  return re;
}

constexpr const char* kCommonType = "common";

const std::set<std::string> kFileKeys = {"type", "description", "definitions", "tables", "rules"};
const std::set<std::string> kRuleKeys = {"name",           "description",     "pattern",  "resolver",
                                         "params",         "priority",        "examples", "counterexamples",
                                         "not_preceded_by", "not_followed_by", "sentence_has",
                                         "prefilter"};

Result<Json> parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return rule_error(path, "", "cannot read");
  Json doc;
  try {
    doc = Json::parse(in);
  } catch (const Json::parse_error& e) {
    return Error{"rules", path + ": not valid JSON at byte " + std::to_string(e.byte) + ": " + e.what(), e.byte};
  } catch (const Json::exception& e) {  // a number too large for a double (1e999) is no parse error
    return Error{"rules", path + ": not valid JSON: " + e.what(), std::nullopt};
  }
  if (!doc.is_object() || !doc.contains("type") || !doc["type"].is_string()) {
    return rule_error(path, "", "expected an object with \"type\" (string)");
  }
  for (const auto& [key, unused] : doc.items()) {
    if (!kFileKeys.count(key)) return rule_error(path, "", "unknown key \"" + key + "\"");
  }
  for (const char* key : {"definitions", "tables"}) {
    if (doc.contains(key) && !doc[key].is_object()) return rule_error(path, "", std::string(key) + " must be an object");
  }
  const bool common = doc["type"] == kCommonType;
  if (common == doc.contains("rules") || (!common && !doc["rules"].is_array())) {
    return rule_error(path, "", common ? "a common file holds definitions and tables, no \"rules\""
                                       : "expected \"rules\" (array)");
  }
  return doc;
}

// Adds `doc`'s definitions and tables to `vocabulary`; a name may be given once only.
Result<bool> add_vocabulary(const Json& doc, const std::string& path, Vocabulary& vocabulary) {
  for (auto [key, target] : {std::pair{"definitions", &vocabulary.definitions}, std::pair{"tables", &vocabulary.tables}}) {
    const Json entries = doc.value(key, Json::object());
    for (const auto& [name, value] : entries.items()) {
      if (target->contains(name)) return rule_error(path, "", "\"" + name + "\" is defined twice (a common file has it)");
      (*target)[name] = value;
    }
  }
  return true;
}

Result<bool> load_file(const std::string& path, const Json& doc, Vocabulary vocabulary, std::vector<Rule>& rules,
                       std::set<std::string>& names) {
  auto added = add_vocabulary(doc, path, vocabulary);
  if (!added.ok()) return added.error();
  const std::string type = doc["type"];
  auto tables = std::make_shared<Tables>();
  for (const auto& [name, table] : vocabulary.tables.items()) {
    if (!table.is_object()) return rule_error(path, "", "table \"" + name + "\" must be an object");
    for (const auto& [word, meaning] : table.items()) (*tables)[name][word] = meaning;
  }

  for (const Json& spec : doc["rules"]) {
    if (!spec.is_object() || !spec.contains("name") || !spec["name"].is_string()) {
      return rule_error(path, "", "every rule needs a \"name\"");
    }
    Rule rule;
    rule.file = path;
    rule.type = type;
    rule.name = spec["name"];
    for (const auto& [key, unused] : spec.items()) {
      if (!kRuleKeys.count(key)) return rule_error(path, rule.name, "unknown key \"" + key + "\"");
    }
    if (!names.insert(rule.name).second) return rule_error(path, rule.name, "a rule of that name exists already");
    if (!spec.contains("pattern") || !spec["pattern"].is_string()) {
      return rule_error(path, rule.name, "needs a \"pattern\" (string)");
    }
    if (spec.contains("resolver") && !spec["resolver"].is_string()) {
      return rule_error(path, rule.name, "\"resolver\" must be a string");
    }
    const std::string resolver = spec.value("resolver", "");
    rule.resolver = find_resolver(resolver);
    if (rule.resolver == nullptr) return rule_error(path, rule.name, "unknown resolver \"" + resolver + "\"");
    try {
      rule.priority = spec.value("priority", 0);
      rule.params = spec.value("params", Json::object());
      for (const Json& e : spec.value("examples", Json::array())) {
        RuleExample example{e.at("text"), e.value("mention", e.at("text").get<std::string>()), e.value("value", Json()),
                            std::nullopt};
        if (e.contains("ref_date")) {
          example.ref_date = parse_date(e["ref_date"].get<std::string>());
          if (!example.ref_date) return rule_error(path, rule.name, "an example's ref_date is not YYYY-MM-DD");
        }
        rule.examples.push_back(std::move(example));
      }
      for (const Json& c : spec.value("counterexamples", Json::array())) rule.counterexamples.push_back(c);
    } catch (const Json::exception& e) {
      return rule_error(path, rule.name, std::string("malformed field: ") + e.what());
    }
    rule.tables = tables;

    auto pattern = expand(spec["pattern"], vocabulary, path, rule.name);
    if (!pattern.ok()) return pattern.error();
    auto compiled = compile(pattern.value(), path, rule.name, "pattern");
    if (!compiled.ok()) return compiled.error();
    rule.pattern = std::move(compiled.value());
    for (const auto& [name, index] : rule.pattern->NamedCapturingGroups()) {
      rule.groups.emplace_back(name, index);
      if (name == "mention") rule.mention_group = index;
    }
    // not_preceded_by is anchored at the end of the text before, not_followed_by at the start of the text after.
    for (auto [field, target, prefix, suffix] :
         {std::tuple{"not_preceded_by", &rule.not_preceded_by, "(?:", ")$"},
          std::tuple{"not_followed_by", &rule.not_followed_by, "^(?:", ")"},
          std::tuple{"sentence_has", &rule.sentence_has, "(?:", ")"},
          std::tuple{"prefilter", &rule.prefilter, "(?:", ")"}}) {
      if (!spec.contains(field)) continue;
      if (!spec[field].is_string()) return rule_error(path, rule.name, std::string(field) + " must be a string");
      auto context = expand(spec[field], vocabulary, path, rule.name);
      if (!context.ok()) return context.error();
      auto re = compile(prefix + context.value() + suffix, path, rule.name, field);
      if (!re.ok()) return re.error();
      *target = std::move(re.value());
    }
    rules.push_back(std::move(rule));
  }
  return true;
}

}  // namespace

Result<RuleSet> RuleSet::load_files(const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, Json>> files;
  Vocabulary common;
  for (const std::string& path : paths) {
    auto doc = parse_file(path);
    if (!doc.ok()) return doc.error();
    if (doc.value()["type"] != kCommonType) {
      files.emplace_back(path, std::move(doc.value()));
      continue;
    }
    try {
      auto added = add_vocabulary(doc.value(), path, common);
      if (!added.ok()) return added.error();
    } catch (const Json::exception& e) {
      return rule_error(path, "", std::string("malformed field: ") + e.what());
    }
  }
  RuleSet set;
  std::set<std::string> names;
  for (const auto& [path, doc] : files) {
    // A value of the wrong JSON type anywhere (a number where a word is due) is the file's error,
    // never an exception out of here: the rule-file fuzzer found "resolver": 15.
    try {
      auto loaded = load_file(path, doc, common, set.rules_, names);
      if (!loaded.ok()) return loaded.error();
    } catch (const Json::exception& e) {
      return rule_error(path, "", std::string("malformed field: ") + e.what());
    }
  }
  RE2::Options options(RE2::Quiet);
  options.set_max_mem(std::int64_t{64} << 20);  // the DFA of all rules together needs more than one rule's
  set.prefilter_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const Rule& rule : set.rules_) {
    std::string error;
    const RE2& prefilter = rule.prefilter ? *rule.prefilter : *rule.pattern;
    if (set.prefilter_->Add(prefilter.pattern(), &error) < 0) return rule_error(rule.file, rule.name, error);
  }
  if (!set.prefilter_->Compile()) return Error{"rules", "the rules together are too large to compile", std::nullopt};
  return set;
}

Result<RuleSet> RuleSet::load(const std::string& dir) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
  }
  if (ec) return Error{"rules", "cannot open rules directory " + dir + ": " + ec.message(), std::nullopt};
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) return Error{"rules", "no rule files (*.json) in " + dir, std::nullopt};
  return load_files(paths);
}

}  // namespace finfacts
