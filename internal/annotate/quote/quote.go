// Package quote finds the direct quotations of a news text and who said
// them.
//
// Quotes are found by pairing quote marks paragraph by paragraph (a quote
// never crosses a paragraph break): “…”, "…", «…», „…“, ‘…’, '…', the
// “…” of tokenised corpora, and the broken forms that machine
// translation and scraping leave — an opener closed by a mark of another
// family (“…» and “…"), marks glued to words (`agreed“Intensify” Its`), and
// an opener never closed, which is closed at the paragraph end or cut
// before the next opener. Apostrophes (it’s, Niger’s, the instructors'
// arrival) are told from single quotes by the letters around them.
//
// The speaker comes from the frames of English news attribution, read over
// tokens with closed-class word lists rather than a tagger: `"…," X said`,
// `"…," said X`, `X said (that|:) "…"`, `according to X`, `X told
// reporters`, `X was quoted as saying`, `X said to the camera`, a verb of
// saying elsewhere in the sentence for a quoted fragment, and, inside a
// broken quote, a sentence of attribution between two parts of the quote
// ("… specialties. One of the instructors announced. We are …"). The
// speaker is the whole noun phrase ("a hooded, light-skinned man in a
// military uniform"), stopping before relative clauses and appositives
// ("Smith, a spokesman, said" gives "Smith"). A pronoun keeps its own span
// and takes the text of its antecedent: the speaker of a quote in the
// sentence before, the subject of the sentence before, or the nearest
// preceding mention of a person (he, she) or an organisation or place
// (it, they). A quote with no attribution of its own that opens a sentence
// right after an attributed quote, or that continues a quote left open at
// the end of the paragraph before, takes that quote's speaker.
//
// Scare quotes: a quoted fragment inside the reporter's own sentence that
// looks like a name or title (“Africa Corps”, "World War Z": two to six
// capitalised words) and is not attributed right next to it, or a fragment
// of at most three words with no verb of saying in its sentence ("the
// "presumed" installation"), is not a quotation of a speaker and is left
// out. Longer unattributed fragments are kept as Partial with Speaker "".
// A speaker is never invented: with no frame, Speaker is "".
//
// Limits: English frames only; a verb of saying anywhere in a sentence
// claims the fragments quoted in it, even when it belongs to another
// clause; nested quotes are part of the outer quote; pronoun resolution is
// a heuristic of recency, not a coreference model.
package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/triangulate/triangulate/internal/news"
)

// Find returns the direct quotations of text, sorted by Start. mentions are
// the article's named-entity mentions (may be nil); a named speaker that
// overlaps a mention gets that mention's Key as SpeakerKey.
//
// sents are the sentences of text; when nil, each paragraph counts as one
// sentence. Find is safe for concurrent use.
func Find(text string, sents []news.Sentence, mentions []news.Mention) []news.Quotation {
	regions := scan(text)
	if len(regions) == 0 {
		return nil
	}
	d := newDoc(text, sents, mentions, regions)
	var items []*item
	for _, r := range regions {
		items = d.quote(r, items)
	}
	d.inherit(items)
	out := make([]news.Quotation, 0, len(items))
	for _, it := range items {
		out = append(out, it.q)
	}
	slices.SortStableFunc(out, func(a, b news.Quotation) int { return a.Start - b.Start })
	return out
}

// item is a quotation being built, with what attribution needs to know.
type item struct {
	q          news.Quotation
	r          region
	endSent    int
	attributed bool
	// antStart, antEnd span the speaker's antecedent text (the speaker
	// itself unless it is a pronoun).
	antStart, antEnd int
	pronoun          bool
}

type doc struct {
	text     string
	sents    []news.Sentence // valid, sorted; Index is the caller's index
	mentions []news.Mention  // sorted by Start, demonyms left out
	regions  []region
	tokens   map[int][]token // per sentence, built on demand
}

