// render: a document as one self-contained HTML page, for people checking extraction by eye.
//
//   std::string page = render_html(doc, original, &golden, "deepseek-compute-stocks");
//
// The article as written, each mention a <mark> in the colour of its type (class "m t-TYPE",
// id "mN" for mentions[N]) with its value on hover and on keyboard focus (tabindex 0, title and
// data-value), a legend with the count of each type, and the facts as a table whose rows light
// up their mentions. With a golden document, each difference is marked in place: "d-missing"
// (golden has it, the output does not), "d-extra", "d-changed" (both values shown), with a
// summary at the top. The page loads nothing: its style and its one small script are inline.
// All article text is escaped: <script> in an article is text on the page.
#ifndef FINFACTS_PIPELINE_RENDER_H_
#define FINFACTS_PIPELINE_RENDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.h"

namespace finfacts {

// `doc` is a document as extract gives it for `original` (the decoded text); `golden`, when not
// null, its golden file. `title` names the page.
std::string render_html(const Json& doc, std::string_view original, const Json* golden, const std::string& title);

// The index of a corpus's pages: one row per article with its status and a link to NAME.html.
struct RenderedArticle {
  std::string name;
  std::size_t mentions = 0, facts = 0, differences = 0;
  std::string error;  // empty when the article was extracted
};
std::string render_index_html(const std::vector<RenderedArticle>& articles);

// Text made safe for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace finfacts

#endif  // FINFACTS_PIPELINE_RENDER_H_
