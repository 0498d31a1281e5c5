package quote

import (
	"strings"
	"unicode/utf8"
)

// A phrase scanner reads noun phrases and verbs of saying in a run of
// tokens without a part-of-speech tagger: closed-class words (determiners,
// prepositions, auxiliaries, conjunctions) and a few shapes (capitals, an
// -ed ending) are enough to find where a speaker's phrase starts and ends
// in the narrow frames of attribution.
type phrases struct {
	text string
	ts   []token
}

// span is a token range [a, b] (inclusive); a > b when empty.
type span struct{ a, b int }

func (s span) empty() bool { return s.a > s.b }

func (p *phrases) comma(i int) bool { return p.ts[i].punct(p.text, ',') }

func (p *phrases) word(i int) bool { return i >= 0 && i < len(p.ts) && p.ts[i].kind == tWord }

func (p *phrases) has(i int, f uint32) bool { return p.word(i) && p.ts[i].fl&f != 0 }

// lowerWord: a word in lower case (not a name).
func (p *phrases) lowerWord(i int) bool { return p.word(i) && !p.ts[i].cap }

// cueAt reports whether a verb of saying starts at token i and how many
// tokens the cue phrase spans: "said", "according to", "quoted as saying",
// "said to the camera".
func (p *phrases) cueAt(i int) (n int, ok bool) {
	if !p.word(i) {
		return 0, false
	}
	t := p.ts[i]
	switch t.low {
	case "according":
		if p.word(i+1) && p.ts[i+1].low == "to" {
			return 2, true
		}
		return 0, false
	case "quoted", "cited":
		if p.word(i+2) && p.ts[i+1].low == "as" && p.ts[i+2].low == "saying" {
			return 3, true
		}
		if p.word(i+1) && p.ts[i+1].low == "saying" {
			return 2, true
		}
		return 0, false
	}
	if t.cap || t.fl&fCue == 0 {
		return 0, false
	}
	// "the said agreement", "the reported deal": a participle after a
	// determiner is an adjective.
	if p.has(i-1, fDet) && p.lowerWord(i-1) {
		return 0, false
	}
	n = 1
	if p.word(i+1) && p.ts[i+1].low == "to" {
		// "said to the camera", "said to reporters"; but "is said to be".
		j := i + 2
		if p.has(j, fDet) {
			j++
		}
		if !p.has(j, fListener) {
			if t.low == "said" {
				return 0, false
			}
			return 1, true
		}
		if t.low == "said" || t.low == "spoke" {
			n = j - i + 1
		}
	}
	return n, true
}

func (p *phrases) cueText(i, n int) string { return p.text[p.ts[i].start:p.ts[i+n-1].end] }

// verbAt: a finite verb or auxiliary that ends a subject phrase.
func (p *phrases) verbAt(i int) bool {
	if !p.lowerWord(i) {
		return false
	}
	t := p.ts[i]
	if t.fl&(fAux|fVerb) != 0 {
		return true
	}
	if t.fl&fCue != 0 {
		_, ok := p.cueAt(i)
		return ok
	}
	// A regular past form ("arrived", "showed"), unless it stands where an
	// adjective does: after a determiner or an adverb ("a hooded man",
	// "heavily armed men"), or is a compound ("light-skinned").
	if len(t.low) > 4 && strings.HasSuffix(t.low, "ed") && !strings.ContainsAny(t.low, "-‑") {
		if p.has(i-1, fDet) || p.lowerWord(i-1) && strings.HasSuffix(p.ts[i-1].low, "ly") || p.word(i-1) && isPossessive(p.ts[i-1].low) || i > 0 && p.comma(i-1) {
			return false
		}
		return true
	}
	return false
}

func isPossessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

// breaker: a word that cannot be inside a speaker's noun phrase.
func (p *phrases) breaker(i int) bool {
	t := p.ts[i]
	if t.kind != tWord {
		return true
	}
	if t.cap {
		// Names are phrase material; capitalised function words are not
		// ("On Monday", "When", "But").
		return t.fl&(fStop|fRel|fPrep|fPrepNP|fAux) != 0 && t.fl&fDet == 0 && t.fl&fPerson == 0
	}
	return t.fl&(fStop|fRel|fPrep|fAux|fPron|fAdv) != 0 && t.fl&(fDet|fPrepNP) == 0 || isAdverb(t.low) || p.verbAt(i)
}