func newDoc(text string, sents []news.Sentence, mentions []news.Mention, regions []region) *doc {
	d := &doc{text: text, regions: regions, tokens: map[int][]token{}}
	for i, s := range sents {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			continue
		}
		if n := len(d.sents); n > 0 && s.Start < d.sents[n-1].End {
			continue
		}
		s.Index = i
		d.sents = append(d.sents, s)
	}
	if len(d.sents) == 0 {
		// One sentence a paragraph.
		for p, i := 0, 0; p <= len(text); i++ {
			e := strings.Index(text[p:], news.ParagraphSep)
			if e < 0 {
				e = len(text)
			} else {
				e += p
			}
			d.sents = append(d.sents, news.Sentence{Index: i, Paragraph: i, Start: p, End: e})
			p = e + len(news.ParagraphSep)
		}
	}
	for _, m := range mentions {
		if !m.Demonym && m.Start >= 0 && m.End <= len(text) && m.Start < m.End {
			d.mentions = append(d.mentions, m)
		}
	}
	slices.SortStableFunc(d.mentions, func(a, b news.Mention) int { return a.Start - b.Start })
	return d
}

// sentAt returns the position in d.sents of the sentence holding byte pos,
// or of the next sentence when pos falls between two.
func (d *doc) sentAt(pos int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].End > pos })
	return min(i, len(d.sents)-1)
}

func (d *doc) toks(si int) []token {
	if ts, ok := d.tokens[si]; ok {
		return ts
	}
	s := d.sents[si]
	ts := tokenize(d.text, s.Start, s.End, nil)
	d.tokens[si] = ts
	return ts
}

// inQuote reports whether byte pos lies inside a quote region (marks
// included).
func (d *doc) inQuote(pos int) bool {
	i := sort.Search(len(d.regions), func(i int) bool { return d.regions[i].closeEnd > pos })
	return i < len(d.regions) && d.regions[i].open <= pos
}

// attr is an attribution found for a quote.
type attr struct {
	ok       bool
	s, e     int // the speaker's span in bytes
	cue      string
	adjacent bool // the frame touches the quote
}

func (p *phrases) attrOf(s span, cue string, adjacent bool) attr {
	return attr{ok: true, s: p.ts[s.a].start, e: p.ts[s.b].end, cue: cue, adjacent: adjacent}
}

// quote turns one region into quotations, appended to items.
func (d *doc) quote(r region, items []*item) []*item {
	if r.broken {
		if split, ok := d.splitBroken(r, items); ok {
			return append(items, split...)
		}
	}
	a := d.sentAt(r.open)
	b := d.sentAt(max(r.start, r.end-1))
	if !r.unclosed {
		b = max(a, d.sentAt(r.close))
	}
	pa := &phrases{text: d.text, ts: d.toks(a)}
	pb := &phrases{text: d.text, ts: d.toks(b)}

	// The opener's token, and the run of tokens back to the previous mark.
	oi := tokenIndex(pa.ts, r.open)
	bl := oi
	for bl > 0 && pa.ts[bl-1].kind != tMark {
		bl--
	}
	// The first token after the closer, and the run up to the next mark.
	ci := tokenIndex(pb.ts, r.closeEnd)
	ah := ci
	for ah < len(pb.ts) && pb.ts[ah].kind != tMark {
		ah++
	}
	beforeEmpty := !hasWord(pa.ts[bl:oi])
	afterEmpty := !hasWord(pb.ts[ci:ah]) || r.unclosed
	after := attr{}
	if !r.unclosed {
		after = pb.afterFrame(ci, ah)
	}
	before := pa.beforeFrame(bl, oi)
	partial := !(beforeEmpty || before.ok) || !(afterEmpty || after.ok)

	var at attr
	switch {
	case after.ok:
		at = after
	case before.ok:
		at = before
	default:
		at = d.wideBefore(pa, a, oi)
		if !at.ok && !r.unclosed {
			at = d.wideAfter(pb, ci)
		}
		if !at.ok && beforeEmpty && oi == 0 && a > 0 && strings.HasSuffix(d.sentText(a-1), ":") {
			// `X said:` and the quote in the next sentence or paragraph.
			pp := &phrases{text: d.text, ts: d.toks(a - 1)}
			at = pp.beforeFrame(0, len(pp.ts))
		}
	}

	it := &item{r: r, endSent: b}
	it.q = news.Quotation{Text: d.text[r.start:r.end], Start: r.start, End: r.end, Sentence: d.sents[d.sentAt(r.start)].Index, Partial: partial}
	if partial && d.scare(r, at) {
		return items
	}
	if at.ok {
		d.setSpeaker(it, at, items)
	}
	return append(items, it)
}

