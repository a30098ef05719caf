#include "pipeline/resolvers.h"

#include "pipeline/numeral.h"

namespace finfacts {
namespace {

// A number from `text` times the rule's "scale" parameter (10 for 成).
std::optional<Decimal> scaled_number(const RuleMatch& m, std::string_view text) {
  auto number = parse_number(text);
  if (!number) return std::nullopt;
  const Json& params = m.rule().params;
  const auto scale = params.find("scale");
  if (scale == params.end()) return number;
  auto factor = parse_number(scale->dump());
  if (!factor) return std::nullopt;
  return number->times(*factor);
}

// The approximation a word stands for, from the file's "approx" table; "" when none.
std::optional<std::string> approximation(const RuleMatch& m) {
  std::string result;
  for (const char* group : {"approx_before", "approx_after"}) {
    const std::string_view word = m.group(group);
    if (word.empty()) continue;
    const Json& tables = *m.rule().tables;
    const auto table = tables.find("approx");
    if (table == tables.end()) return std::nullopt;
    const auto it = table->find(std::string(word));
    if (it == table->end()) return std::nullopt;  // a word the table forgot: the rule file is wrong
    result = it->get<std::string>();
  }
  return result;
}

std::optional<Json> resolve_percent(const RuleMatch& m) {
  Json value = Json::object();
  if (!m.group("value").empty()) {
    auto v = scaled_number(m, m.group("value"));
    if (!v) return std::nullopt;
    value["value"] = v->to_json();
  } else {
    auto min = scaled_number(m, m.group("min"));
    auto max = scaled_number(m, m.group("max"));
    if (!min || !max) return std::nullopt;
    // "2023-30%" is no range; let the single percentage win instead.
    if (!(min->to_json() < max->to_json())) return std::nullopt;
    value["min"] = min->to_json();
    value["max"] = max->to_json();
  }
  if (m.rule().params.value("points", false)) value["points"] = true;
  auto approx = approximation(m);
  if (!approx) return std::nullopt;
  if (!approx->empty()) value["approx"] = *approx;
  return value;
}

std::optional<Json> resolve_guard(const RuleMatch&) { return Json::object(); }

struct NamedResolver {
  const char* name;
  Resolver resolver;
};
constexpr NamedResolver kResolvers[] = {
    {"percent", resolve_percent},
    {"guard", resolve_guard},
};

}  // namespace

Resolver find_resolver(std::string_view name) {
  for (const auto& r : kResolvers) {
    if (name == r.name) return r.resolver;
  }
  return nullptr;
}

}  // namespace finfacts