// content: a word that can head a phrase (not a determiner, preposition or
// conjunction).
func (p *phrases) content(i int) bool {
	t := p.ts[i]
	return t.kind == tWord && (t.cap && t.fl&(fPrepNP|fSmall) == 0 || t.fl&(fDet|fPrepNP|fStop|fRel|fPrep|fAux) == 0) || t.kind == tWord && t.low == "one"
}

// adjunctPP reports whether the prepositional phrase at i (a preposition)
// is about the saying rather than the speaker: "in a statement", "on
// Monday", "in accented French".
func (p *phrases) adjunctPP(i int) bool {
	for j := i + 1; j < len(p.ts) && j <= i+4; j++ {
		if !p.word(j) {
			return false
		}
		t := p.ts[j]
		if t.fl&(fAdjunct|fTime) != 0 && t.fl&fPerson == 0 {
			return true
		}
		if t.fl&fLang != 0 && !p.word(j+1) {
			return true
		}
		if t.fl&(fStop|fRel|fPrep|fAux) != 0 || p.verbAt(j) {
			return false
		}
	}
	return false
}

// adjectiveList reports whether tokens [a, c) are a determiner and
// lower-case modifiers, as before the comma of "a hooded, light-skinned
// man".
func (p *phrases) adjectiveList(a, c int) bool {
	if c-a < 2 || !p.has(a, fDet) {
		return false
	}
	for j := a + 1; j < c; j++ {
		if !p.lowerWord(j) || p.breaker(j) || p.ts[j].fl&fDet != 0 {
			return false
		}
	}
	return true
}

const (
	maxPhrase     = 16
	maxAppositive = 24
)

// participleClause: a phrase opened by an -ing form followed by a function
// word is an adverbial ("Writing in a company blog, Smith said").
func (p *phrases) participleClause(i int) bool {
	return p.word(i) && strings.HasSuffix(p.ts[i].low, "ing") && len(p.ts[i].low) > 5 && p.word(i+1) && !p.ts[i+1].cap
}

// backNP returns the noun phrase that ends at token i, scanning back no
// further than lo. A comma at i closes an appositive ("Smith, the
// minister, said"): the phrase before the appositives is returned.
func (p *phrases) backNP(i, lo int) span {
	if i < lo || i >= len(p.ts) {
		return span{1, 0}
	}
	if p.comma(i) {
		return p.backAppositive(i, lo)
	}
	if p.has(i, fPron) {
		return span{i, i}
	}
	k := i
	for ; k >= lo && i-k < maxPhrase; k-- {
		t := p.ts[k]
		if t.kind != tWord {
			if p.comma(k) && k < i {
				// "a hooded, light-skinned man"
				j := k - 1
				for j >= lo && p.lowerWord(j) && !p.has(j, fDet) && !p.breaker(j) {
					j--
				}
				if j >= lo && j < k-1 && k-j <= 3 && p.lowerWord(k+1) && !p.has(k+1, fDet) && p.adjectiveList(j, k) {
					k = j
					continue
				}
				// "Peter Guest, Assistant Chief Fire Officer at …, says":
				// a name before a title in apposition.
				if name := p.leadingName(k, lo); !name.empty() && p.hasPersonWord(k+1, i) {
					return name
				}
			}
			break
		}
		if t.low == "and" || t.low == "&" {
			if k > lo && p.word(k-1) && p.ts[k-1].cap && p.word(k+1) && p.ts[k+1].cap {
				continue
			}
			break
		}
		if t.fl&fPrepNP != 0 && !t.cap {
			if k > lo && p.word(k-1) && !p.breaker(k-1) && !p.adjunctPP(k) {
				continue
			}
			break
		}
		if p.breaker(k) {
			break
		}
		// "In a Monday statement President Obama said": the manner of
		// saying before a name is not part of it.
		if k < i && mannerNoun(t.low) && !t.cap && p.word(k+1) && p.ts[k+1].cap {
			break
		}
	}
	return p.trimNP(span{k + 1, i})
}

// mannerNoun: a noun for a way of saying something that cannot be a
// speaker's modifier ("statement", "interview"), unlike a medium
// ("television").
func mannerNoun(w string) bool {
	switch w {
	case "statement", "interview", "speech", "post", "posting", "tweet", "message", "letter", "email",
		"e-mail", "briefing", "conference", "remarks", "comments", "testimony", "address", "blog":
		return true
	}
	return false
}

