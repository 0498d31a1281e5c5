package quote

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

type markKind uint8

const (
	mNone        markKind = iota
	mOpenCurly            // “ „ ‟ and ``
	mCloseCurly           // ”
	mOpenGuil             // «
	mCloseGuil            // »
	mStraight             // " and ''
	mOpenSingle           // ‘
	mCloseSingle          // ’
	mSingle               // '
)

func (k markKind) single() bool { return k >= mOpenSingle }

// markAt returns the quote mark at text[i:] (bounded by hi) and its length
// in bytes, or (mNone, 0).
func markAt(text string, i, hi int) (markKind, int) {
	switch c := text[i]; c {
	case '"':
		return mStraight, 1
	case '\'':
		if i+1 < hi && text[i+1] == '\'' {
			return mStraight, 2
		}
		return mSingle, 1
	case '`':
		if i+1 < hi && text[i+1] == '`' {
			return mOpenCurly, 2
		}
	case 0xE2:
		if i+2 < hi && text[i+1] == 0x80 {
			switch text[i+2] {
			case 0x9C, 0x9E, 0x9F:
				return mOpenCurly, 3
			case 0x9D:
				return mCloseCurly, 3
			case 0x98:
				return mOpenSingle, 3
			case 0x99:
				return mCloseSingle, 3
			}
		}
	case 0xC2:
		if i+1 < hi {
			switch text[i+1] {
			case 0xAB:
				return mOpenGuil, 2
			case 0xBB:
				return mCloseGuil, 2
			}
		}
	}
	return mNone, 0
}

// family groups marks that normally pair: a pair across families ("“…»",
// "“…\"") is a broken quote.
func family(k markKind) int {
	switch k {
	case mOpenCurly, mCloseCurly:
		return 1
	case mOpenGuil, mCloseGuil:
		return 2
	case mStraight:
		return 3
	}
	return 4
}

type mark struct {
	pos, end int
	kind     markKind
}

// region is a pair of quote marks (or an opener closed by force) and the
// quoted words between them.
type region struct {
	open, openEnd   int // the opening mark
	close, closeEnd int // the closing mark; both at the cut when unclosed
	start, end      int // the quoted words, trimmed
	broken          bool
	unclosed        bool
	single          bool // ‘…’ or '…'
}

// scan finds the quote regions of text, paragraph by paragraph: a quote
// never crosses a paragraph break. Text without a quote character costs
// one pass over its bytes.
func scan(text string) []region {
	var out []region
	var marks []mark
	for p := 0; p <= len(text); {
		e := strings.Index(text[p:], "\n\n")
		if e < 0 {
			e = len(text)
		} else {
			e += p
		}
		marks = collectMarks(text, p, e, marks[:0])
		if len(marks) > 0 {
			out = pairParagraph(text, p, e, marks, out)
		}
		p = e + 2
	}
	return out
}

// collectMarks appends the quote marks of text[lo:hi], leaving out
// apostrophes inside words ("it’s", "Niger's").
func collectMarks(text string, lo, hi int, dst []mark) []mark {
	for i := lo; i < hi; i++ {
		switch text[i] {
		case '"', '\'', '`', 0xE2, 0xC2:
		default:
			continue
		}
		k, n := markAt(text, i, hi)
		if k == mNone {
			continue
		}
		if (k == mSingle || k == mCloseSingle) && isWordRune(prevRune(text, lo, i)) && isWordRune(nextRune(text, i+n, hi)) {
			i += n - 1
			continue
		}
		dst = append(dst, mark{pos: i, end: i + n, kind: k})
		i += n - 1
	}
	return dst
}

