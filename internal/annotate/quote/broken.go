package quote

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/triangulate/triangulate/internal/news"
)

// splitBroken splits a broken quote (left open, or closed by a mark of
// another family) at the sentences of attribution inside it, which a
// translator or a scraper left between the marks:
//
//	“We are here to train … specialties.One of the instructors announced on this TV. We are here to develop … »
//	“We helped (…) Upon arrival … Defense.Public television announced.
//
// Each run of quoted sentences becomes a quotation attributed to the
// attribution sentence after it (or, for the last run, before it). It
// reports false when the quote holds no attribution sentence; it may
// return no quotation when the whole quote is one (a cut-off `"Smith, a
// spokesman, said.`).
func (d *doc) splitBroken(r region, prior []*item) ([]*item, bool) {
	pieces := splitPieces(d.text, r.start, r.end)
	if len(pieces) == 0 {
		return nil, false
	}
	attrs := make([]attr, len(pieces))
	found := false
	for i, pc := range pieces {
		attrs[i] = d.attributionPiece(pc[0], pc[1])
		found = found || attrs[i].ok
	}
	if !found {
		return nil, false
	}
	var out []*item
	for i := 0; i < len(pieces); {
		if attrs[i].ok {
			i++
			continue
		}
		j := i
		for j+1 < len(pieces) && !attrs[j+1].ok {
			j++
		}
		var at attr
		switch {
		case j+1 < len(pieces):
			at = attrs[j+1]
		case i > 0:
			at = attrs[i-1]
		}
		s, e := pieces[i][0], trimTrailing(d.text, pieces[i][0], pieces[j][1])
		sub := r
		sub.start, sub.end = s, e
		sub.unclosed = r.unclosed && j == len(pieces)-1
		it := &item{r: sub, endSent: d.sentAt(e - 1)}
		it.q = news.Quotation{Text: d.text[s:e], Start: s, End: e, Sentence: d.sents[d.sentAt(s)].Index}
		if at.ok {
			d.setSpeaker(it, at, slices.Concat(prior, out))
		}
		out = append(out, it)
		i = j + 1
	}
	return out, true
}

func trimTrailing(text string, s, e int) int {
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) && r != ',' && r != ';' && r != ':' {
			break
		}
		e -= n
	}
	return e
}

// splitPieces cuts text[s:e] into sentence-like pieces: after . ! ? or …
// (and any closing brackets) followed by white space and a capital, or
// glued to a capitalised word ("Defense.Public", "specialties.One"), which
// the sentence splitter does not see.
func splitPieces(text string, s, e int) [][2]int {
	var out [][2]int
	from := s
	for i := s; i < e; {
		r, n := utf8.DecodeRuneInString(text[i:e])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += n
			continue
		}
		wordStart := i
		for wordStart > s {
			pr, pn := utf8.DecodeLastRuneInString(text[s:wordStart])
			if !isWordRune(pr) {
				break
			}
			wordStart -= pn
		}
		word := strings.ToLower(text[wordStart:i])
		before, _ := utf8.DecodeLastRuneInString(text[s:i])
		q := i + n
		for q < e {
			r2, n2 := utf8.DecodeRuneInString(text[q:e])
			if !strings.ContainsRune(".!?…)]”’\"'»", r2) {
				break
			}
			q += n2
		}
		i = q
		if r == '.' && (titleAbbrevs[word] || utf8.RuneCountInString(word) == 1) {
			continue
		}
		next := q
		for next < e {
			r2, n2 := utf8.DecodeRuneInString(text[next:e])
			if !unicode.IsSpace(r2) {
				break
			}
			next += n2
		}
		if next >= e {
			continue
		}
		nr, nn := utf8.DecodeRuneInString(text[next:e])
		cut := false
		switch {
		case next > q:
			cut = unicode.IsUpper(nr) || strings.ContainsRune("“\"«‘(", nr)
		default:
			// Glued: a lower-case word, the period, a capitalised word.
			after, _ := utf8.DecodeRuneInString(text[min(next+nn, e):e])
			cut = unicode.IsUpper(nr) && unicode.IsLower(after) && utf8.RuneCountInString(word) >= 3 && unicode.IsLower(before)
		}
		if cut {
			out = appendPiece(text, out, from, q)
			from = next
		}
	}
	return appendPiece(text, out, from, e)
}

func appendPiece(text string, out [][2]int, s, e int) [][2]int {
	e = trimTrailing(text, s, e)
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	if s < e {
		out = append(out, [2]int{s, e})
	}
	return out
}

// attributionPiece reads a piece that is a whole sentence of attribution:
// a speaker, a verb of saying, and at most a short adjunct ("One of the
// Russian instructors announced on this TV.", "Public television Télé
// Sahel announced."). First persons and "it" are not speakers here: "We
// said it before." is quoted speech.
func (d *doc) attributionPiece(s, e int) attr {
	ts := tokenize(d.text, s, e, nil)
	hi := len(ts)
	for hi > 0 && ts[hi-1].kind != tWord {
		hi--
	}
	ts = ts[:hi]
	words := 0
	for _, t := range ts {
		if t.kind == tWord {
			words++
		}
	}
	if words < 2 || words > 20 || ts[0].kind != tWord {
		return attr{}
	}
	switch t := ts[0]; {
	case t.fl&fFirst != 0, t.low == "it", t.low == "this", t.low == "that", t.low == "there":
		return attr{}
	}
	p := &phrases{text: d.text, ts: ts}
	for c := 1; c < hi; c++ {
		n, ok := p.cueAt(c)
		if !ok {
			if p.verbAt(c) || p.has(c, fRel) || ts[c].kind == tMark {
				return attr{}
			}
			continue
		}
		np := p.backNP(p.skipBackAux(c-1, 0), 0)
		if np.empty() || np.a != 0 {
			return attr{}
		}
		tail := 0
		for k := c + n; k < hi; k++ {
			if ts[k].kind == tMark || p.verbAt(k) || p.has(k, fRel|fCue) {
				return attr{}
			}
			if ts[k].kind == tWord {
				tail++
			}
		}
		if tail > 6 || tail > 0 && !p.has(c+n, fPrep|fPrepNP|fTime|fStop) {
			return attr{}
		}
		return p.attrOf(np, p.cueText(c, n), true)
	}
	return attr{}
}