// leadingName returns the name that opens the clause before the comma at
// c: capitalised words from the clause start (sentence start or a quote
// mark) to the comma, none a time word or function word.
func (p *phrases) leadingName(c, lo int) span {
	j := c - 1
	for j >= lo && p.word(j) && p.ts[j].cap && p.ts[j].fl&(fTime|fStop|fPrep|fPrepNP|fRel|fSmall|fAux) == 0 && c-j <= 4 {
		j--
	}
	if j == c-1 || j >= lo && p.ts[j].kind != tMark {
		return span{1, 0}
	}
	return span{j + 1, c - 1}
}

func (p *phrases) hasPersonWord(a, b int) bool {
	for j := a; j <= b; j++ {
		if p.has(j, fPerson) || p.word(j) && agentNoun(p.ts[j].low) {
			return true
		}
	}
	return false
}

// backAppositive handles "NAME, APPOSITIVE, [APPOSITIVE,] said": it walks
// back over comma-delimited phrases and returns the speaker among them:
// the first phrase when it ends in a name ("Steven Moffat, the show's
// writer", "CHA president Sister Carol Keehan, DC"), else an appositive
// that is a name ("His sister, Mahnefah Gray,"), else the first phrase. A
// relative clause between commas (", who was visiting,") is skipped.
func (p *phrases) backAppositive(c, lo int) span {
	var segs []span // closest to the verb first
	for hops := 0; hops < 4; hops++ {
		e := c - 1
		if e < lo {
			break
		}
		// Find the previous comma or boundary.
		j := e
		for j >= lo && !p.comma(j) && p.ts[j].kind != tMark && e-j < maxAppositive {
			if p.ts[j].kind == tPunct && !p.ts[j].punct(p.text, '-') {
				break
			}
			j--
		}
		if p.has(j+1, fRel|fPrep|fPrepNP) && !p.ts[j+1].cap {
			// A relative clause or a prepositional phrase between commas
			// (", who was visiting,", ", from the ministry,"): skip it.
			if j >= lo && p.comma(j) {
				c = j
				continue
			}
			break
		}
		s := p.backNPPlain(e, j+1)
		if s.empty() || s.a == j+1 && p.participleClause(s.a) {
			break
		}
		if s.a != j+1 && p.has(s.a-1, fPrep|fPrepNP) {
			break // an adverbial: "In a Monday statement, X, DC, said"
		}
		segs = append(segs, s)
		if s.a != j+1 || j < lo || !p.comma(j) {
			break // the phrase stopped at a word or a boundary: the first one
		}
		c = j
	}
	if len(segs) == 0 {
		return span{1, 0}
	}
	first := segs[len(segs)-1]
	if p.namedHead(first) {
		return first
	}
	for k := len(segs) - 2; k >= 0; k-- {
		if p.isName(segs[k]) {
			return segs[k]
		}
	}
	return first
}

// namedHead: the phrase ends in a capitalised word ("Defense Secretary
// Lloyd Austin").
func (p *phrases) namedHead(s span) bool {
	return !s.empty() && p.word(s.b) && p.ts[s.b].cap && p.ts[s.b].fl&(fSmall|fTime) == 0
}

// isName: a phrase of capitalised words only ("Mahnefah Gray", "Harold L.
// Child Jr.").
func (p *phrases) isName(s span) bool {
	for j := s.a; j <= s.b; j++ {
		if p.ts[j].kind == tWord && (!p.ts[j].cap || p.ts[j].fl&(fSmall|fDet|fTime) != 0) {
			return false
		}
	}
	return !s.empty()
}

// backNPPlain is backNP without appositives, and with "and" allowed, as in
// "the show's lead writer and executive producer".
func (p *phrases) backNPPlain(i, lo int) span {
	if i < lo {
		return span{1, 0}
	}
	if p.has(i, fPron) {
		return span{i, i}
	}
	k := i
	for ; k >= lo && i-k < maxAppositive; k-- {
		t := p.ts[k]
		if t.kind != tWord {
			if t.punct(p.text, '-') {
				continue
			}
			break
		}
		if t.low == "and" || t.low == "&" {
			continue
		}
		if t.fl&fPrepNP != 0 && !t.cap {
			if k > lo && p.word(k-1) && !p.breaker(k-1) {
				continue
			}
			break
		}
		if p.breaker(k) {
			break
		}
	}
	return p.trimNP(span{k + 1, i})
}

