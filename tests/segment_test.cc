#include "pipeline/segment.h"

#include <gtest/gtest.h>

namespace finfacts {
namespace {

std::vector<std::string> sentences_of(const std::string& text, std::vector<std::size_t>* paragraphs = nullptr) {
  std::vector<std::string> out;
  for (const Sentence& s : segment(text)) {
    out.push_back(text.substr(s.span.begin, s.span.size()));
    if (paragraphs) paragraphs->push_back(s.paragraph);
  }
  return out;
}

TEST(Segment, EndsSentencesAtTerminalMarksAndLineBreaks) {
  EXPECT_EQ(sentences_of("营收增长。净利润下滑!真的吗?是的！好吗？"),
            (std::vector<std::string>{"营收增长。", "净利润下滑!", "真的吗?", "是的！", "好吗？"}));
  EXPECT_EQ(sentences_of("标题\n正文第一句。第二句"), (std::vector<std::string>{"标题", "正文第一句。", "第二句"}));
}

TEST(Segment, KeepsClosingQuotesAndRepeatedMarksWithTheSentence) {
  EXPECT_EQ(sentences_of("他说:“好。”然后走了。"), (std::vector<std::string>{"他说:“好。”", "然后走了。"}));
  EXPECT_EQ(sentences_of("真的要到了吗?!下一句"), (std::vector<std::string>{"真的要到了吗?!", "下一句"}));
}

TEST(Segment, AsciiMarksInsideAWordDoNotEndSentences) {
  EXPECT_EQ(sentences_of("见https://example.com/post?id=5&rate=50%25!再见"),
            (std::vector<std::string>{"见https://example.com/post?id=5&rate=50%25!", "再见"}));
  EXPECT_EQ(sentences_of("Yahoo!Japan?是吗?是"), (std::vector<std::string>{"Yahoo!Japan?", "是吗?", "是"}));
}

TEST(Segment, SemicolonsAndCommasDoNotEndSentences) {
  EXPECT_EQ(sentences_of("浙江东方、华金资本;给DeepSeek提供服务,这是最早的。"),
            (std::vector<std::string>{"浙江东方、华金资本;给DeepSeek提供服务,这是最早的。"}));
}

TEST(Segment, BlankLinesEndParagraphsAndAreNoSentences) {
  std::vector<std::size_t> paragraphs;
  const auto s = sentences_of("第一段。第一段又一句\n\n  \n第二段\n第二段第二行\n\r\n\n第三段。", &paragraphs);
  EXPECT_EQ(s, (std::vector<std::string>{"第一段。", "第一段又一句", "第二段", "第二段第二行", "第三段。"}));
  EXPECT_EQ(paragraphs, (std::vector<std::size_t>{0, 0, 1, 1, 2}));
}

TEST(Segment, TrimsSpacesAndFindsTheSentenceOfAnOffset) {
  const std::string text = "  第一句。  第二句  \n";
  const auto sentences = segment(text);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(text.substr(sentences[1].span.begin, sentences[1].span.size()), "第二句");
  EXPECT_EQ(sentence_at(sentences, text.find("第二")), 1u);
  EXPECT_EQ(sentence_at(sentences, 0), 0u);
}

TEST(Segment, EmptyAndWhitespaceTextsHaveNoSentences) {
  EXPECT_TRUE(segment("").empty());
  EXPECT_TRUE(segment(" \n\n\t\r\n").empty());
}

}  // namespace
}  // namespace finfacts
