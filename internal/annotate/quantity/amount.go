package quantity

import (
	"math"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// amount is a quantity being read.
type amount struct {
	// first and last are the tokens read so far, with a currency before
	// the number; num is the first token of the number itself.
	first, last, num int

	v     float64 // the number, scaled
	raw   float64 // the number before its scale words
	scale float64 // the product of its scale words, 1 when none
	has   bool    // v is stated (false for a vague amount)
	sh    shape
	words bool // spelled out

	// vague amounts and ranges
	vague      bool
	vagueName  string
	lo, hi     float64
	vagueOf    bool // the noun follows "of": "hundreds of people"
	rng        bool
	rangeFirst int // "between" when it opens the range

	cur  string // currency code
	unit string
	age  bool
	// against is a tally's second number ("97-1"; unit "tally").
	against float64
	adj     bool   // a hyphenated adjective: "a 6.1-magnitude earthquake"
	noun    string // a noun the number carries itself: "12-member"

	qual      string
	qualFirst int
	bnd       bound
	post      string
	more      bool
	bad       bool // not an amount after all
}

// digits reads the quantity whose number starts with the digits of token i.
func (s *scan) digits(i int) int {
	if s.gluedBefore(i) || s.gluedAfter(i) || s.afterReference(i) {
		return s.skipChain(i)
	}
	if s.isNum(i+1) && s.t[i+1].sp {
		// Numbers in a row are a phone number or a list: "0845 125 2222".
		j := i + 1
		for s.isNum(j) && s.t[j].sp {
			j++
		}
		return j
	}
	a, ok := s.digitCore(i)
	if !ok {
		return s.skipChain(i)
	}
	return s.finish(a)
}

// gluedBefore reports whether the number at i is glued to a name or code
// before it: "F-16", "COVID-19", "mid-2023", "No.1", "#5", "+44", "1 / 3".
func (s *scan) gluedBefore(i int) bool {
	if i == 0 {
		return false
	}
	p := &s.t[i-1]
	if p.k == kSym && p.r == '/' {
		return true
	}
	if p.k == kSym && p.r == ':' && !p.sp && i >= 2 && s.t[i-2].k == kNum {
		return true // "7: 35", a clock time split by ECB+
	}
	if s.t[i].sp {
		return false
	}
	switch p.k {
	case kWord, kNum:
		return true
	}
	switch p.r {
	case '#', '№':
		return true
	case '+':
		return s.isNum(i+1) || s.t[i].ne-s.t[i].s >= 6
	case '-', '‑', '–', '/', ':', '.', '_', '\\', '@', '&', '=':
		if i >= 2 && !p.sp && (s.t[i-2].k == kWord || s.t[i-2].k == kNum) {
			// "magnitude-6.1" is a measure, not a model.
			return !(p.r == '-' && s.t[i-2].low == "magnitude")
		}
	}
	return false
}

// afterReference reports whether the number at i, first in its sentence,
// follows "No." or "p." that the segmenter took for the end of a sentence.
func (s *scan) afterReference(i int) bool {
	if i != 0 {
		return false
	}
	before := strings.TrimRight(s.text[:s.t[i].s], " \t\n")
	if !strings.HasSuffix(before, ".") {
		return false
	}
	before = before[:len(before)-1]
	w := len(before)
	for w > 0 && isLetter(before[w-1]) {
		w--
	}
	return w < len(before) && referenceWords[lower(before[w:])]
}

// gluedAfter reports whether what follows the number at i makes it a clock
// time ("7:35"), a fraction or a date ("1/3", "12/04/2024"), a phone number
// ("555-1234") or an ISO date ("2024-04-12").
func (s *scan) gluedAfter(i int) bool {
	if s.sym(i+1, '/') && s.isNum(i+2) {
		return true
	}
	if !s.glued(i + 1) {
		return false
	}
	if s.sym(i+1, ':') && s.isNum(i+2) {
		return true
	}
	if s.isDash(i+1) && s.isNum(i+2) && s.glued(i+2) {
		if s.isDash(i+3) && s.glued(i+3) && s.isNum(i+4) {
			return true // three parts: a date or a phone number
		}
		a, b := s.t[i], s.t[i+2]
		if a.ne-a.s == 3 && b.ne-b.s == 4 && a.low == "" && b.low == "" &&
			allDigits(s.text[a.s:a.ne]) && allDigits(s.text[b.s:b.ne]) {
			return true
		}
	}
	return false
}

// skipChain returns the token after the number at i and whatever is glued
// to it by separators: "2024-04-12", "10:30", "7: 35".
func (s *scan) skipChain(i int) int {
	j := i + 1
	for j+1 < len(s.t) && s.t[j].k == kSym && !s.t[j].sp && s.isNum(j+1) {
		switch s.t[j].r {
		case '-', '‑', '–', '/', ':', '.', ',':
		default:
			return j
		}
		if s.t[j+1].sp && s.t[j].r != ':' {
			return j
		}
		j += 2
	}
	return j
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

// monthNear reports whether a month name stands right before or after
// token i: "March 26", "Jan. 5", "26 March".
func (s *scan) monthNear(i int) bool {
	k := i - 1
	if s.sym(k, '.') && s.glued(k) {
		k--
	}
	if s.isWord(k) && s.t[k].up && months[s.t[k].low] {
		return true
	}
	k = i + 1
	if s.word(k, "of") {
		k++
	}
	return s.isWord(k) && s.t[k].up && months[s.t[k].low]
}

// digitCore reads the number in digits at token i, with a currency before
// it and its scale ("1.5 million", "$5bn"). A day of a month is rejected.
func (s *scan) digitCore(i int) (amount, bool) {
	tk := &s.t[i]
	v, sh, ok := parseDigits(s.text[tk.s:tk.ne])
	if !ok {
		return amount{}, false
	}
	a := amount{first: i, last: i, num: i, v: v, sh: sh, has: true, scale: 1}
	a.cur, a.first = s.currencyBefore(i)
	if a.cur == "" && sh.plain() && v >= 1 && v <= 31 && s.monthNear(i) {
		return a, false
	}
	if sh.plain() && sh.digits >= 2 && s.text[tk.s] == '0' {
		return a, false // a code or a clock time: "0845", "09"
	}
	st := i // the token whose letters are the suffix
	if tk.low == "" && sh.plain() {
		// ECB+ splits numbers after their separators: "6, 000", "$37. 5
		// million", "4. 6 magnitude". Within a sentence these are numbers
		// (the segmenter ends a sentence at "rose to 12. 15 others").
		for sh.digits <= 3 && s.sym(a.last+1, ',') && s.glued(a.last+1) && s.isNum(a.last+2) && s.t[a.last+2].sp {
			n := &s.t[a.last+2]
			if n.ne-n.s != 3 || !allDigits(s.text[n.s:n.ne]) {
				break
			}
			v2, _, _ := parseDigits(s.text[n.s:n.ne])
			a.v = a.v*1000 + v2
			a.sh.comma = true
			a.last += 2
			st = a.last
			if n.low != "" {
				break
			}
		}
		if a.last == i && s.sym(i+1, '.') && s.glued(i+1) && s.isNum(i+2) && s.t[i+2].sp {
			n := &s.t[i+2]
			if allDigits(s.text[n.s:n.ne]) {
				if f, _, ok := parseDigits(s.text[tk.s:tk.ne] + "." + s.text[n.s:n.ne]); ok {
					a.v = f
					a.sh.decimal = true
					a.last, st = i+2, i+2
				}
			}
		}
	}
	switch suf := s.t[st].low; {
	case suf == "":
	case ordinalSuffixes[suf] || suf == "s" || timeSuffixes[suf]:
		return a, false
	case scaleAbbrevs[suf] > 0:
		a.scale = scaleAbbrevs[suf]
	case a.cur != "" && scaleAbbrevsMoney[suf] > 0:
		a.scale = scaleAbbrevsMoney[suf]
	case scaleWords[suf] > 0 && scaleWords[suf] != 12:
		a.scale = scaleWords[suf]
	case gluedUnits[suf] != "" && a.cur == "":
		a.unit = gluedUnits[suf]
	default:
		return a, false // a code: "5G", "4x4"
	}
	a.raw = a.v
	s.scales(&a)
	return a, finite(a.v)
}

// scales applies the scale words after a number: "1.5 million", "$3 bn".
func (s *scan) scales(a *amount) {
	for n := 0; n < 3 && a.unit == ""; n++ {
		j := a.last + 1
		if !s.isWord(j) || !s.t[j].sp {
			break
		}
		w := s.t[j].low
		sc, ok := scaleWords[w]
		if !ok {
			sc, ok = scaleAbbrevs[w]
		}
		if !ok && a.cur != "" {
			sc, ok = scaleAbbrevsMoney[w]
		}
		if !ok {
			break
		}
		a.scale *= sc
		a.last = j
	}
	a.v = a.raw * a.scale
}

// currencyBefore returns the currency written before the number at i
// ("$", "US$", "€", "Rs.", "USD") and the token it starts at.
func (s *scan) currencyBefore(i int) (string, int) {
	k := i - 1
	if k < s.floor {
		return "", i
	}
	tk := &s.t[k]
	if tk.k == kSym {
		code, ok := currencySymbols[tk.r]
		if !ok {
			if tk.r == '.' && !tk.sp && s.isWord(k-1) && s.t[k-1].up && currencyCodes[s.t[k-1].low] != "" && k-1 >= s.floor {
				return currencyCodes[s.t[k-1].low], k - 1 // "Rs. 500"
			}
			return "", i
		}
		if tk.r == '$' && !tk.sp && s.isWord(k-1) && k-1 >= s.floor {
			if c, ok := dollarPrefixes[s.t[k-1].low]; ok && s.t[k-1].up {
				return c, k - 1
			}
		}
		return code, k
	}
	if tk.k == kWord && tk.up && currencyCodes[tk.low] != "" {
		return currencyCodes[tk.low], k
	}
	return "", i
}

// spelled reads the quantity whose number is spelled out from token i.
func (s *scan) spelled(i int) int {
	a, ok := s.spelledCore(i)
	if !ok {
		return i
	}
	return s.finish(a)
}

// spelledCore reads a number in words or a vague amount at token i.
func (s *scan) spelledCore(i int) (amount, bool) {
	tk := &s.t[i]
	w := tk.low
	a := amount{first: i, last: i, num: i, has: true, words: true, scale: 1}
	// A capitalised number word after a name is part of a name:
	// "Formula One", "the Big Three".
	if tk.up && !s.title && i > 0 && s.isWord(i-1) && s.t[i-1].up && !stopWords[s.t[i-1].low] {
		return a, false
	}
	switch w {
	case "a", "an":
		if i+1 >= len(s.t) || !s.t[i+1].sp {
			return a, false
		}
		n := s.t[i+1].low
		if _, ok := scaleWords[n]; ok {
			v, last, ok := s.wordsValue(i + 1)
			if !ok {
				return a, false
			}
			a.v, a.raw, a.last = v, v, last
			return a, true
		}
		if vg, ok := vagueAfterA[n]; ok {
			if (n == "couple") && !s.word(i+2, "of") {
				return a, false
			}
			return s.vagueAmount(a, i+1, n, vg, "a "+n)
		}
		return a, false
	case "half":
		if s.word(i+1, "a") {
			if sc, ok := scaleWords[s.low(i+2)]; ok {
				a.v, a.raw, a.last = sc/2, sc/2, i+2
				return a, true
			}
		}
		return a, false
	}
	if vg, ok := vagueWords[w]; ok {
		return s.vagueAmount(a, i, w, vg, w)
	}
	if h := strings.IndexByte(w, '-'); h > 0 && !isTensUnit(w) {
		return s.spelledAdjective(a, i)
	}
	v, last, ok := s.wordsValue(i)
	if !ok {
		return a, false
	}
	if v == 1 && last == i {
		// "one of", "no one", "one another", "the one who".
		switch s.low(i - 1) {
		case "no", "the", "this", "that", "every", "any", "each", "which", "anyone", "someone", "such", "at":
			return a, false
		}
		switch s.low(i + 1) {
		case "of", "another", "by", "after", "day", "time", "way", "side", "hand", "thing":
			return a, false
		}
	}
	a.v, a.raw, a.last = v, v, last
	return a, true
}

// isTensUnit reports whether w is a compound like "twenty-five".
func isTensUnit(w string) bool {
	h := strings.IndexByte(w, '-')
	if h < 0 {
		return false
	}
	_, ok1 := tensWords[w[:h]]
	u, ok2 := unitWords[w[h+1:]]
	return ok1 && ok2 && u > 0 && u < 10
}

// spelledAdjective reads a hyphenated compound that starts with a number
// word: "eight-year", "three-day", "twenty-five-year-old", "100-strong".
func (s *scan) spelledAdjective(a amount, i int) (amount, bool) {
	parts := strings.Split(s.t[i].low, "-")
	var v float64
	k := 0
	if len(parts) >= 2 && isTensUnit(parts[0]+"-"+parts[1]) {
		v = tensWords[parts[0]] + unitWords[parts[1]]
		k = 2
	} else if u, ok := unitWords[parts[0]]; ok {
		v, k = u, 1
	} else if t, ok := tensWords[parts[0]]; ok {
		v, k = t, 1
	} else {
		return a, false
	}
	if k >= len(parts) {
		return a, false
	}
	rest := parts[k:]
	a.v, a.raw = v, v
	switch {
	case len(rest) == 2 && (rest[1] == "old" || rest[1] == "olds") && units[rest[0]] != "":
		a.age, a.unit = true, units[rest[0]]
	case len(rest) == 1 && units[rest[0]] != "" && rest[0] != "m":
		a.unit, a.adj = units[rest[0]], true
	case len(rest) == 1 && rest[0] == "strong":
		a.adj = true
	case len(rest) == 1 && (rest[0] == "percent" || rest[0] == "per-cent"):
		a.unit, a.adj = "%", true
	default:
		return a, false
	}
	return a, true
}

// vagueAmount reads an amount stated without a number at token j, the
// word w: "several hundred", "tens of thousands", "dozens".
func (s *scan) vagueAmount(a amount, j int, w string, vg vague, name string) (amount, bool) {
	a.has, a.vague = false, true
	a.lo, a.hi, a.last = vg.lo, vg.hi, j
	a.vagueName = name
	if vg.mult {
		if sc, ok := scaleWords[s.low(j+1)]; ok && s.t[j+1].sp {
			a.lo, a.hi = vg.lo*sc, vg.hi*sc
			a.last = j + 1
			a.vagueName = name + " " + s.t[j+1].low
			a.vagueOf = false
		}
		if s.word(a.last+1, "of") && a.last == j {
			a.vagueOf = true
		}
		return a, true
	}
	if vg.of {
		if s.word(j+1, "of") {
			if sc, ok := pluralScale[s.low(j+2)]; ok {
				a.lo, a.hi = vg.lo*sc, vg.hi*sc
				a.last = j + 2
				a.vagueName = name + " of " + s.t[j+2].low
			}
		} else if w == "tens" {
			return a, false
		}
		a.vagueOf = true
		if s.word(a.last+1, "of") {
			a.vagueName += " of"
		}
	}
	return a, true
}

// wordsValue reads a number in words from token i: "three", "twenty five",
// "one hundred and fifty", "two and a half million", "a dozen" (from
// "dozen"). A scale word may start it only at i ("hundred" after "a").
func (s *scan) wordsValue(i int) (float64, int, bool) {
	total, cur := 0.0, 0.0
	const (
		none = iota
		unit
		tens
		hundred
		big
	)
	prev := none
	lastBig := math.Inf(1)
	last := -1
	for j := i; j < len(s.t); j++ {
		tk := &s.t[j]
		if tk.k != kWord || (j > i && !tk.sp) {
			break
		}
		w := tk.low
		if w == "and" {
			if (prev == hundred || prev == big) && isNumberWord(s.low(j+1)) {
				continue
			}
			if (prev == unit || prev == tens) && s.word(j+1, "a") && s.word(j+2, "half") {
				cur += 0.5
				j += 2
				last = j
				continue
			}
			break
		}
		if isTensUnit(w) {
			if prev == unit || prev == tens {
				break
			}
			h := strings.IndexByte(w, '-')
			cur += tensWords[w[:h]] + unitWords[w[h+1:]]
			prev, last = unit, j
			continue
		}
		if u, ok := unitWords[w]; ok {
			if prev == unit || (prev == tens && (u >= 10 || u == 0)) {
				break
			}
			cur += u
			prev, last = unit, j
			continue
		}
		if t, ok := tensWords[w]; ok {
			if prev == unit || prev == tens {
				break
			}
			cur += t
			prev, last = tens, j
			continue
		}
		sc, ok := scaleWords[w]
		if !ok || w == "lakh" || w == "lakhs" || w == "crore" || w == "crores" {
			break
		}
		if cur == 0 {
			if j != i {
				break
			}
			cur = 1
		}
		if sc == 100 || sc == 12 {
			if prev == hundred || cur >= 100 {
				break
			}
			cur *= sc
			prev, last = hundred, j
			continue
		}
		if sc >= lastBig {
			break
		}
		total += cur * sc
		cur = 0
		lastBig = sc
		prev, last = big, j
	}
	if last < 0 {
		return 0, 0, false
	}
	return total + cur, last, true
}

// finish reads what stands around the number of a: the qualifier before
// it, its unit, a range, the counted noun; and records the quantity.
func (s *scan) finish(a amount) int {
	numEnd := a.last
	a.qual, a.qualFirst, a.bnd = s.qualifierBefore(a.first)
	before := s.low(a.first - 1)
	var between, from bool
	if a.qual == "" && a.first-1 >= s.floor {
		switch before {
		case "between":
			between = true
		case "from":
			from = true
		case "magnitude":
			a.unit, a.qualFirst = "magnitude", a.first-1
		case "of":
			if s.low(a.first-2) == "magnitude" && a.first-2 >= s.floor {
				a.unit, a.qualFirst = "magnitude", a.first-2 // "a magnitude of 4.7"
			}
		}
		// "measuring 5.9 on the Richter scale".
		if a.unit == "" && s.word(a.last+1, "on") && s.word(a.last+2, "the") && s.word(a.last+3, "richter") {
			a.unit = "magnitude"
		}
		if ageWords[before] && a.has && a.cur == "" && a.unit == "" {
			a.age, a.unit, a.qualFirst = true, "years", a.first-1
		}
		if a.first >= 2 && s.sym(a.first-1, '-') && s.glued(a.first) && s.low(a.first-2) == "magnitude" && a.first-2 >= s.floor {
			a.unit, a.qualFirst = "magnitude", a.first-2
		}
	}
	j := s.suffix(&a, a.last+1)
	if a.bad {
		return numEnd + 1
	}
	if !a.vague && !a.age {
		j = s.rangeAfter(&a, j, between, from)
		if a.bad {
			return a.last + 1
		}
		if a.rng && between {
			a.rangeFirst = a.first - 1
		}
		if a.rng && !a.words && a.cur == "" && a.unit == "" && s.sym(a.first-1, '(') && s.isDash(a.num+1) &&
			(s.sym(a.last+1, ')') || s.sym(a.last+1, ',')) {
			return a.last + 1 // a sports record: "the Sixers (9-14)"
		}
	}
	if a.has && !a.rng && a.qual == "" && s.word(a.first-1, "minus") && a.first-1 >= s.floor {
		a.v, a.qualFirst = -a.v, a.first-1 // "minus 20"
	}
	j = s.postQualifier(&a, j)
	// "dies at 96", "died at 91": an age at death (not "died at 10 p.m.",
	// a clock time the suffix has refused).
	if before == "at" && a.qual == "" && deathWords[s.low(a.first-2)] && a.has && !a.words && a.v >= 1 && a.v <= 120 &&
		a.v == math.Trunc(a.v) && a.cur == "" && a.unit == "" && a.noun == "" && !s.isWord(j) {
		a.age, a.unit = true, "years"
	}
	if s.notAmount(&a) {
		return numEnd + 1
	}
	if a.vague && a.vagueOf && a.cur == "" && s.word(j, "of") {
		if c, ok := currencyNames[s.low(j+1)]; ok {
			a.cur = c // "billions of euros"
			j += 2
		}
	}
	// The counted noun.
	nf, nl := j, j-1
	if a.noun == "" {
		plural := !a.adj && a.unit == "" && a.cur == "" && !a.age && !(a.has && a.v == 1 && !a.rng)
		switch {
		case a.vague && a.vagueOf:
			nf, nl = s.nounAfter(j, plural, true, true, false)
		case a.unit != "" || a.cur != "":
			nf, nl = s.nounAfter(j, false, true, false, false)
		default:
			nf, nl = s.nounAfter(j, plural, true, false, true)
		}
		if nl >= nf {
			a.noun = s.text[s.t[nf].s:s.t[nl].e]
		}
	}
	if a.words && a.has && a.v == 1 && !a.rng && a.noun == "" && a.unit == "" && a.cur == "" {
		return numEnd + 1 // "one" alone is a pronoun
	}
	if a.noun == "" && a.yearLike() {
		return numEnd + 1 // "about 1970" is a date
	}
	last := max(a.last, j-1, nl)
	first := min(a.first, a.qualFirst)
	if a.rng && between {
		first = min(first, a.rangeFirst)
	}
	s.emit(first, last, a.quantity())
	return last + 1
}

// yearLike reports whether a is a bare integer that could be a year.
func (a *amount) yearLike() bool {
	return a.has && !a.words && !a.rng && a.cur == "" && a.unit == "" && a.scale == 1 &&
		a.sh.plain() && a.sh.digits == 4 && a.v >= 1000 && a.v <= 2100
}

// quantity turns a into its annotation (without the span).
func (a *amount) quantity() news.Quantity {
	q := news.Quantity{Unit: a.unit, Noun: a.noun}
	if a.unit == "tally" {
		q.Against = ptr(a.against)
	}
	if a.cur != "" {
		q.Unit = a.cur
	}
	var quals []string
	if a.qual != "" {
		quals = append(quals, a.qual)
	}
	if a.vagueName != "" {
		quals = append(quals, a.vagueName)
	}
	if a.post != "" {
		quals = append(quals, a.post)
	}
	if a.more {
		quals = append(quals, "more")
	}
	if a.age {
		quals = append(quals, "age")
	}
	q.Qualifier = strings.Join(quals, " ")
	switch {
	case a.rng:
		q.Low, q.High = ptr(a.lo), ptr(a.hi)
	case a.vague:
		q.Low, q.High = ptr(a.lo), ptr(a.hi)
		switch a.bnd {
		case bOver, bAtLeast:
			q.High = nil
		case bUnder, bUpTo:
			q.Low = nil
		}
	default:
		q.Value = ptr(a.v)
		q.Low, q.High = a.bnd.interval(a.v)
	}
	return q
}

// qualifierBefore returns the qualifier that ends right before token i,
// the token it starts at (i when none) and its interval.
func (s *scan) qualifierBefore(i int) (string, int, bound) {
	var buf [4]string
	for n := 4; n >= 1; n-- {
		k := i - n
		if k < s.floor {
			continue
		}
		ok := true
		for m := 0; m < n; m++ {
			tk := &s.t[k+m]
			if tk.k != kWord || (m > 0 && !tk.sp) {
				ok = false
				break
			}
			buf[m] = tk.low
		}
		if !ok {
			continue
		}
		key := buf[0]
		if n > 1 {
			key = strings.Join(buf[:n], " ")
		}
		if b, ok := qualifiers[key]; ok {
			return key, k, b
		}
	}
	return "", i, bExact
}

// suffix reads what follows a number: a hyphenated unit or noun, a percent
// sign, a currency name, a unit of measure. It returns the next token.
func (s *scan) suffix(a *amount, j int) int {
	// "6.1-magnitude", "33-year-old", "12-member", "100-strong".
	if s.isDash(j) && s.glued(j) && s.isWord(j+1) && s.glued(j+1) && !a.vague {
		w := s.t[j+1].low
		head, rest := w, ""
		if h := strings.IndexByte(w, '-'); h >= 0 {
			head, rest = w[:h], w[h+1:]
		}
		switch {
		case (rest == "old" || rest == "olds") && units[head] != "":
			a.age, a.unit = true, units[head]
		case head == "percent" || head == "per":
			a.unit, a.adj = "%", true
		case a.unit == "" && a.cur == "" && units[head] != "" && rest == "":
			a.unit, a.adj = units[head], true
		case head == "strong" && rest == "":
			a.adj = true
		case head == "plus" && rest == "":
			a.post, a.bnd = "plus", bOver
		case head == "odd" && rest == "":
			a.post, a.bnd = "odd", bAbout
		case stopWords[head] || isNumberWord(head) || modelFollowers[head] || head == "fold" || head == "time" || head == "times" ||
			head == "way" || head == "year-old" || a.cur != "" || a.unit != "" || rest != "":
			a.bad = true
			return j
		default:
			a.noun, a.adj = s.text[s.t[j+1].s:s.t[j+1].e], true
		}
		return j + 2
	}
	if a.unit != "" || a.age {
		return s.ageAfter(a, j)
	}
	switch {
	case s.sym(j, '%'):
		a.unit = "%"
		return j + 1
	case !s.isWord(j):
		if s.sym(j, '°') && s.glued(j+1) && (s.low(j+1) == "c" || s.low(j+1) == "f") {
			a.unit = "°" + strings.ToUpper(s.low(j+1))
			return j + 2
		}
		if s.sym(j, '+') && s.glued(j) && a.post == "" {
			a.post, a.bnd = "plus", bOver
			return j + 1
		}
		return j
	}
	w := s.t[j].low
	switch w {
	case "percent", "pct", "percentage":
		if w == "percentage" {
			if n := s.low(j + 1); n == "points" || n == "point" {
				a.unit = "pp"
				return j + 2
			}
			return j
		}
		a.unit = "%"
		return j + 1
	case "per":
		if s.word(j+1, "cent") {
			a.unit = "%"
			return j + 2
		}
		return j
	}
	if a.cur == "" {
		if c, n := s.currencyAfter(a, j); n > 0 {
			a.cur = c
			return j + n
		}
	}
	if a.cur != "" {
		return j
	}
	if w == "square" || w == "sq" {
		k := j + 1
		if s.sym(k, '.') && s.glued(k) {
			k++
		}
		switch units[s.low(k)] {
		case "km":
			a.unit = "km²"
		case "miles":
			a.unit = "sq mi"
		case "m":
			a.unit = "m²"
		case "ft":
			a.unit = "sq ft"
		default:
			return j
		}
		return k + 1
	}
	if u := units[w]; u != "" && !(s.t[j].up && w == "m") {
		if u == "hours" && a.has && a.sh.plain() && a.sh.digits == 4 && int(a.v)%100 < 60 && a.v < 2400 {
			a.bad = true // "1100 hrs", a clock time
			return j
		}
		a.unit = u
		j++
		switch {
		case u == "degrees" && (s.low(j) == "celsius" || s.low(j) == "c"):
			a.unit = "°C"
			j++
		case u == "degrees" && (s.low(j) == "fahrenheit" || s.low(j) == "f"):
			a.unit = "°F"
			j++
		case u == "km" && s.sym(j, '/') && s.glued(j) && s.low(j+1) == "h":
			a.unit = "km/h"
			j += 2
		case u == "miles" && s.word(j, "per") && s.word(j+1, "hour"):
			a.unit = "mph"
			j += 2
		}
		return s.ageAfter(a, j)
	}
	if modelFollowers[w] {
		a.bad = true
		return j
	}
	if a.has && (clockWords[w] || ((w == "a" || w == "p") && s.sym(j+1, '.') && s.glued(j+1))) {
		a.bad = true // "10 a.m.", "2045 GMT", "1: 30 a. m."
		return j
	}
	return j
}

// ageAfter reads "old" after a span of time: "33 years old".
func (s *scan) ageAfter(a *amount, j int) int {
	if (a.unit == "years" || a.unit == "months" || a.unit == "weeks" || a.unit == "days") && s.word(j, "old") {
		a.age = true
		return j + 1
	}
	return j
}

// currencyAfter reads a currency named after an amount: "dollars",
// "Canadian dollars", "CFA francs", "pounds" (money only with a scale or
// "sterling"), "EUR". It returns the code and the number of tokens.
func (s *scan) currencyAfter(a *amount, j int) (string, int) {
	w := s.low(j)
	if c, ok := currencyNames[w]; ok {
		return c, 1
	}
	switch w {
	case "pound", "pounds":
		if s.word(j+1, "sterling") {
			return "GBP", 2
		}
		if a.scale > 1 || a.words && a.v >= 1e6 {
			return "GBP", 1
		}
		a.unit = "lb"
		return "", 0
	case "francs", "franc":
		if s.word(j+1, "cfa") {
			return "XOF", 2
		}
		return "", 0
	case "hong":
		if s.word(j+1, "kong") && (s.word(j+2, "dollars") || s.word(j+2, "dollar")) {
			return "HKD", 3
		}
	case "new":
		if s.word(j+1, "zealand") && (s.word(j+2, "dollars") || s.word(j+2, "dollar")) {
			return "NZD", 3
		}
	}
	if c, ok := dollarAdjectives[w]; ok && w != "hong" && w != "new" {
		if n := s.low(j + 1); n == "dollars" || n == "dollar" {
			return c, 2
		}
	}
	if c, ok := francAdjectives[w]; ok {
		if n := s.low(j + 1); n == "francs" || n == "franc" {
			return c, 2
		}
	}
	if c := currencyCodes[w]; c != "" && s.t[j].up && w != "rs" && w != "cfa" {
		return c, 1
	}
	return "", 0
}

// rangeAfter reads the second half of a range after the first number:
// "200-300", "200 to 300", "between 200 and 300", "two or three", "$5-6
// million". A dash between a larger and a smaller number is a score
// ("31-24"), which is no amount at all.
func (s *scan) rangeAfter(a *amount, j int, between, from bool) int {
	var sep string
	glued := false
	switch {
	case s.isDash(j):
		sep = "-"
		glued = s.glued(j) && s.glued(j+1)
		if !glued && s.sym(j, '-') {
			return j // a spaced hyphen is a dash of punctuation
		}
	case s.word(j, "to") && !from:
		sep = "to"
	case s.word(j, "and") && between:
		sep = "and"
	case s.word(j, "or"):
		switch s.low(j + 1) {
		case "more", "so", "less", "fewer", "thereabouts":
			return j
		}
		if !a.words || a.cur != "" || a.unit != "" {
			return j
		}
		sep = "or"
	default:
		return j
	}
	k := j + 1
	second := k
	if c, f := s.currencyBeforeAt(k); c != "" && f == k {
		second = k + 1 // "$5-$6 million"
	}
	var b amount
	var ok bool
	switch {
	case s.isNum(second):
		if s.gluedAfter(second) {
			return j
		}
		saved := s.floor
		s.floor = k
		b, ok = s.digitCore(second)
		s.floor = saved
	case second == k && s.isWord(k) && spelledStart(s.t[k].low) && a.words:
		b, ok = s.spelledCore(k)
		ok = ok && !b.vague && b.has
	}
	if !ok {
		return j
	}
	bj := s.suffix(&b, b.last+1)
	if b.bad || b.age {
		return j
	}
	if a.yearLike() && (glued || b.yearLike()) {
		// "2010-2015", "2023-24", "between 1991 and 1998": years.
		a.bad, a.last = true, b.last
		return bj
	}
	if a.scale == 1 && b.scale > 1 && a.raw < b.raw {
		a.scale = b.scale
		a.v = a.raw * a.scale
	}
	if a.cur != "" && b.cur != "" && a.cur != b.cur || a.unit != "" && b.unit != "" && a.unit != b.unit {
		return j
	}
	if a.v >= b.v || (sep == "-" && a.v == 0) {
		if glued && a.cur == "" && b.cur == "" && a.unit == "" && b.unit == "" {
			// A score or a vote tally: "31-24", "passed 97-1". Whole
			// numbers of at most four digits, the first not smaller.
			if !s.inParens(a.first) && a.sh.plain() && b.sh.plain() && !a.words && !b.words && a.scale == 1 && b.scale == 1 &&
				a.v == math.Trunc(a.v) && b.v == math.Trunc(b.v) && a.v < 10000 && b.v < 10000 {
				a.unit, a.against, a.last = "tally", b.v, b.last
				return bj
			}
			a.bad, a.last = true, b.last
			return bj
		}
		return j
	}
	if a.cur == "" {
		a.cur = b.cur
	}
	if a.unit == "" {
		a.unit = b.unit
	}
	a.rng, a.lo, a.hi = true, a.v, b.v
	a.last = b.last
	a.adj = a.adj || b.adj
	if b.noun != "" {
		a.noun = b.noun
	}
	return bj
}

// inParens reports whether token i stands inside brackets opened shortly
// before it: "the Colts (10-5, 4-4 away)" gives a team's record, not a
// score.
func (s *scan) inParens(i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if s.sym(k, ')') {
			return false
		}
		if s.sym(k, '(') {
			return true
		}
	}
	return false
}

// currencyBeforeAt returns a currency written at token k, right before a
// number.
func (s *scan) currencyBeforeAt(k int) (string, int) {
	if !s.isNum(k + 1) {
		return "", -1
	}
	saved := s.floor
	s.floor = k
	c, f := s.currencyBefore(k + 1)
	s.floor = saved
	return c, f
}

// postQualifier reads "or more", "or so", "plus" and the "more" of "200
// more" after a number.
func (s *scan) postQualifier(a *amount, j int) int {
	if a.post == "" && s.word(j, "or") {
		key := "or " + s.low(j+1)
		if b, ok := postQualifiers[key]; ok {
			a.post, a.bnd = key, b
			return j + 2
		}
	}
	if a.post == "" && s.word(j, "plus") && !s.isNum(j+1) && !s.isWord(j+1) {
		a.post, a.bnd = "plus", bOver
		return j + 1
	}
	if !a.age && (s.word(j, "more") || s.word(j, "additional") || s.word(j, "extra") || s.word(j, "further")) && !s.word(j+1, "than") {
		a.more = true
		return j + 1
	}
	return j
}

// notAmount reports whether a plain number is a year, a model or a
// reference number, and turns "Smith, 33," into an age.
func (s *scan) notAmount(a *amount) bool {
	if !a.has || a.words || a.rng || a.cur != "" || a.unit != "" || a.scale != 1 || a.vague {
		return false
	}
	if a.qual == "" && a.yearLike() {
		return true // a year
	}
	// An address: "40 East 5th Ave.", "10 Downing Street".
	for k := a.last + 1; k < len(s.t) && k <= a.last+4; k++ {
		if s.t[k].k == kNum && ordinalSuffixes[s.t[k].low] {
			continue
		}
		if !s.isWord(k) || !s.t[k].up {
			break
		}
		if streetWords[s.t[k].low] {
			return true
		}
	}
	switch a.v {
	case 911, 999, 112:
		switch s.low(a.first - 1) {
		case "call", "called", "calling", "calls", "dial", "dialed", "dialled", "dialing", "dialling":
			return true // an emergency number
		}
	}
	k := a.first - 1
	if k < 0 {
		return false
	}
	p := &s.t[k]
	if p.k == kSym && p.r == '.' && s.isWord(k-1) && !p.sp && referenceWords[s.t[k-1].low] {
		return true // "No. 1"
	}
	// The name before the comma may end in "Jr." or "Sr.".
	named := s.isWord(k-1) && s.t[k-1].up && !months[s.t[k-1].low] ||
		s.sym(k-1, '.') && s.isWord(k-2) && (s.t[k-2].low == "jr" || s.t[k-2].low == "sr")
	if p.k == kSym && p.r == ',' && named && s.sym(a.last+1, ',') &&
		a.sh.plain() && a.v >= 1 && a.v <= 120 && a.qual == "" {
		a.age, a.unit = true, "years" // "Reid, 33, was charged"
		return false
	}
	if p.k != kWord || a.qual != "" {
		return false
	}
	if referenceWords[p.low] {
		return true
	}
	// A capitalised verb form opens a sentence ("Killing 12 people"); in
	// mid-sentence such a word is a name ("a Boeing 737").
	verbForm := (strings.HasSuffix(p.low, "ing") || strings.HasSuffix(p.low, "ed")) && (k == 0 || s.t[k-1].k == kSym)
	if p.up && !s.title && !stopWords[p.low] && !months[p.low] && !weekdays[p.low] && !verbForm {
		if _, ok := qualifiers[p.low]; !ok {
			return true // a model: "Ilyushin 76", "Windows 7"
		}
	}
	return false
}

// nounAfter returns the tokens of the noun phrase that starts at token j.
// plural says the head is plural, so that the phrase ends at its first
// plural word. allowOf lets the phrase follow "of" (needOf requires it);
// detOf requires a determiner after that "of" ("100 of the instructors").
// last < first when there is no noun.
func (s *scan) nounAfter(j0 int, plural, allowOf, needOf, detOf bool) (int, int) {
	j := j0
	if s.word(j, "of") && allowOf {
		k := j + 1
		if npDeterminers[s.low(k)] {
			k++
		} else if detOf {
			return j0, j0 - 1
		}
		j = k
	} else if needOf {
		return j0, j0 - 1
	}
	first, last := j, j-1
	n := 0
	for k := j; k < len(s.t) && n < 5; k++ {
		tk := &s.t[k]
		if !s.nounWord(k) {
			break
		}
		w := tk.low
		if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			last, n = k, n+1
			continue
		}
		if w == "other" && n == 0 {
			last, n = k, n+1 // "two other rifles"
			continue
		}
		if s.isDash(k+1) && s.glued(k+1) && s.isNum(k+2) && s.glued(k+2) {
			// A model name: "AK-47s", "F-16 jets".
			last, n = k+2, n+1
			k += 2
			if plural && s.t[k].low == "s" {
				break
			}
			continue
		}
		if isVerbForm(w, plural) {
			if s.nounWord(k+1) && !isVerbForm(s.t[k+1].low, plural) {
				last, n = k, n+1 // a modifier: "100 armed men"
				continue
			}
			if adjectivalHeads[w] && plural {
				last = k // "40 injured"
			}
			break
		}
		if plural && isPlural(w) {
			last = k
			break
		}
		if !plural && n > 0 && strings.HasSuffix(w, "s") && !notPlural[w] && !strings.HasSuffix(w, "ss") {
			break // a verb after a singular noun: "earthquake hits"
		}
		last, n = k, n+1
	}
	if last < first {
		return j0, j0 - 1
	}
	return first, last
}

