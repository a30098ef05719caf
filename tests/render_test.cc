// render: the HTML page of a document. What people rely on: every mention is there as a marked
// element with its type and value, differences from golden are marked, and article text can
// never become markup. (scripts/browser-test checks the same seed page in a real browser.)
#include <gtest/gtest.h>

#include "pipeline/render.h"
#include "tests/test_support.h"

namespace finfacts {
namespace {

using testing::extractor;

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST(Render, ArticleTextIsEscapedNeverMarkup) {
  const std::string text = "<script>alert(x)</script></textarea><b>營收增長10%</b> & \"x\" '收入'";
  const Json doc = extractor().extract("evil.txt", text, std::nullopt);
  const std::string page = render_html(doc, text, nullptr, "<script>title</script>");
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.find("</textarea>"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_EQ(page.find("<script>title"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(x)&lt;/script&gt;&lt;/textarea&gt;&lt;b&gt;"), std::string::npos);
  EXPECT_NE(page.find("&amp; &quot;x&quot; &#39;"), std::string::npos);
  EXPECT_EQ(count(page, "<script>"), 1u);  // the page's own, and only it
  EXPECT_EQ(page.find("http"), std::string::npos) << "the page loads nothing";
}

TEST(Render, EveryMentionIsAMarkWithItsTypeAndValue) {
  const std::string path = testing::source_path("corpus/articles/deepseek-compute-stocks.txt");
  const std::string text = testing::read_file(path);
  const Json doc = extractor().extract(path, text, parse_date("2025-02-14"));
  const std::string page = render_html(doc, text, nullptr, "seed");
  const Json& mentions = doc["mentions"];
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const std::string type = mentions[i]["type"];
    const std::string open = "<mark id=\"m" + std::to_string(i) + "\" class=\"m t-" + type + "\" tabindex=\"0\" data-type=\"" +
                             type + "\" data-value=\"" + html_escape(mentions[i]["value"].dump()) + "\"";
    const std::size_t at = page.find(open);
    ASSERT_NE(at, std::string::npos) << mentions[i].dump();
    const std::size_t text_at = page.find('>', at) + 1;
    EXPECT_EQ(page.substr(text_at, page.find("</mark>", text_at) - text_at), html_escape(mentions[i]["text"].get<std::string>()));
  }
  EXPECT_EQ(count(page, "<tr tabindex=\"0\" data-mentions="), doc["facts"].size());
  EXPECT_NE(page.find("data-type=\"company\">50</span>"), std::string::npos);  // the legend's count
}

TEST(Render, DifferencesFromGoldenAreMarkedInPlace) {
  const std::string text = "營收增長10%，淨利潤下滑5%，成本20%";
  const Json doc = extractor().extract("a.txt", text, std::nullopt);
  Json golden = doc;
  Json& m = golden["mentions"];
  // The output's 10% is golden's too, with another value; golden lacks 5%; golden has a
  // mention over 潤下滑5 that the output has not (overlapping the output's 5%: a marker).
  ASSERT_GE(m.size(), 3u);
  m[0]["value"] = Json{{"value", 11}};
  const Json five = m[1];
  m.erase(1);
  m.push_back(Json{{"type", "number"}, {"text", "潤下滑5"}, {"start", five["start"].get<int>() - 3},
                   {"end", five["start"].get<int>() + 1}, {"sentence", 0}, {"value", {{"value", 5}}}});
  const std::string page = render_html(doc, text, &golden, "a");
  EXPECT_NE(page.find("class=\"m t-percent d-changed\""), std::string::npos);
  EXPECT_NE(page.find("data-golden=\"{&quot;value&quot;:11}\""), std::string::npos);
  EXPECT_NE(page.find("(golden: {&quot;value&quot;:11})"), std::string::npos);
  EXPECT_NE(page.find("class=\"m t-percent d-extra\""), std::string::npos);
  EXPECT_NE(page.find("class=\"m t-number d-missing marker\""), std::string::npos);
  EXPECT_NE(page.find("data-text=\"潤下滑5\""), std::string::npos);
  EXPECT_NE(page.find("1 missing, 1 extra, 1 changed"), std::string::npos);
  EXPECT_NE(page.find("id=\"summary\" class=\"differs\""), std::string::npos);
  // The article's text is all there once, in order, whatever was marked.
  std::string visible;
  bool in_tag = false;
  const std::string article = page.substr(page.find("<div id=\"article\">") + 18);
  for (char c : article.substr(0, article.find("</div>"))) {
    if (c == '<') in_tag = true;
    if (!in_tag) visible += c;
    if (c == '>') in_tag = false;
  }
  EXPECT_EQ(visible, text);
}

TEST(Render, AGoldenMentionTheOutputMissesOnPlainTextIsMarkedOverItsText) {
  const std::string text = "他们说了那些事";
  const Json doc = extractor().extract("a.txt", text, std::nullopt);
  Json golden = doc;
  ASSERT_TRUE(doc["mentions"].empty());
  golden["mentions"] = Json::array({Json{{"type", "number"}, {"text", "那些"}, {"start", 4}, {"end", 6},
                                          {"sentence", 0}, {"value", {{"value", 3}}}}});
  const std::string page = render_html(doc, text, &golden, "a");
  EXPECT_NE(page.find("class=\"m t-number d-missing\"") , std::string::npos);
  EXPECT_NE(page.find("data-status=\"missing\""), std::string::npos);
  EXPECT_NE(page.find(">那些</mark>"), std::string::npos);
}

}  // namespace
}  // namespace finfacts
