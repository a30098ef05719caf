#include "pipeline/render.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "pipeline/check.h"
#include "pipeline/utf8.h"

namespace finfacts {
namespace {

constexpr const char* kTypes[] = {"percent", "number", "money", "date", "duration", "company", "index"};

constexpr const char* kStyle = R"(
body { font: 16px/1.9 "Noto Sans CJK SC", "Noto Sans CJK TC", "WenQuanYi Micro Hei", sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.4em; } .meta { color: #666; font-size: .9em; }
#article { white-space: pre-wrap; border: 1px solid #ddd; padding: 1em; }
mark.m { position: relative; border-radius: 3px; padding: 0 1px; color: inherit; cursor: help; }
mark.m:focus { outline: 2px solid #333; }
mark.m:hover::after, mark.m:focus::after { content: attr(data-tip); position: absolute; left: 0; top: 1.8em; z-index: 2;
  white-space: pre; background: #333; color: #fff; font-size: .8em; line-height: 1.4; padding: .3em .5em; border-radius: 3px; }
.t-percent { background: #ffd6a5; } .t-number { background: #caffbf; } .t-money { background: #fdffb6; }
.t-date { background: #9bf6ff; } .t-duration { background: #a0c4ff; } .t-company { background: #d7ccff; }
.t-index { background: #ffc6ff; }
#legend mark.m { background: #eee; }
mark.d-missing { background: none; outline: 2px dashed #c00; }
mark.d-missing.marker::before { content: "⟨missing: " attr(data-text) "⟩"; color: #c00; font-size: .85em; }
mark.d-extra { text-decoration: underline wavy #e67e00; }
mark.d-changed { box-shadow: inset 0 -3px 0 #7b2cbf; }
mark.lit { outline: 3px solid #e00; }
#legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .8em; }
#legend mark { cursor: default; }
#summary { background: #f6f6f6; padding: .5em 1em; }
#summary.agrees { background: #e6f7e6; } #summary.differs { background: #fdeaea; }
table { border-collapse: collapse; width: 100%; font-size: .9em; } td, th { border: 1px solid #ddd; padding: .2em .5em; text-align: left; }
tr[data-mentions]:hover, tr[data-mentions]:focus { background: #fff3c4; outline: none; }
)";

// Lights up a fact's mentions while its row is under the mouse or has the keyboard's focus.
constexpr const char* kScript = R"(
for (const row of document.querySelectorAll('tr[data-mentions]')) {
  const marks = row.dataset.mentions.split(' ').map(id => document.getElementById(id)).filter(Boolean);
  const light = on => () => marks.forEach(m => m.classList.toggle('lit', on));
  row.addEventListener('mouseenter', light(true)); row.addEventListener('mouseleave', light(false));
  row.addEventListener('focus', light(true)); row.addEventListener('blur', light(false));
}
)";

std::string compact(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }
std::string scalar_or_empty(const Json& value) { return value.is_string() ? value.get<std::string>() : ""; }

// One thing drawn in the article: a mention over its text, or a marker (a missing mention that
// overlaps one the output has) drawn before the text at its start.
struct Piece {
  std::size_t start, end;  // code points
  bool marker;
  std::string html_open;   // the <mark ...> tag; a marker is complete in it
};

// The <mark> of a mention: `status` is "", "missing", "extra" or "changed" (then `golden_value`
// is golden's); a marker draws a missing mention as a badge rather than over its text.
std::string mark_tag(const std::string& id, const Json& m, const std::string& status, const std::string& tip,
                     const Json& value, bool marker, const Json& golden_value = Json()) {
  const std::string type = m.value("type", "");
  std::string tag = "<mark";
  if (!id.empty()) tag += " id=\"" + id + "\"";
  tag += " class=\"m t-" + html_escape(type) + (status.empty() ? "" : " d-" + status) + (marker ? " marker" : "") + "\"";
  tag += " tabindex=\"0\" data-type=\"" + html_escape(type) + "\" data-value=\"" + html_escape(compact(value)) + "\"";
  if (!status.empty()) tag += " data-status=\"" + status + "\"";
  if (status == "changed") tag += " data-golden=\"" + html_escape(compact(golden_value)) + "\"";
  if (marker) tag += " data-text=\"" + html_escape(m.value("text", "")) + "\"";
  tag += " title=\"" + html_escape(tip) + "\" data-tip=\"" + html_escape(tip) + "\">";
  return tag;
}

std::string mention_name(const Json& mentions, const Json& index) {
  if (!index.is_number_unsigned() || index.get<std::size_t>() >= mentions.size()) return "";
  const Json& m = mentions[index.get<std::size_t>()];
  const Json& v = m["value"];
  if (v.is_object() && v.contains("name") && v["name"].is_string()) {
    std::string name = v["name"].get<std::string>();
    const Json code = v.contains("ticker") ? v["ticker"] : v.value("code", Json());
    if (code.is_string()) name += " " + code.get<std::string>();
    return name;
  }
  if (v.is_object() && v.contains("value") && v["value"].is_string()) return m.value("text", "") + " (" + v["value"].get<std::string>() + ")";
  return m.value("text", "");
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_html(const Json& doc, std::string_view original, const Json* golden, const std::string& title) {
  const Json mentions = doc.value("mentions", Json::array());
  const Json facts = doc.value("facts", Json::array());
  const std::vector<std::size_t> bytes = utf8::code_point_offsets(original);
  const auto in_text = [&](const Json& m) {
    const auto start = m.value("start", std::int64_t{-1}), end = m.value("end", std::int64_t{-1});
    return start >= 0 && start < end && static_cast<std::size_t>(end) < bytes.size();
  };

  // What golden says of each mention.
  const Json golden_mentions = golden != nullptr ? golden->value("mentions", Json::array()) : Json::array();
  std::map<MentionKey, const Json*> expected;  // points into golden_mentions, which outlives it
  for (const Json& m : golden_mentions) expected[mention_key(m)] = &m;
  std::vector<Piece> pieces;
  std::map<std::string, std::size_t> counts;
  std::size_t missing = 0, extra = 0, changed = 0;
  std::set<MentionKey> found;  // the golden mentions the output has
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const Json& m = mentions[i];
    if (!in_text(m)) continue;
    ++counts[m.value("type", "")];
    const Json value = m.value("value", Json());
    std::string status, tip = m.value("type", "") + ": " + compact(value);
    Json golden_value;
    if (golden != nullptr) {
      const auto it = expected.find(mention_key(m));
      found.insert(mention_key(m));
      if (it == expected.end()) {
        status = "extra";
        ++extra;
        tip += "\n(extra: the golden file does not have it)";
      } else if (!same_json(it->second->value("value", Json()), value)) {
        status = "changed";
        ++changed;
        golden_value = it->second->value("value", Json());
        tip += "\n(golden: " + compact(golden_value) + ")";
      }
    }
    pieces.push_back(Piece{m["start"], m["end"], false,
                           mark_tag("m" + std::to_string(i), m, status, tip, value, false, golden_value)});
  }
  if (golden != nullptr) {
    const std::vector<Piece> drawn = pieces;
    const auto overlaps_drawn = [&](std::size_t start, std::size_t end) {
      return std::any_of(drawn.begin(), drawn.end(), [&](const Piece& p) { return p.start < end && start < p.end; }) ||
             std::any_of(pieces.begin() + static_cast<std::ptrdiff_t>(drawn.size()), pieces.end(),
                         [&](const Piece& p) { return !p.marker && p.start < end && start < p.end; });
    };
    for (const auto& [key, m] : expected) {
      if (found.count(key) || !in_text(*m)) continue;
      ++missing;
      const std::size_t start = (*m)["start"], end = (*m)["end"];
      const Json value = m->value("value", Json());
      const std::string tip = m->value("type", "") + ": " + compact(value) + "\n(missing: the golden file has it, the output does not)";
      const bool marker = overlaps_drawn(start, end);
      Piece piece{start, marker ? start : end, marker, mark_tag("", *m, "missing", tip, value, marker)};
      if (marker) piece.html_open += "</mark>";
      pieces.push_back(std::move(piece));
    }
  }
  std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    return a.start != b.start ? a.start < b.start : a.marker > b.marker;
  });

  std::string html = "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<title>finfacts: " +
                     html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  const Json ref_date = doc.value("ref_date", Json());
  html += "<header>\n<h1>" + html_escape(title) + "</h1>\n<p class=\"meta\">ref_date " +
          html_escape(ref_date.is_string() ? ref_date.get<std::string>() : "none") + " · script " + html_escape(doc.value("script", "?")) +
          " · encoding " + html_escape(doc.value("encoding", "?")) + " · " +
          std::to_string(doc.value("length", 0)) + " characters · " + std::to_string(mentions.size()) +
          " mentions · " + std::to_string(facts.size()) + " facts</p>\n";
  if (doc.contains("error")) {
    html += "<p id=\"summary\" class=\"differs\">error: " + html_escape(compact(doc["error"])) + "</p>\n";
  } else if (golden != nullptr) {
    const Comparison comparison = compare_with_golden(doc, *golden);
    html += std::string("<section id=\"summary\" class=\"") + (comparison.agrees() ? "agrees" : "differs") + "\">\n";
    html += "<p>Against the golden file: " + std::to_string(missing) + " missing, " + std::to_string(extra) +
            " extra, " + std::to_string(changed) + " changed mentions; " +
            (comparison.agrees() ? "everything agrees." : std::to_string(comparison.differences.size()) + " differences in all:") +
            "</p>\n";
    if (!comparison.agrees()) {
      html += "<ul>\n";
      for (const std::string& d : comparison.differences) html += "<li>" + html_escape(d) + "</li>\n";
      html += "</ul>\n";
    }
    html += "</section>\n";
  }
  html += "<ul id=\"legend\">\n";
  for (const char* type : kTypes) {
    html += std::string("<li><mark class=\"t-") + type + "\">" + type + "</mark> <span class=\"count\" data-type=\"" +
            type + "\">" + std::to_string(counts[type]) + "</span></li>\n";
  }
  if (golden != nullptr) {
    html += "<li><mark class=\"m d-missing\">missing</mark></li><li><mark class=\"m d-extra\">extra</mark></li>"
            "<li><mark class=\"m d-changed\">changed</mark></li>\n";
  }
  html += "</ul>\n</header>\n<main>\n<div id=\"article\">";

  std::size_t at = 0;  // code points written so far
  for (const Piece& p : pieces) {
    if (p.start < at) continue;  // cannot happen for disjoint mentions; never write text twice
    html += html_escape(original.substr(bytes[at], bytes[p.start] - bytes[at]));
    html += p.html_open;
    if (!p.marker) {
      html += html_escape(original.substr(bytes[p.start], bytes[p.end] - bytes[p.start])) + "</mark>";
      at = p.end;
    } else {
      at = p.start;
    }
  }
  html += html_escape(original.substr(bytes[at])) + "</div>\n</main>\n";

  html += "<section id=\"facts\">\n<h2>Facts</h2>\n<table>\n<thead><tr><th>#</th><th>subject</th><th>measure</th>"
          "<th>value</th><th>period</th><th>direction</th><th>sentence</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const Json& f = facts[i];
    std::string ids, subject;
    for (const Json& s : f.value("subjects", Json::array())) {
      if (s.is_number_unsigned()) ids += "m" + std::to_string(s.get<std::size_t>()) + " ";
      subject += (subject.empty() ? "" : "、") + mention_name(mentions, s);
    }
    if (const Json phrase = f.value("subject_phrase", Json()); phrase.is_object()) subject = phrase.value("text", "");
    for (const char* part : {"value", "period"}) {
      const Json index = f.value(part, Json());
      if (index.is_number_unsigned()) ids += "m" + std::to_string(index.get<std::size_t>()) + " ";
    }
    if (!ids.empty()) ids.pop_back();
    std::string measure = f.value("measure", "");
    if (const Json text = f.value("measure_text", Json()); text.is_string() && text.get<std::string>() != measure) {
      measure += " (" + text.get<std::string>() + ")";
    }
    html += "<tr tabindex=\"0\" data-mentions=\"" + html_escape(ids) + "\"><td>" + std::to_string(i) + "</td><td>" +
            html_escape(subject) + "</td><td>" + html_escape(measure) + "</td><td>" +
            html_escape(mention_name(mentions, f.value("value", Json()))) + "</td><td>" +
            html_escape(mention_name(mentions, f.value("period", Json()))) + "</td><td>" +
            html_escape(scalar_or_empty(f.value("direction", Json()))) + "</td><td>" +
            html_escape(compact(f.value("sentence", Json()))) + "</td></tr>\n";
  }
  html += "</tbody>\n</table>\n</section>\n<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return html;
}

std::string render_index_html(const std::vector<RenderedArticle>& articles) {
  std::string html = std::string("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
                                 "<title>finfacts: corpus</title>\n<style>") + kStyle + "</style>\n</head>\n<body>\n"
                     "<h1>Corpus against its golden files</h1>\n<table>\n<thead><tr><th>article</th><th>mentions</th>"
                     "<th>facts</th><th>differences</th></tr></thead>\n<tbody>\n";
  for (const RenderedArticle& a : articles) {
    html += "<tr><td><a href=\"" + html_escape(a.name) + ".html\">" + html_escape(a.name) + "</a></td><td>" +
            std::to_string(a.mentions) + "</td><td>" + std::to_string(a.facts) + "</td><td>" +
            (a.error.empty() ? (a.differences == 0 ? std::string("agrees") : std::to_string(a.differences))
                             : "error: " + html_escape(a.error)) +
            "</td></tr>\n";
  }
  html += "</tbody>\n</table>\n</body>\n</html>\n";
  return html;
}

}  // namespace finfacts