func prevRune(text string, lo, i int) rune {
	if i <= lo {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(text[lo:i])
	return r
}

func nextRune(text string, i, hi int) rune {
	if i >= hi {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(text[i:hi])
	return r
}

func isOpenPunct(r rune) bool  { return strings.ContainsRune("([{—–-/", r) }
func isClosePunct(r rune) bool { return strings.ContainsRune(",.;:!?)]}…", r) }

// openerLook: white space (or an opening bracket) before, a word after.
func openerLook(text string, lo, hi int, m mark) bool {
	p, n := prevRune(text, lo, m.pos), nextRune(text, m.end, hi)
	return (p < 0 || unicode.IsSpace(p) || isOpenPunct(p)) && n >= 0 && !unicode.IsSpace(n) && !isClosePunct(n)
}

// closerLook: a word or punctuation before, white space or punctuation
// after.
func closerLook(text string, lo, hi int, m mark) bool {
	p, n := prevRune(text, lo, m.pos), nextRune(text, m.end, hi)
	return p >= 0 && !unicode.IsSpace(p) && !isOpenPunct(p) && (n < 0 || unicode.IsSpace(n) || isClosePunct(n))
}

// pairParagraph pairs the marks of one paragraph text[lo:hi].
//
// Double marks: “ „ « “ always open; ” » ” close; a straight " toggles,
// with its look breaking ties. A quote left open is closed by the next
// closer of any family (“…» and “…" are broken forms machine translation
// leaves), cut before a new opener, or closed at the paragraph end.
// Single marks pair only outside double quotes and only when a closer that
// is not an apostrophe follows in the paragraph; an unmatched ‘ is dropped.
func pairParagraph(text string, lo, hi int, marks []mark, out []region) []region {
	first := len(out)
	var open *mark
	emit := func(o mark, c, ce int, broken, unclosed bool) {
		if r, ok := makeRegion(text, o, c, ce, broken, unclosed); ok {
			out = append(out, r)
		}
	}
	for k := range marks {
		m := marks[k]
		if m.kind.single() {
			continue
		}
		if open == nil {
			switch m.kind {
			case mOpenCurly, mOpenGuil:
				open = &marks[k]
			case mStraight:
				// A detached " after the end of a sentence with no partner
				// left in the paragraph closes a quote the scraper cut.
				if closerLook(text, lo, hi, m) || !hasWordAfter(text, m.end, hi) {
					continue
				}
				if p := prevNonSpace(text, lo, m.pos); p != m.pos && strings.ContainsRune(".!?,;", prevRune(text, lo, p)) && straightLeft(marks[k:])%2 == 1 {
					continue
				}
				open = &marks[k]
			case mCloseCurly:
				// ”…” as in Swedish and Finnish typography.
				if openerLook(text, lo, hi, m) {
					open = &marks[k]
				}
			}
			continue
		}
		o := *open
		closes, reopens := false, false
		switch m.kind {
		case mCloseCurly, mCloseGuil:
			closes = true
		case mStraight:
			if o.kind == mStraight && openerLook(text, lo, hi, m) && straightLeft(marks[k:])%2 == 0 {
				reopens = true
			} else {
				closes = true
			}
		case mOpenCurly:
			if closerLook(text, lo, hi, m) {
				closes = true
			} else {
				reopens = true
			}
		case mOpenGuil:
			reopens = true
		}
		switch {
		case closes:
			emit(o, m.pos, m.end, family(o.kind) != family(m.kind), false)
			open = nil
		case reopens:
			emit(o, m.pos, m.pos, true, true)
			open = &marks[k]
		}
	}
	if open != nil {
		emit(*open, hi, hi, true, true)
	}
	doubles := slices.Clone(out[first:])
	out = pairSingles(text, lo, hi, marks, doubles, out)
	slices.SortFunc(out[first:], func(a, b region) int { return a.open - b.open })
	return out
}

// straightLeft counts the straight double marks in ms.
func straightLeft(ms []mark) int {
	n := 0
	for _, m := range ms {
		if m.kind == mStraight {
			n++
		}
	}
	return n
}

func prevNonSpace(text string, lo, i int) int {
	for i > lo {
		r, n := utf8.DecodeLastRuneInString(text[lo:i])
		if !unicode.IsSpace(r) {
			return i
		}
		i -= n
	}
	return i
}

func hasWordAfter(text string, i, hi int) bool {
	return strings.IndexFunc(text[i:hi], isWordRune) >= 0
}

func pairSingles(text string, lo, hi int, marks []mark, doubles []region, out []region) []region {
	var open *mark
	d := 0
	for k := range marks {
		m := marks[k]
		for d < len(doubles) && doubles[d].closeEnd <= m.pos {
			d++
		}
		if d < len(doubles) && m.pos >= doubles[d].open {
			open = nil // inside a double quote, or a double quote came between
			continue
		}
		if !m.kind.single() {
			continue
		}
		if open != nil && m.kind != mOpenSingle && singleCloser(text, lo, hi, m) {
			// One word in single quotes is more often an elision ("rock
			// 'n' roll") than a quote.
			if r, ok := makeRegion(text, *open, m.pos, m.end, false, false); ok && strings.ContainsAny(text[r.start:r.end], " \u00a0") {
				r.single = true
				out = append(out, r)
			}
			open = nil
			continue
		}
		if m.kind == mOpenSingle || m.kind == mSingle && openerLook(text, lo, hi, m) && unicode.IsLetter(nextRune(text, m.end, hi)) {
			open = &marks[k]
		}
	}
	return out
}

// singleCloser tells a closing single quote from an apostrophe: the
// plural possessive "the instructors' arrival" is not a closer, unless a
// verb of saying follows ("the instructors' said X" cannot be possessive).
func singleCloser(text string, lo, hi int, m mark) bool {
	p, n := prevRune(text, lo, m.pos), nextRune(text, m.end, hi)
	if p < 0 || unicode.IsSpace(p) || isWordRune(n) {
		return false
	}
	if (p == 's' || p == 'S') && n == ' ' {
		w := text[m.end+1 : wordEnd(text, min(m.end+1, hi), hi)]
		if w != "" && unicode.IsLower(rune(w[0])) && flags(strings.ToLower(w))&fCue == 0 {
			return false
		}
	}
	return true
}

// makeRegion trims the words between the opener o and the closer at c: white
// space, and the comma or colon that ends a quote before its attribution
// ("…Niger,” said"). It fails when no word is left.
func makeRegion(text string, o mark, c, ce int, broken, unclosed bool) (region, bool) {
	s, e := o.end, c
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) && r != ',' && r != ';' && r != ':' {
			break
		}
		e -= n
	}
	if s >= e || strings.IndexFunc(text[s:e], isWordRune) < 0 {
		return region{}, false
	}
	return region{open: o.pos, openEnd: o.end, close: c, closeEnd: ce, start: s, end: e, broken: broken, unclosed: unclosed}, true
}
