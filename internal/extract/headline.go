package extract

import (
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// dropLeadingHeadings takes out of the text the headings it opens with that
// repeat the title or the description (the headline and the standfirst,
// which the page also states as metadata), and records them as removed.
// Only the leading run of headings is looked at: a heading further down, or
// a paragraph that happens to equal the description, is part of the text.
//
// It returns the blocks left, the title, and what was removed. When a
// removed heading is one part of a decorated title ("Opinion | Headline",
// "Headline - Site"), the heading becomes the title: it is the headline as
// the reader saw it.
func dropLeadingHeadings(blocks []block, title, description string) ([]block, string, []news.Removed) {
	var removed []news.Removed
	titleKey, descKey := comparable(title), comparable(description)
	parts := titleParts(title)
	i := 0
	for ; i < len(blocks) && blocks[i].isHeading(); i++ {
		b := blocks[i]
		key := comparable(b.text)
		switch {
		case key == titleKey:
			removed = append(removed, news.Removed{Kind: news.RemovedHeader, Text: b.text, Reason: "leading heading repeats the title"})
		case parts[key]:
			removed = append(removed, news.Removed{Kind: news.RemovedHeader, Text: b.text, Reason: "leading heading repeats the title"})
			title = b.text
			titleKey = key
		case key == descKey:
			removed = append(removed, news.Removed{Kind: news.RemovedHeader, Text: b.text, Reason: "leading heading repeats the description"})
		default:
			continue
		}
		blocks[i].text = "" // marked for removal
	}
	if len(removed) == 0 {
		return blocks, title, nil
	}
	kept := blocks[:0]
	for _, b := range blocks {
		if b.text != "" {
			kept = append(kept, b)
		}
	}
	return kept, title, removed
}

// titleSeparators split a page title into headline and decorations.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "}

// titleParts returns the comparable forms of the parts of a decorated
// title, when it has at least two.
func titleParts(title string) map[string]bool {
	parts := []string{title}
	for _, sep := range titleSeparators {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	set := map[string]bool{}
	if len(parts) < 2 {
		return set
	}
	for _, p := range parts {
		if k := comparable(p); countFields(k) >= 2 {
			// One-word parts are section or site names, too short to match.
			set[k] = true
		}
	}
	return set
}

// comparable folds s for comparing headings with metadata: case, white
// space, typographic quotes and dashes, and trailing punctuation are
// ignored, as they often differ between <title> and <h1>.
func comparable(s string) string {
	s = strings.ToLower(collapseSpace(quoteFolder.Replace(s)))
	return strings.TrimRight(s, " .:!…")
}

var quoteFolder = strings.NewReplacer(
	"‘", "'", "’", "'", "‚", "'", "′", "'",
	"“", `"`, "”", `"`, "„", `"`, "″", `"`,
	"–", "-", "—", "-", "‐", "-", "‑", "-",
	"…", "...", "\u00a0", " ",
)
