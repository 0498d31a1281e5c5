package news

import "strings"

// ParagraphSep separates paragraphs in a cleaned text.
const ParagraphSep = "\n\n"

// SplitParagraphs splits a cleaned text into its paragraphs.
func SplitParagraphs(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, ParagraphSep)
}

// JoinParagraphs is the inverse of SplitParagraphs.
func JoinParagraphs(paras []string) string { return strings.Join(paras, ParagraphSep) }
