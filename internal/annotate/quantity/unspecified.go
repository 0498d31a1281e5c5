package quantity

import (
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// The explicit statements that an amount is not known. Each gives a
// Quantity with Unspecified set and the counted noun, so that "100
// trainers" in one source and "trainers, whose number is not specified" in
// another can be shown as a gap rather than a silence.

// unspecified is the annotation of an amount said to be unknown.
func unspecified(noun string) news.Quantity {
	return news.Quantity{Noun: noun, Qualifier: "unspecified", Unspecified: true}
}

// unknownNumber reads "an unknown (undisclosed, untold …) number of X" at
// token i, the adjective.
func (s *scan) unknownNumber(i int) int {
	if w := s.low(i + 1); w != "number" && w != "numbers" {
		return i
	}
	first := i
	if w := s.low(i - 1); (w == "an" || w == "a" || w == "the") && i-1 >= s.floor {
		first = i - 1
	}
	last := i + 1
	noun := ""
	if s.word(i+2, "of") {
		if nf, nl := s.nounAfter(i+2, true, true, true, false); nl >= nf {
			noun, last = s.text[s.t[nf].s:s.t[nl].e], nl
		}
	}
	s.emit(first, last, unspecified(noun))
	return last + 1
}

// whose reads "X, whose number is not specified" at token i, "whose".
func (s *scan) whose(i int) int {
	j := i + 1
	switch s.low(j) {
	case "exact", "precise", "total", "actual":
		j++
	}
	if w := s.low(j); w != "number" && w != "numbers" {
		return i
	}
	end, ok := s.unknownTail(j + 1)
	if !ok {
		return i
	}
	k := i - 1
	if s.sym(k, ',') {
		k--
	}
	first, noun := i, ""
	if nf, nl := s.nounBefore(k); nl >= nf {
		first, noun = nf, s.text[s.t[nf].s:s.t[nl].e]
	}
	s.emit(first, end, unspecified(noun))
	return end + 1
}

// numberOf reads "the number of X was not disclosed" and "did not give the
// number of X" at token i, "number".
func (s *scan) numberOf(i int) int {
	d := i - 1
	switch s.low(d) {
	case "exact", "precise", "total", "actual", "final", "overall", "full":
		d--
	}
	if !s.word(d, "the") || d < s.floor || !s.word(i+1, "of") {
		return i
	}
	nf, nl := s.nounAfter(i+1, true, true, true, false)
	noun, after := "", i+2
	if nl >= nf {
		noun, after = s.text[s.t[nf].s:s.t[nl].e], nl+1
	}
	if end, ok := s.unknownTail(after); ok {
		s.emit(d, end, unspecified(noun))
		return end + 1
	}
	if c, ok := s.negatedBefore(d); ok {
		s.emit(c, after-1, unspecified(noun))
		return after
	}
	return i
}

// howMany reads "did not say how many X" and "it is unclear how many X" at
// token i, "how".
func (s *scan) howMany(i int) int {
	if !s.word(i+1, "many") {
		return i
	}
	c, ok := s.negatedBefore(i)
	if !ok {
		return i
	}
	last := i + 1
	noun := ""
	if nf, nl := s.nounAfter(i+2, true, false, false, false); nl >= nf {
		noun, last = s.text[s.t[nf].s:s.t[nl].e], nl
	}
	s.emit(c, last, unspecified(noun))
	return last + 1
}

// unknownTail reads, from token j, a verb group that says an amount is not
// known: "is not specified", "was not immediately disclosed", "remains
// unknown", "has yet to be made public". It returns its last token.
func (s *scan) unknownTail(j int) (int, bool) {
	neg := false
	for k := j; k < len(s.t) && k < j+7; k++ {
		if s.t[k].k != kWord {
			return 0, false
		}
		w := s.t[k].low
		if unknownWords[w] {
			return k, true
		}
		if negations[w] || w == "yet" || isNegated(w) {
			neg = true
			continue
		}
		if neg && knownWords[w] {
			if w == "made" {
				if n := s.low(k + 1); n == "public" || n == "known" || n == "clear" || n == "available" {
					return k + 1, true
				}
				return 0, false
			}
			return k, true
		}
	}
	return 0, false
}

// negatedBefore looks before token i for a negated statement of knowing or
// telling ("did not say", "without giving", "it is not clear", "unclear")
// and returns the token it starts at.
func (s *scan) negatedBefore(i int) (int, bool) {
	verb := false
	for k := i - 1; k >= s.floor && k >= i-6; k-- {
		if s.t[k].k != kWord {
			return 0, false
		}
		w := s.t[k].low
		switch {
		case unknownWords[w] && !verb:
			return k, true // "unclear how many"
		case negations[w] || isNegated(w):
			if verb {
				return k, true
			}
		case discloseVerbs[w] || knownWords[w]:
			verb = true
		}
	}
	return 0, false
}

// isNegated reports whether w is a contracted negation: "didn't".
func isNegated(w string) bool {
	return strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t")
}

// nounBefore returns the tokens of the noun phrase that ends at token k,
// read backwards: "Russian military instructors" before ", whose".
func (s *scan) nounBefore(k int) (int, int) {
	first, last := k+1, k
	for j := k; j >= s.floor && j >= 0 && k-j < 5; j-- {
		tk := &s.t[j]
		if tk.k != kWord {
			break
		}
		w := tk.low
		if stopWords[w] || weekdays[w] || (tk.up && months[w]) || isNumberWord(w) || isVerbForm(w, false) && j == k {
			break
		}
		if strings.IndexFunc(w, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
			break
		}
		first = j
		if !tk.sp {
			break // glued to a quote mark or a bracket before it
		}
	}
	return first, last
}
