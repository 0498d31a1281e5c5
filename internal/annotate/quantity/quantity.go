// Package quantity finds the amounts an article states — counts, sums of
// money, percentages, measures — with the noun they count and the interval
// their qualifier allows, and the explicit statements that an amount is not
// known.
//
// It works in one pass over the tokens of each sentence, with hand-written
// lexicons (number words, qualifiers, currencies, units, function words)
// instead of regular expressions, so that it runs at tens of megabytes a
// second.
//
// # Values
//
// Numbers are read in digits ("1,000", "6.1", ".308"), in words ("three",
// "twenty-five", "a hundred", "two dozen", "one hundred and fifty"), and
// mixed ("1.5 million", "3 million"); scales may be abbreviated ("€2.5bn",
// "$5m": "m", "k", "b" and "tn" only after a currency). The ECB+ corpus
// splits numbers after their separators ("6, 000", "$37. 5 million"); these
// are joined when the second piece has exactly three digits, or when a scale
// word follows the decimal.
//
// Money carries an ISO 4217 code in Unit ("$100 million" → 1e8 "USD"; "€",
// "£", "¥", "₹", "US$", "A$", "Rs", "100 million dollars", "euros",
// "yuan", "CFA francs", "pounds" when a scale or "sterling" says money).
// Percentages have Unit "%" ("38%", "38 percent", "38 per cent"),
// percentage points "pp". Measures have the unit's short name ("km",
// "miles", "kg", "tonnes", "ha", "magnitude", …); spans of time are
// measures too ("three days" → 3 "days"). Ages are Unit "years" with
// Qualifier "age" ("a 33-year-old man", "aged 33", "Smith, 33,").
//
// # Intervals
//
// Low and High bound the amount; nil is an open side; Low ≤ Value ≤ High
// whenever both are set. Exclusive tells whether a bound is exclusive.
//
//	exact, "just", "only", "exactly", "a mere"     [v, v]
//	"about", "around", "roughly", "approximately",
//	"some", "an estimated", "close to", "or so"   [v − 10%, v + 10%]
//	"nearly", "almost", "just shy of"              [v − 10%, v]
//	"more than", "over", "above", "upwards of"     (v, nil)   Low exclusive
//	"at least", "no fewer than", "or more"         [v, nil)
//	"less than", "under", "fewer than", "below"    (nil, v)   High exclusive
//	"up to", "as many as", "at most"               (nil, v]
//	"200-300", "between 200 and 300", "200 to 300",
//	"two or three"                                 [200, 300], Value nil
//
// Amounts stated without a number have a nil Value, their bounds, and the
// words as Qualifier: "a few" [2, 5], "a couple of" [2, 3], "a handful of"
// [2, 6], "several" [3, 9], "dozens of" [24, 132], "scores of" [40, 199],
// "hundreds of" [200, 999], "thousands of" [2000, 9999], "millions of"
// [2e6, 9999999]; "tens of thousands" multiplies ([20000, 99000]), and so
// do "several hundred" ([300, 900]) and "a few thousand" ([2000, 5000]).
// "A dozen" is 12. A qualifier before a vague amount keeps only the bound
// it allows: "at least dozens of" is [24, nil).
//
// "200 more" and "another 200" count additional things: Qualifier "more"
// or the words before ("another", "an additional"), interval [v, v], and
// Noun "" when the noun is left out ("with 200 more to follow").
//
// # Nouns
//
// Noun is the noun phrase after the number: its adjectives, nationality
// words and initialisms are kept ("U.S. military personnel"), and it stops
// at a function word, a verb, punctuation, or its plural head (a word in
// -s, or "people", "personnel", …). After "hundreds of", "dozens of", a
// percentage or a measure, the noun follows "of" ("38% of voters"). A
// hyphenated count gives its noun: "a 12-member team" → 12 "member"; a
// hyphenated measure keeps the noun that follows ("a 6.1-magnitude
// earthquake" → 6.1 "magnitude", noun "earthquake").
//
// # Unspecified amounts
//
// "an unknown (undisclosed, unspecified, untold …) number of X", "X, whose
// number is not specified (was not given, remains unknown …)", "the number
// of X was not disclosed", "did not say how many X", "it is not clear how
// many X" give a Quantity with Unspecified set, Value, Low and High nil,
// Qualifier "unspecified", and Noun the counted noun phrase; its span
// covers that noun and the phrase that says the amount is unknown.
//
// # Not quantities
//
// Years (a bare 4-digit integer from 1000 to 2100 without a qualifier,
// currency or unit: "in 2023", "a 2023 coup", "2020-2022"), decades
// ("1990s"), dates ("March 26", "26 March", "April 10, 2024",
// "2024-04-12", "12/04/2024"), clock times ("10 a.m.", "7:35", "2045
// GMT"), model and product numbers ("Ilyushin 76", "F-16", "COVID-19",
// "Su-25", "IE9"; a plain number right after a capitalised word other than
// a function word, outside headlines), ordinals ("36th"; "the first 100
// personnel" is 100 personnel), references ("page 20", "No. 1", "flight
// 370", "version 2.1", "top 10"), phone numbers, scores ("31-24"),
// fractions ("1/3", "24/7") and versions ("2.7.1") give nothing.
//
// # Limits
//
// English only. A plain "2000 people" is taken for a year; a number after
// a proper noun ("Boeing 737 jets") for a model; "from 200 to 300" for two
// amounts, not a range. Nouns are found without a tagger, so a verb that
// is not in the lexicon and follows a singular noun joins the phrase. Units
// are not converted ("58km (36 miles)" gives two measures).
package quantity

