package quantity

import (
	"math"
	"strconv"
	"strings"
)

// English number words. Written for this package from the rules of English
// numerals; no outside data.
var (
	unitWords = map[string]float64{
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
		"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
		"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
		"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
		"nineteen": 19,
	}
	tensWords = map[string]float64{
		"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
		"seventy": 70, "eighty": 80, "ninety": 90,
	}
	// scaleWords multiply what comes before them. "dozen" is one too:
	// "two dozen" is 24.
	scaleWords = map[string]float64{
		"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
		"trillion": 1e12, "dozen": 12,
		// South Asian scales, common with rupees.
		"lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
	}
	// scaleAbbrevs are the short scales of financial writing ("$5bn",
	// "€2.5 bn", "$300m"). The ambiguous ones (m, k, b, tn) are read as
	// scales only after a currency: "100m" alone is a hundred metres.
	scaleAbbrevs = map[string]float64{
		"bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "trn": 1e12,
	}
	scaleAbbrevsMoney = map[string]float64{
		"m": 1e6, "k": 1e3, "b": 1e9, "tn": 1e12, "mil": 1e6,
	}
)

// vague is an amount stated without a number: "several", "hundreds of".
// The bounds are the reading this package documents, see Find.
type vague struct {
	lo, hi float64
	// of is set when the word takes "of" before its noun ("hundreds of
	// people"); the plural scales also combine: "tens of thousands".
	of bool
	// mult is set for words that multiply a following scale: "several
	// hundred", "a few thousand".
	mult bool
}

var vagueWords = map[string]vague{
	"several":   {lo: 3, hi: 9, mult: true},
	"dozens":    {lo: 24, hi: 132, of: true},
	"scores":    {lo: 40, hi: 199, of: true},
	"tens":      {lo: 20, hi: 99, of: true},
	"hundreds":  {lo: 200, hi: 999, of: true},
	"thousands": {lo: 2000, hi: 9999, of: true},
	"millions":  {lo: 2e6, hi: 9999999, of: true},
	"billions":  {lo: 2e9, hi: 9999999999, of: true},
}

// vagueAfterA are the vague amounts that start with "a": "a few".
var vagueAfterA = map[string]vague{
	"few":     {lo: 2, hi: 5, mult: true},
	"couple":  {lo: 2, hi: 3, of: true},
	"handful": {lo: 2, hi: 6, of: true},
}

// pluralScale maps the plural scales that follow "tens of", "hundreds of"
// to their size.
var pluralScale = map[string]float64{
	"thousands": 1e3, "millions": 1e6, "billions": 1e9,
}

// isNumberWord reports whether w starts a spelled-out number.
func isNumberWord(w string) bool {
	if _, ok := unitWords[w]; ok {
		return true
	}
	if _, ok := tensWords[w]; ok {
		return true
	}
	return false
}

// parseDigits reads the numeric part of a number token: "1,000" → 1000,
// "6.1" → 6.1, ".308" → 0.308. It rejects thousands separators in the
// wrong places ("1,00") and more than one decimal point ("1.2.3", a
// version), and reports the shape of the number.
func parseDigits(s string) (v float64, sh shape, ok bool) {
	if len(s) > 40 {
		return 0, sh, false
	}
	dot := strings.IndexByte(s, '.')
	if dot >= 0 && strings.IndexByte(s[dot+1:], '.') >= 0 {
		return 0, sh, false
	}
	intPart := s
	if dot >= 0 {
		intPart = s[:dot]
		sh.decimal = true
		if strings.IndexByte(s[dot:], ',') >= 0 {
			return 0, sh, false
		}
	}
	if strings.IndexByte(intPart, ',') >= 0 {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return 0, sh, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, sh, false
			}
		}
		sh.comma = true
		s = strings.ReplaceAll(s, ",", "")
		intPart = strings.ReplaceAll(intPart, ",", "")
	}
	sh.digits = len(intPart)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, sh, false
	}
	return v, sh, true
}

// shape is how a number was written.
type shape struct {
	digits  int  // digits before the decimal point
	comma   bool // has thousands separators
	decimal bool
}

// plain reports whether the number is a bare integer, the shape of years,
// days, model numbers and page numbers.
func (s shape) plain() bool { return !s.comma && !s.decimal }

// finite reports whether v is a usable value.
func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }
