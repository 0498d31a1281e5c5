package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/triangulate/triangulate/internal/lazyre"
	"github.com/triangulate/triangulate/internal/news"
)

// headerDepth is how many blocks from the top a headline may be found in.
const headerDepth = 4

// findTitle marks the headline. With a title given, a leading block equal
// to it is a repeat. Without one, the first body block among the first
// headerDepth blocks is the headline if it reads like one: one clause of two
// to thirty words that does not end with a full stop, followed by more text.
func findTitle(bs []*block, given string, res *Result) {
	res.Title = given
	for i, b := range bs {
		if i >= headerDepth {
			return
		}
		if b.role != roleBody {
			continue
		}
		if given != "" {
			if sameText(b.text, given) {
				b.role, b.reason = roleTitle, "headline repeated in the body"
			}
			return
		}
		if i < len(bs)-1 && looksLikeHeadline(b.text, b.words) {
			b.role, b.reason = roleTitle, "headline"
			res.Title = b.text
		}
		return
	}
}

func looksLikeHeadline(s string, words int) bool {
	if words < 2 || words > 30 || len(s) > 250 {
		return false
	}
	t := strings.TrimRight(s, `"'”’»)`)
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "...") {
		return false
	}
	// One clause: no ". " but after an abbreviation ("in Mich. office",
	// "U.S. troops", "Dr. Gupta").
	for rest := s; ; {
		i := strings.Index(rest, ". ")
		if i < 0 {
			return true
		}
		if !abbreviationBefore(rest[:i]) {
			return false
		}
		rest = rest[i+2:]
	}
}

// abbreviationBefore reports whether s ends with a word that, followed by
// a full stop, is an abbreviation: a capitalised word of at most four
// letters ("Mich", "Gov", "Dr") or one with a full stop inside ("U.S").
func abbreviationBefore(s string) bool {
	w := s[strings.LastIndexAny(s, " (\"'“‘")+1:]
	if w == "" || strings.Contains(w, ".") {
		return w != ""
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && utf8.RuneCountInString(w) <= 4 && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// sameText compares two texts by their words, ignoring case and punctuation.
func sameText(a, b string) bool {
	fa := strings.FieldsFunc(strings.ToLower(a), notWordRune)
	fb := strings.FieldsFunc(strings.ToLower(b), notWordRune)
	if len(fa) != len(fb) || len(fa) == 0 {
		return false
	}
	for i := range fa {
		if fa[i] != fb[i] {
			return false
		}
	}
	return true
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// Captions.

var captionCueRE = lazyre.New(`(?i)\bin this (?:\w+ ){0,3}(?:image|images|photo|photograph|picture|video|file|handout|screengrab|screen grab|still)\b|\bfile (?:photo|picture|image)\b|^\W*(?:photo|image|picture|caption)\s*:|\b(?:is|are) (?:seen|pictured|shown) (?:in|during|at|here)\b|\bpose(?:s|d)? for (?:a|the) (?:photo|picture)|\bstill (?:image|frame)\b|\bscreen ?(?:shot|grab)\b`)

// fullDateRE finds a day with its year, as photo captions give it
// ("... in Niamey, Niger, April 10, 2024").
var fullDateRE = lazyre.New(`\b` + monthRE + `\s+\d{1,2},\s+\d{4}\b|\b\d{1,2}\s+` + monthRE + `\s+\d{4}\b`)

// splitTrailingCredits finds body blocks that end with a credit after their
// last sentence ("... flags in Niamey. EPA/JOHN DOE/TASS"): the text before
// is a caption, the rest its credit.
func splitTrailingCredits(bs []*block) {
	for _, b := range bs {
		if b.role != roleBody {
			continue
		}
		head, credit := trailingCredit(b.text)
		if credit == "" || countWords(head) > 80 {
			continue
		}
		b.text, b.credit = head, credit
		b.words = countWords(head)
		b.role, b.reason = roleCaption, "text before a photo credit"
	}
}

// trailingCredit splits s at one of its last sentence ends when what
// follows is a credit.
func trailingCredit(s string) (head, credit string) {
	for end, tries := len(s), 0; tries < 3; tries++ {
		i := lastSentenceEnd(s[:end])
		if i < 0 {
			return "", ""
		}
		tail := strings.TrimSpace(s[i:])
		if isCredit(tail) {
			return strings.TrimSpace(s[:i]), tail
		}
		end = i - 1
		if end <= 0 {
			return "", ""
		}
	}
	return "", ""
}

// lastSentenceEnd returns the index just after the last space that follows
// a sentence end (".", "!", "?", possibly behind closing quotes or
// brackets) in s, or -1.
func lastSentenceEnd(s string) int {
	for i := len(s) - 1; i > 0; i-- {
		if s[i] != ' ' {
			continue
		}
		for j := i; j > 0; {
			r, size := utf8.DecodeLastRuneInString(s[:j])
			if strings.ContainsRune(`"')]”’»`, r) {
				j -= size
				continue
			}
			if strings.ContainsRune(".!?", r) {
				return i + 1
			}
			break
		}
	}
	return -1
}

// findCaptions marks captions: a block beside a standalone credit that reads
// like a caption, and any short block with a caption's own wording.
func findCaptions(bs []*block) {
	for i, b := range bs {
		if b.role != roleCredit {
			continue
		}
		prev, next := neighbour(bs, i, -1), neighbour(bs, i, +1)
		switch {
		case prev != nil && captionLike(prev, true):
			prev.role, prev.reason = roleCaption, "caption beside a photo credit"
		case next != nil && captionLike(next, true):
			next.role, next.reason = roleCaption, "caption beside a photo credit"
		case i < headerDepth+2 && prev != nil && captionLike(prev, false):
			prev.role, prev.reason = roleCaption, "caption beside a photo credit"
		case i < headerDepth+2 && next != nil && captionLike(next, false) && !lastBody(bs, next):
			next.role, next.reason = roleCaption, "caption beside a photo credit"
		}
	}
	for _, b := range bs {
		if b.role == roleBody && b.words <= 50 && hasCaptionCue(b.text) {
			b.role, b.reason = roleCaption, "caption wording"
		}
	}
}

// captionLike: short enough for a caption; with cues, it must also show a
// caption's wording or a caption's full date.
func captionLike(b *block, cues bool) bool {
	if b.role != roleBody || b.words > 60 {
		return false
	}
	if !cues {
		return b.words <= 40
	}
	return hasCaptionCue(b.text) || fullDateRE.MatchString(b.text)
}

// captionTriggers are literal words without which captionCueRE cannot
// match; checking them first keeps the regular expression off most text.
var captionTriggers = []string{"in this", "file photo", "file picture", "file image", "photo", "image", "picture", "caption", "is seen", "are seen",
	"is shown", "are shown", "pose for", "poses for", "posed for", "still image", "still frame", "screen"}

func hasCaptionCue(s string) bool {
	lower := strings.ToLower(s)
	for _, t := range captionTriggers {
		if strings.Contains(lower, t) {
			return captionCueRE.MatchString(s)
		}
	}
	return false
}

func neighbour(bs []*block, i, dir int) *block {
	j := i + dir
	if j < 0 || j >= len(bs) {
		return nil
	}
	return bs[j]
}

// lastBody reports whether b is the only body block left after it: a short
// last paragraph is more likely the end of the story than a caption.
func lastBody(bs []*block, b *block) bool {
	seen := false
	for _, x := range bs {
		if x == b {
			seen = true
			continue
		}
		if seen && x.role == roleBody {
			return false
		}
	}
	return true
}

// findStandfirst marks the standfirst: a body block right after the
// headline that is followed, before any other body block, by the furniture
// that closes an article's header (a caption, a credit, a date or byline).
func findStandfirst(bs []*block, res *Result) {
	t := -1
	for i, b := range bs {
		if b.role == roleTitle {
			t = i
			break
		}
	}
	if t < 0 || t+2 >= len(bs) {
		return
	}
	cand := bs[t+1]
	if cand.role != roleBody || cand.words > 45 {
		return
	}
	for _, b := range bs[t+2 : min(len(bs), t+6)] {
		switch b.role {
		case roleCaption, roleCredit, roleDateLine, roleMetadata, roleByline:
			cand.role, cand.reason = roleStandfirst, "standfirst"
			res.Standfirst = cand.text
			return
		case roleBody:
			return
		}
	}
}

// findTail marks the furniture at the end of an article: an appeal in the
// last two thirds of the text after which every block is furniture too
// (another appeal cue, navigation, a footer, or a short line such as a
// button's label): a donation box brings its buttons and "Not ready to
// support today?" with it. Without an appeal, only blocks that are
// furniture on their own are removed, which classifyLines already did.
func findTail(bs []*block) {
	start := -1
	for i := len(bs) - 1; i >= len(bs)/3; i-- {
		b := bs[i]
		if !tailCompatible(b) {
			break
		}
		if b.role == roleAppeal {
			start = i
		}
	}
	if start < 0 {
		return
	}
	for _, b := range bs[start:] {
		if b.role == roleBody {
			b.role, b.reason = roleAppeal, "part of an appeal"
		}
	}
}

// tailCompatible: furniture, an appeal cue, or a short line that is not a
// sentence (a sentence of three words or fewer passes: "Remind me later.").
func tailCompatible(b *block) bool {
	if b.role != roleBody {
		return b.role != roleTitle
	}
	if appealScore(b.text) > 0 {
		return true
	}
	return b.words <= 3 || (b.words <= 6 && !endsSentence(b.text))
}

// Datelines.

// datelineRE matches a dateline opening the first paragraph: a place in
// capitals, optionally a country or state and a day, an optional news
// agency in brackets, and a dash: "NIAMEY (Reuters) –",
// "KYIV, Ukraine, April 12 (AP) —", "WASHINGTON —".
var datelineRE = lazyre.New(`^([\p{Lu}][\p{Lu}.'’ \-]{1,40}[\p{Lu}.])(?:,\s*[\p{Lu}][\p{L}. \-]{1,30}?)?(?:,?\s*` + monthRE + `\s+\d{1,2})?\s*(?:\(([^()]{2,40})\))?\s*[-–—]+\s+`)

// findDatelines splits a dateline off the first body block that has one.
func findDatelines(bs []*block, res *Result) {
	seen := 0
	for _, b := range bs {
		if b.role != roleBody {
			continue
		}
		if seen++; seen > 2 {
			return
		}
		m := datelineRE.FindStringSubmatchIndex(b.text)
		if m == nil {
			continue
		}
		place := b.text[m[2]:m[3]]
		if countWords(place) == 0 || len(strings.Fields(place)) > 4 {
			continue
		}
		agency := ""
		if m[4] >= 0 {
			agency = strings.TrimSpace(b.text[m[4]:m[5]])
		} else if len([]rune(place)) < 4 {
			continue // "US —" is more likely a heading than a dateline
		}
		b.prefix = strings.TrimSpace(b.text[:m[1]])
		b.prefixReason = "dateline"
		b.text = b.text[m[1]:]
		b.words = countWords(b.text)
		res.Dateline = strings.TrimSpace(place)
		if agency != "" {
			if name := outletName(agency); name != "" {
				res.Outlets = append(res.Outlets, Mention{Name: name, Basis: news.OutletFromDateline})
			}
		}
		return
	}
}

// dropDoubledCap removes the doubled first letter that scrapers leave when a
// drop cap is both an image or styled letter and part of the text:
// "RRussia has sent" → "Russia has sent".
func dropDoubledCap(s string) (string, string) {
	r := []rune(s)
	if len(r) >= 3 && unicode.IsUpper(r[0]) && r[0] == r[1] && unicode.IsLower(r[2]) {
		return string(r[1:]), string(r[0])
	}
	return s, ""
}