// scare reports whether a partial quote is a name, a title or a term
// rather than words of a speaker.
func (d *doc) scare(r region, at attr) bool {
	ts := tokenize(d.text, r.start, r.end, nil)
	words, caps, smalls := 0, 0, 0
	sentence := false
	for _, t := range ts {
		switch t.kind {
		case tWord:
			words++
			switch {
			case t.cap:
				caps++
			case t.fl&fSmall != 0:
				smalls++
			}
		case tPunct:
			if r, _ := utf8.DecodeRuneInString(d.text[t.start:]); strings.ContainsRune(".!?…", r) {
				sentence = true
			}
		}
	}
	nameLike := words >= 2 && words <= 6 && caps+smalls == words && ts[0].cap && !sentence
	if nameLike && !at.adjacent {
		return true
	}
	// A nickname between a first and a last name: Salvatore "Sammy the
	// Bull" Gravano.
	if nameLike && capitalAt(d.text, r.open, -1) && capitalAt(d.text, r.closeEnd, 1) {
		return true
	}
	return words <= 3 && !at.ok
}

// capitalAt reports whether the word just before pos (dir -1) or just
// after it (dir 1), across one space, is capitalised.
func capitalAt(text string, pos, dir int) bool {
	if dir < 0 {
		w := strings.TrimRight(text[:pos], " ")
		if len(w) == len(text[:pos]) {
			return false
		}
		i := strings.LastIndexFunc(w, func(r rune) bool { return !isWordRune(r) })
		r, _ := utf8.DecodeRuneInString(w[i+1:])
		return i+1 < len(w) && unicode.IsUpper(r)
	}
	w := strings.TrimLeft(text[pos:], " ")
	if len(w) == len(text[pos:]) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// setSpeaker fills the speaker fields of it from at, resolving pronouns.
func (d *doc) setSpeaker(it *item, at attr, prior []*item) {
	it.attributed = true
	it.q.Cue = at.cue
	it.q.SpeakerStart, it.q.SpeakerEnd = at.s, at.e
	sp := d.text[at.s:at.e]
	if notSpeaker[strings.ToLower(strings.TrimSpace(sp))] {
		// "However said": a sentence adverb read as a name says nothing
		// of who spoke; the quote stays unattributed.
		it.q.SpeakerStart, it.q.SpeakerEnd, it.q.Cue = 0, 0, ""
		it.attributed = false
		return
	}
	it.q.Speaker = sp
	it.antStart, it.antEnd = at.s, at.e
	kind := pronounKind(strings.ToLower(sp))
	if kind == "" {
		it.q.SpeakerKey = d.headKey(at.s, at.e)
		return
	}
	it.pronoun = true
	if kind == "first" {
		return
	}
	if s, e, key, ok := d.resolve(kind, d.sentAt(at.s), at.s, prior); ok {
		it.q.Speaker = d.text[s:e]
		it.q.SpeakerKey = key
		it.antStart, it.antEnd = s, e
		it.pronoun = false
	}
}

// notSpeaker are words that open a clause and can stand before "said"
// without being anyone: sentence adverbs and connectives.
var notSpeaker = map[string]bool{
	"however": true, "afterward": true, "afterwards": true, "meanwhile": true, "later": true, "then": true,
	"also": true, "still": true, "instead": true, "earlier": true, "moreover": true, "furthermore": true,
	"nevertheless": true, "nonetheless": true, "therefore": true, "thus": true, "indeed": true, "again": true,
	"yesterday": true, "today": true, "tomorrow": true, "now": true, "finally": true, "separately": true,
	"previously": true, "additionally": true, "otherwise": true, "anyway": true, "besides": true, "overall": true,
}

func pronounKind(w string) string {
	switch w {
	case "he", "she":
		return "person"
	case "it":
		return "thing"
	case "they":
		return "group"
	case "i", "we", "you":
		return "first"
	}
	return ""
}

func (d *doc) sentText(si int) string { return d.text[d.sents[si].Start:d.sents[si].End] }

// tokenIndex returns the index of the first token that starts at or after
// pos.
func tokenIndex(ts []token, pos int) int {
	return sort.Search(len(ts), func(i int) bool { return ts[i].start >= pos })
}

func hasWord(ts []token) bool {
	for _, t := range ts {
		if t.kind == tWord {
			return true
		}
	}
	return false
}

// afterFrame reads the attribution that follows a closing mark, tokens
// [i, hi): `, X said`, `, said X`, `, X, a spokesman, said`, `, according
// to X`, `X told reporters`.
func (p *phrases) afterFrame(i, hi int) attr {
	for i < hi && p.ts[i].kind == tPunct && strings.ContainsRune(",—–-", p.firstRune(i)) {
		i++
	}
	if i >= hi {
		return attr{}
	}
	if n, ok := p.cueAt(i); ok && p.ts[i].fl&fTransitive == 0 {
		if np := p.fwdNP(p.skipFwdAux(i+n, hi), hi); !np.empty() {
			return p.attrOf(np, p.cueText(i, n), true)
		}
		return attr{}
	}
	np := p.fwdNP(i, hi)
	if np.empty() {
		return attr{}
	}
	if k := p.skipFwdAux(np.b+1, hi); k < hi {
		if n, ok := p.cueAt(k); ok {
			return p.attrOf(np, p.cueText(k, n), true)
		}
	}
	// Appositives: `X, the minister, said`; `his sister, Jane Doe, said`
	// names the speaker in the appositive.
	j := np.b + 1
	for hops := 0; hops < 3 && j < hi && p.comma(j); hops++ {
		c := j + 1
		for c < hi && c-j < maxAppositive && !p.comma(c) && p.ts[c].kind != tMark {
			c++
		}
		if c >= hi || !p.comma(c) {
			break
		}
		if app := p.fwdNP(j+1, c); !p.namedHead(np) && !app.empty() && app.b == c-1 && p.isName(app) {
			np = app
		}
		if k := p.skipFwdAux(c+1, hi); k < hi {
			if n, ok := p.cueAt(k); ok {
				return p.attrOf(np, p.cueText(k, n), true)
			}
		}
		j = c
	}
	return attr{}
}

// beforeFrame reads the attribution that leads up to an opening mark,
// tokens [lo, oi): `X said:`, `X said that`, `X told Reuters on Monday:`,
// `X was quoted as saying`, `According to X,`.
func (p *phrases) beforeFrame(lo, oi int) attr {
	j := oi - 1
	for j >= lo && (p.ts[j].kind == tPunct && strings.ContainsRune(":,—–-", p.firstRune(j)) || p.lowerWord(j) && p.ts[j].low == "that") {
		j--
	}
	for c := j; c >= lo && j-c <= 8; c-- {
		n, ok := p.cueAt(c)
		if !ok {
			if p.verbAt(c) || p.has(c, fRel) || p.ts[c].kind == tMark {
				return attr{}
			}
			continue
		}
		if c+n-1 > j+1 {
			return attr{}
		}
		for k := c + n; k <= j; k++ {
			if p.comma(k) && p.ts[c].low != "according" {
				return attr{} // `said Steve Pond, author of the book "…"`
			}
		}
		a := p.subjectOf(c, n, lo, j+1)
		a.adjacent = a.ok
		return a
	}
	return attr{}
}

// wideBefore looks for a verb of saying before the quote in sentence si,
// outside other quotes: `It said this had been "unilaterally imposed"`,
// `X announced that Moscow will help "install …"`, and `It is reissuing
// calls … and said it is "not planning …"`, where the subject is the
// sentence's.
func (d *doc) wideBefore(p *phrases, si, oi int) attr {
	for c := oi - 1; c >= 0; c-- {
		if p.ts[c].kind != tWord || d.inQuote(p.ts[c].start) {
			continue
		}
		n, ok := p.cueAt(c)
		if !ok {
			continue
		}
		if a := p.subjectOf(c, n, 0, oi); a.ok {
			return a
		}
		if k := p.skipBackAux(c-1, 0); k > 0 && p.word(k) && (p.ts[k].low == "and" || p.ts[k].low == "but") {
			if s, e, ok := d.subject(si); ok && s < p.ts[k].start {
				return attr{ok: true, s: s, e: e, cue: p.cueText(c, n)}
			}
		}
	}
	return attr{}
}

// wideAfter looks for a verb of saying after the quote in its sentence:
// `"global cooperation" against "threats", authorities said at the time`.
func (d *doc) wideAfter(p *phrases, ci int) attr {
	for c := ci; c < len(p.ts); c++ {
		if p.ts[c].kind != tWord || d.inQuote(p.ts[c].start) {
			continue
		}
		n, ok := p.cueAt(c)
		if !ok {
			continue
		}
		if a := p.subjectOf(c, n, ci, len(p.ts)); a.ok {
			return a
		}
	}
	return attr{}
}

// subjectOf returns the speaker of the cue at c (n tokens): its subject,
// or the phrase after it for "according to" and inverted "said X".
func (p *phrases) subjectOf(c, n, lo, hi int) attr {
	cue := p.cueText(c, n)
	if p.ts[c].low == "according" {
		if np := p.fwdNP(c+2, hi); !np.empty() {
			return p.attrOf(np, cue, false)
		}
		return attr{}
	}
	// `…, said Jean Larson, 48` and not the clause before the comma.
	transitive := p.ts[c].fl&fTransitive != 0
	if c > lo && p.comma(c-1) && !transitive {
		if np := p.fwdNP(c+n, hi); !np.empty() && (p.ts[np.a].cap && !p.has(np.a, fPron) || p.has(np.b, fPerson)) {
			return p.attrOf(np, cue, false)
		}
	}
	k := p.skipBackAux(c-1, lo)
	if p.passive(k+1, c) {
		return attr{} // "it was confirmed", "the deal was reported"
	}
	if np := p.backNP(k, lo); !np.empty() {
		return p.attrOf(np, cue, false)
	}
	// `said X: "…"`; but not `said it had …`.
	inverted := c == lo || p.ts[c-1].kind != tWord
	if np := p.fwdNP(c+n, hi); inverted && !transitive && !np.empty() && p.ts[np.a].low != "this" && !p.has(np.a, fPron) {
		return p.attrOf(np, cue, false)
	}
	return attr{}
}

// passive reports whether a form of "be" among tokens [a, c) makes the
// verb of saying at c passive ("was confirmed"); "was quoted as saying"
// is not.
func (p *phrases) passive(a, c int) bool {
	switch p.ts[c].low {
	case "quoted", "cited":
		return false
	}
	for k := a; k < c; k++ {
		switch p.ts[k].low {
		case "is", "are", "was", "were", "be", "been", "being":
			return true
		}
	}
	return false
}

// headKey returns the Key of the mention that heads the phrase [s, e): a
// mention that ends where the phrase ends ("U.S. Defense Secretary Lloyd
// Austin") or holds it. A mention inside a described speaker ("Niger's
// military regime") does not name it.
func (d *doc) headKey(s, e int) string {
	if m := d.headMention(s, e); m != nil {
		return m.Key
	}
	return ""
}

func (d *doc) headMention(s, e int) *news.Mention {
	e2 := e
	for e2 > s && strings.ContainsRune(".,", rune(d.text[e2-1])) {
		e2--
	}
	var best *news.Mention
	for i := range d.mentions {
		m := &d.mentions[i]
		if m.Start >= e {
			break
		}
		head := (m.End == e || m.End == e2) && m.Start >= s
		holds := m.Start <= s && m.End >= e2
		if (head || holds) && (best == nil || m.End-m.Start > best.End-best.Start) {
			best = m
		}
	}
	return best
}