// fwdNP returns the noun phrase that starts at token i and ends before hi.
func (p *phrases) fwdNP(i, hi int) span {
	hi = min(hi, len(p.ts))
	if i >= hi || !p.word(i) {
		return span{1, 0}
	}
	if p.has(i, fPron) {
		return span{i, i}
	}
	if p.has(i, fTime) && !p.has(i, fDet|fPerson) {
		return span{1, 0}
	}
	k := i
	for ; k < hi && k-i < maxPhrase; k++ {
		t := p.ts[k]
		if t.kind != tWord {
			if p.comma(k) && k > i && k-i <= 3 && p.adjectiveList(i, k) && p.lowerWord(k+1) && !p.breaker(k+1) && !p.has(k+1, fDet) {
				continue
			}
			if t.punct(p.text, '-') && k > i && p.word(k+1) {
				continue
			}
			break
		}
		if k > i && t.fl&fTime != 0 && t.fl&(fDet|fPerson) == 0 {
			break
		}
		if t.low == "and" || t.low == "&" {
			if k > i && p.ts[k-1].cap && p.word(k+1) && p.ts[k+1].cap {
				continue
			}
			break
		}
		if t.fl&fPrepNP != 0 && !t.cap {
			if k > i && !p.adjunctPP(k) && p.word(k+1) {
				continue
			}
			break
		}
		if k > i && p.breaker(k) {
			break
		}
		if k == i && (t.fl&(fStop|fRel|fPrep|fAux) != 0 && t.fl&fDet == 0 || p.verbAt(k)) {
			return span{1, 0}
		}
	}
	return p.trimNP(span{i, k - 1})
}

// trimNP drops function words from both ends and fails a phrase with no
// content word.
func (p *phrases) trimNP(s span) span {
	for s.a <= s.b && p.word(s.a) && !p.ts[s.a].cap && p.ts[s.a].fl&(fPrepNP|fStop|fPrep) != 0 {
		s.a++
	}
	for s.a <= s.b && (!p.word(s.b) || !p.ts[s.b].cap && p.ts[s.b].fl&(fPrepNP|fStop|fPrep|fDet) != 0 && p.ts[s.b].low != "one") {
		s.b--
	}
	for j := s.a; j <= s.b; j++ {
		if p.content(j) || p.has(j, fPron) {
			return s
		}
	}
	return span{1, 0}
}

// skipBackAux moves back from i over auxiliaries and adverbs that sit
// between a subject and its verb ("has also said", "was quoted").
func (p *phrases) skipBackAux(i, lo int) int {
	for i >= lo && p.word(i) {
		t := p.ts[i]
		switch {
		case !t.cap && (t.fl&fAdv != 0 || t.fl&fAux != 0 && t.fl&fDet == 0 || isAdverb(t.low)):
		case t.fl&fTime != 0 && t.fl&fPerson == 0 && i > lo && p.word(i-1) && !p.ts[i-1].cap:
			// "X last year said", "X on Monday said"
			if p.has(i-1, fTime) || strings.Contains(" on in at this ", " "+p.ts[i-1].low+" ") {
				i--
			}
		default:
			return i
		}
		i--
	}
	return i
}

func (p *phrases) skipFwdAux(i, hi int) int {
	for i < hi && p.lowerWord(i) && (p.ts[i].fl&fAdv != 0 || p.ts[i].fl&fAux != 0 && p.ts[i].fl&fDet == 0 || isAdverb(p.ts[i].low)) {
		i++
	}
	return i
}

// isAdverb: a manner adverb in -ly ("reportedly"), not a noun such as
// "family" or "assembly".
func isAdverb(w string) bool {
	if len(w) < 6 || !strings.HasSuffix(w, "ly") {
		return false
	}
	switch w {
	case "family", "assembly", "supply", "monopoly", "anomaly", "butterfly", "italy", "weekly", "monthly", "quarterly", "rally", "homily":
		return false
	}
	return true
}

func (p *phrases) spanText(s span) string { return p.text[p.ts[s.a].start:p.ts[s.b].end] }

func (p *phrases) firstRune(i int) rune {
	r, _ := utf8.DecodeRuneInString(p.text[p.ts[i].start:p.ts[i].end])
	return r
}