// nounWord reports whether token k may be part of a noun phrase.
func (s *scan) nounWord(k int) bool {
	if k >= len(s.t) {
		return false
	}
	tk := &s.t[k]
	if tk.k != kWord || !tk.sp {
		return false
	}
	w := tk.low
	if (stopWords[w] && w != "other") || weekdays[w] || (tk.up && months[w]) || isNumberWord(w) {
		return false
	}
	if _, ok := scaleWords[w]; ok {
		return false
	}
	for i := 0; i < len(w); i++ {
		if isDigit(w[i]) {
			return false
		}
	}
	return true
}

// isVerbForm reports whether w looks like a participle: "killed", and in a
// plural phrase "fleeing".
func isVerbForm(w string, plural bool) bool {
	if len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed") && !irregularPlurals[w] || adjectivalHeads[w] {
		return true
	}
	return plural && len(w) > 5 && strings.HasSuffix(w, "ing")
}

// isPlural reports whether w looks like a plural noun.
func isPlural(w string) bool {
	if irregularPlurals[w] {
		return true
	}
	if strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’") {
		return true
	}
	if len(w) < 3 || !strings.HasSuffix(w, "s") || notPlural[w] {
		return false
	}
	return !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// deathWords before "at N" make N an age at death.
var deathWords = set("dies", "died", "dead", "dying", "passed")
