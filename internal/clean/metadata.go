package clean

import (
	"strings"
	"unicode"

	"github.com/triangulate/triangulate/internal/lazyre"
	"github.com/triangulate/triangulate/internal/news"
)

// collectMetadata reads what the removed furniture says about the article:
// the publication date of a metadata or date line, the publisher named by a
// footer, an appeal or a credit, the authors of a byline.
func collectMetadata(bs []*block, res *Result) {
	// A keyed line ("date 2024-04-12") beats a bare date line; captions
	// never count: their date is the photo's.
	for _, want := range []role{roleMetadata, roleDateLine} {
		for _, b := range bs {
			if b.role != want {
				continue
			}
			if t, text, ok := parseDate(b.text); ok {
				res.Published, res.PublishedText = t, text
				break
			}
		}
		if !res.Published.IsZero() {
			break
		}
	}
	for _, b := range bs {
		switch b.role {
		case roleAppeal:
			if name := selfReference(b.text); name != "" {
				res.Outlets = append(res.Outlets, Mention{Name: name, Basis: news.OutletFromSelfReference})
			}
		case roleFooter:
			if name := footerSource(b.text); name != "" {
				res.Outlets = append(res.Outlets, Mention{Name: name, Basis: news.OutletFromFooter})
			}
		case roleByline:
			if m := bylineRE.FindStringSubmatch(b.text); m != nil {
				res.Authors = append(res.Authors, splitNames(m[1])...)
			}
		}
	}
	for _, b := range bs {
		credit := b.credit
		if b.role == roleCredit {
			credit = b.text
		}
		if name := creditSource(credit); name != "" {
			res.Outlets = append(res.Outlets, Mention{Name: name, Basis: news.OutletFromCredit})
		}
	}
}

var (
	nameRE = `((?:The\s+)?[\p{Lu}][\p{L}\p{N}'’&.\-]*(?:\s+(?:of\s+|the\s+)?[\p{Lu}][\p{L}\p{N}'’&.\-]*){0,4})`
	// "Support The Moscow Times!", "Subscribe to The Atlantic."
	supportRE = lazyre.New(`^(?i:support|subscribe to|donate to|become a member of|become a supporter of|join)\s+` + nameRE + `\s*[!.]?$`)
	// "We, the journalists of The Moscow Times," "the team at Example News"
	teamRE = lazyre.New(`\b(?:journalists|team|editors|staff|newsroom|reporters) (?:of|at) ` + nameRE)
	// words that make a supported "name" a cause rather than a publisher
	genericAppealWords = map[string]bool{"journalism": true, "journalists": true, "news": false, "reporting": true, "us": true, "our": true,
		"independent": true, "quality": true, "free": true, "press": true, "media": true, "today": true, "now": true, "work": true,
		"mission": true, "cause": true, "community": true, "newsletter": true, "newsletters": true}
	footerSourceRE = lazyre.New(`(?i)^\(?\s*sources?\s*:\s*(.+?)\s*\)?$`)
	viaRE          = lazyre.New(`\bvia\s+([\p{Lu}][\p{L}\p{N}&.\-]*(?:\s+[\p{Lu}][\p{L}\p{N}&.\-]*){0,3})`)
	// Photo libraries and platforms distribute pictures but publish no news.
	photoOnly = map[string]bool{"getty images": true, "getty": true, "shutterstock": true, "alamy": true, "istock": true, "unsplash": true,
		"pexels": true, "wikimedia": true, "wikimedia commons": true, "flickr": true, "instagram": true, "twitter": true, "x": true,
		"facebook": true, "youtube": true, "telegram": true, "tiktok": true, "social media": true, "handout": true, "imago": true,
		"zuma": true, "zuma press": true, "sipa": true, "abaca": true}
)

// selfReference finds the outlet naming itself in an appeal.
func selfReference(s string) string {
	for _, re := range []*lazyre.Regexp{supportRE, teamRE} {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		name := strings.TrimRight(m[1], ".,!")
		generic := false
		for _, w := range strings.Fields(strings.ToLower(name)) {
			if genericAppealWords[w] {
				generic = true
			}
		}
		if !generic {
			return outletName(name)
		}
	}
	return ""
}

// footerSource reads "SOURCE: TRTWorld and agencies" → "TRT World".
func footerSource(s string) string {
	m := footerSourceRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	name := m[1]
	for _, sep := range []string{" and ", " & ", ",", ";", " / ", " with "} {
		if i := strings.Index(strings.ToLower(name), sep); i > 0 {
			name = name[:i]
		}
	}
	return outletName(name)
}

// creditSource reads the distributor of "RTN/Handout via REUTERS".
func creditSource(s string) string {
	if s == "" {
		return ""
	}
	m := viaRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	name := outletName(m[1])
	if photoOnly[strings.ToLower(name)] {
		return ""
	}
	return name
}

// outletName normalises a publisher's name as the text writes it: an
// all-capitals word longer than an acronym gets its ordinary capitals
// ("REUTERS" → "Reuters"), and an acronym glued to a word is split
// ("TRTWorld" → "TRT World"). It returns "" for something that is not a
// name (lower-case, or no letters).
func outletName(s string) string {
	s = strings.TrimSpace(strings.Trim(s, `"'“”‘’«»()[].,:;!`))
	if s == "" || countWords(s) == 0 || countWords(s) > 6 {
		return ""
	}
	if r := []rune(s)[0]; !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return ""
	}
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = splitGluedAcronym(titleCaseShout(w))
	}
	return strings.Join(words, " ")
}

// titleCaseShout turns an all-capitals word of five letters or more into
// ordinary capitals; shorter ones are taken for acronyms (AFP, TASS, BBC).
func titleCaseShout(w string) string {
	r := []rune(w)
	letters := 0
	for _, c := range r {
		if unicode.IsLetter(c) {
			if !unicode.IsUpper(c) {
				return w
			}
			letters++
		}
	}
	if letters < 5 {
		return w
	}
	for i := 1; i < len(r); i++ {
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}

// splitGluedAcronym inserts a space between a run of two or more capitals
// and a capitalised word glued to it: "TRTWorld" → "TRT World",
// "BBCNews" → "BBC News". "McClatchy" and "iPhone" are left alone.
func splitGluedAcronym(w string) string {
	r := []rune(w)
	for i := 2; i+1 < len(r); i++ {
		if unicode.IsUpper(r[i-2]) && unicode.IsUpper(r[i-1]) && unicode.IsUpper(r[i]) && unicode.IsLower(r[i+1]) {
			return string(r[:i]) + " " + splitGluedAcronym(string(r[i:]))
		}
	}
	return w
}

// nameSepRE separates the names of a byline.
var nameSepRE = lazyre.New(`\s*(?:,|\band\b|&)\s*`)

// splitNames splits "Jane Doe and John Roe, Ann Poe".
func splitNames(s string) []string {
	var out []string
	for _, part := range nameSepRE.Split(s, -1) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