import (
	"slices"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// Find returns the quantities stated in text, sorted by Start. sents are
// the sentences of text (segment.Split); a quantity never crosses a
// sentence, and Sentence is the Index of the one that holds it. With no
// sentences the whole text is read as one, of index 0. Find is safe for
// concurrent use.
func Find(text string, sents []news.Sentence) []news.Quantity {
	if len(sents) == 0 {
		if strings.TrimSpace(text) == "" {
			return nil
		}
		sents = []news.Sentence{{Start: 0, End: len(text)}}
	}
	s := scan{text: text}
	for _, st := range sents {
		a, b := max(st.Start, 0), min(st.End, len(text))
		if a >= b {
			continue
		}
		s.t = tokenize(s.t[:0], text, a, b)
		s.sent = st.Index
		s.floor = 0
		s.title = titleCase(s.t)
		for i := 0; i < len(s.t); {
			if j := s.at(i); j > i {
				i = j
			} else {
				i++
			}
		}
	}
	slices.SortStableFunc(s.out, func(x, y news.Quantity) int { return x.Start - y.Start })
	return s.out
}

// scan is the state of one call of Find.
type scan struct {
	text  string
	t     []token // the tokens of the current sentence
	sent  int
	title bool // the sentence is a headline in title case
	// floor is the first token not used by a quantity already found:
	// qualifiers and nouns looked for backwards stop there.
	floor int
	out   []news.Quantity
}

// titleCase reports whether a sentence is a headline in title case, where
// a capitalised word before a number is no sign of a model name.
func titleCase(t []token) bool {
	words, caps := 0, 0
	for _, tk := range t {
		if tk.k != kWord {
			continue
		}
		if !tk.up && stopWords[tk.low] {
			continue
		}
		words++
		if tk.up {
			caps++
		}
	}
	return words >= 3 && caps*5 >= words*4
}

// at looks for a quantity starting at token i and returns the index of the
// first token after what it used (or skipped as a non-quantity), or i.
func (s *scan) at(i int) int {
	tk := &s.t[i]
	switch tk.k {
	case kNum:
		return s.digits(i)
	case kWord:
		w := tk.low
		switch {
		case w == "whose":
			return s.whose(i)
		case w == "number" || w == "numbers":
			return s.numberOf(i)
		case w == "how":
			return s.howMany(i)
		case unknownWords[w]:
			return s.unknownNumber(i)
		}
		if spelledStart(w) {
			return s.spelled(i)
		}
	}
	return i
}

// spelledStart reports whether w may start a number in words.
func spelledStart(w string) bool {
	switch w {
	case "a", "an", "half":
		return true
	case "zero":
		return false // "zero tolerance", "zero-day"
	}
	if isNumberWord(w) {
		return true
	}
	if _, ok := vagueWords[w]; ok {
		return true
	}
	if h := strings.IndexByte(w, '-'); h > 0 {
		return isNumberWord(w[:h]) && w[:h] != "zero"
	}
	return false
}

// Token helpers; all are false out of range.

func (s *scan) word(j int, w string) bool {
	return j >= 0 && j < len(s.t) && s.t[j].k == kWord && s.t[j].low == w
}

func (s *scan) isWord(j int) bool { return j >= 0 && j < len(s.t) && s.t[j].k == kWord }

func (s *scan) isNum(j int) bool { return j >= 0 && j < len(s.t) && s.t[j].k == kNum }

func (s *scan) sym(j int, r rune) bool {
	return j >= 0 && j < len(s.t) && s.t[j].k == kSym && s.t[j].r == r
}

func (s *scan) glued(j int) bool { return j >= 0 && j < len(s.t) && !s.t[j].sp }

func (s *scan) low(j int) string {
	if j < 0 || j >= len(s.t) || s.t[j].k != kWord {
		return ""
	}
	return s.t[j].low
}

// isDash reports whether token j is a hyphen or a dash.
func (s *scan) isDash(j int) bool {
	return s.sym(j, '-') || s.sym(j, '–') || s.sym(j, '—') || s.sym(j, '‑')
}

// emit records a quantity spanning tokens first..last.
func (s *scan) emit(first, last int, q news.Quantity) {
	q.Start, q.End = s.t[first].s, s.t[last].e
	q.Text = s.text[q.Start:q.End]
	q.Sentence = s.sent
	s.out = append(s.out, q)
	s.floor = last + 1
}
