package timex

// kind is the shape of a temporal expression before it is placed on the
// calendar.
type kind uint8

const (
	kDate    kind = iota + 1 // y (0 when not stated), m, d
	kMonth                   // y (0 when not stated), m
	kYear                    // y
	kQuarter                 // y (0 when not stated), q in d
	kWeekday                 // wd
	kRelDay                  // off days from the anchor: yesterday, today
	kRelUnit                 // off units from the anchor's unit: last week
	kPast                    // the past n units, ending at the anchor
	kAgo                     // n units before the anchor
)

// part narrows an interval: "early", "mid-", "late", "the first half of".
type part uint8

const (
	pNone part = iota
	pEarly
	pMid
	pLate
	pFirstHalf
	pSecondHalf
	pEarlier // earlier this week: from the unit's start to the anchor
	pLater   // later this week: from the anchor to the unit's end
)

// mod is "last", "this" or "next" before a month or a weekday.
type mod uint8

const (
	mNone mod = iota
	mLast
	mThis
	mNext
)

// expr is one matched expression: a token range and what it says.
type expr struct {
	kind    kind
	ta, tb  int // tokens [ta, tb)
	y, m, d int
	y2      int // the last year of a range of years: "1995-99"
	wd      int // weekday+1 stated with a date or as the head; 0 when none
	off     int
	unit    int
	n       int
	mod     mod
	yrel    int // "July last year": -1
	hasYrel bool
	part    part
	since   bool // "since 2020": from the date to the anchor
}

// parser holds the buffers of one scan. It is not shared between
// goroutines: Find makes one per call.
type parser struct {
	text    string
	toks    []token
	exprs   []expr
	lenient bool // Resolve: the text is known to be one expression
	cues    []cue
	cued    bool
}

// scan finds the expressions of text[a:b], one sentence.
func (p *parser) scan(a, b int) []expr {
	p.toks = tokenize(p.toks, p.text, a, b)
	p.exprs = p.exprs[:0]
	p.cues = p.cues[:0]
	p.cued = false
	lo := 0
	for i := 0; i < len(p.toks); {
		e, ok := p.match(i, lo)
		if !ok {
			i++
			continue
		}
		if k := e.ta - 1; k >= lo && p.word(k) == wSince {
			e.since = true
			e.ta = k
		}
		p.exprs = append(p.exprs, e)
		lo, i = e.tb, e.tb
	}
	return p.exprs
}

// match tries the rules whose head is token i; no expression reaches left
// of token lo.
func (p *parser) match(i, lo int) (expr, bool) {
	t := &p.toks[i]
	switch t.kind {
	case tkNum:
		return p.matchNumber(i, lo)
	case tkWord:
		switch t.info.cls {
		case cMonth, cMonthAbbr:
			return p.matchMonth(i, lo)
		case cWeekday:
			return p.matchWeekday(i, lo)
		case cRelDay:
			return p.matchRelDay(i, lo)
		case cDayPart:
			return p.matchDayPart(i, lo)
		case cUnit:
			return p.matchUnit(i, lo)
		case cQuarterTag:
			return p.matchQuarterTag(i)
		}
	}
	return expr{}, false
}

// Token tests, all safe out of range.

func (p *parser) word(i int) word {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tkWord {
		return wOther
	}
	return p.toks[i].info.w
}

func (p *parser) cls(i int) class {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tkWord {
		return cNone
	}
	return p.toks[i].info.cls
}

func (p *parser) punct(i int, ch byte) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == tkPunct && p.toks[i].ch == ch
}

// glued tells whether token i touches the token before it.
func (p *parser) glued(i int) bool {
	return i > 0 && i < len(p.toks) && !p.toks[i].has(fSpace)
}

func (p *parser) capWord(i int) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == tkWord && p.toks[i].has(fCap)
}

func (p *parser) lit(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.text[p.toks[i].start:p.toks[i].end]
}

// isDay tells whether token i can be a day of the month.
func (p *parser) isDay(i int) bool {
	if i < 0 || i >= len(p.toks) {
		return false
	}
	t := &p.toks[i]
	if t.kind != tkNum || t.nd > 2 || t.has(fGrouped|fDecimal|fGlued) || t.num < 1 || t.num > 31 {
		return false
	}
	// "10:30" is a time, "5%" a share, "5-0" a score.
	if p.glued(i+1) && (p.punct(i+1, ':') || p.punct(i+1, '%') || p.punct(i+1, '-') || p.punct(i+1, '/')) {
		return false
	}
	return !p.glued(i) || p.punct(i-1, '(')
}

// isYear tells whether token i is a four-digit year in [lo, hi] that is not
// part of a bigger number, a sum, a range or a model name.
func (p *parser) isYear(i, lo, hi int) bool {
	if i < 0 || i >= len(p.toks) {
		return false
	}
	t := &p.toks[i]
	if t.kind != tkNum || t.nd != 4 || t.has(fGrouped|fDecimal|fGlued|fOrdinal) || t.num < lo || t.num > hi {
		return false
	}
	if p.glued(i) {
		prev := &p.toks[i-1]
		switch {
		case prev.kind == tkPunct && prev.ch == '-':
			// mid-2023, early-2024
			if w := p.word(i - 2); !(w == wMid || w == wEarly || w == wLate) || !p.glued(i-1) {
				return false
			}
		case prev.kind == tkPunct && (prev.ch == '(' || prev.ch == '"' || prev.has(fApos)):
		case prev.kind == tkPunct && prev.ch >= 0x80:
			// opening quote marks are fine; currency signs are not
			if s := p.lit(i - 1); s == "€" || s == "£" || s == "¥" || s == "₦" {
				return false
			}
		default:
			return false
		}
	}
	if p.glued(i + 1) {
		n := &p.toks[i+1]
		if n.kind == tkPunct && (n.ch == '%' || n.ch == '+') {
			return false
		}
		// "2023-24", "2023/24", "1999:45" go on with a number; "in 2006:" ends.
		if n.kind == tkPunct && (n.ch == '-' || n.ch == '/' || n.ch == ':') && p.glued(i+2) && p.toks[i+2].kind == tkNum {
			return false
		}
	}
	return true
}

// iso matches 2024-04-12.
func (p *parser) iso(i int) (expr, bool) {
	t := &p.toks[i]
	if t.nd != 4 || t.has(fGrouped|fDecimal|fGlued|fOrdinal) || i+4 >= len(p.toks) {
		return expr{}, false
	}
	if !p.punct(i+1, '-') || !p.glued(i+1) || !p.glued(i+2) || !p.punct(i+3, '-') || !p.glued(i+3) || !p.glued(i+4) {
		return expr{}, false
	}
	m, d := &p.toks[i+2], &p.toks[i+4]
	if m.kind != tkNum || d.kind != tkNum || m.nd != 2 || d.nd < 1 || d.nd > 2 || m.flags&(fGrouped|fDecimal|fGlued|fOrdinal) != 0 || d.flags&(fGrouped|fDecimal|fGlued|fOrdinal) != 0 {
		return expr{}, false
	}
	if p.glued(i-0) && i > 0 && p.toks[i-1].kind != tkPunct {
		return expr{}, false
	}
	if p.glued(i+5) && (p.toks[i+5].kind != tkPunct || p.toks[i+5].ch == '-') {
		return expr{}, false
	}
	e := expr{kind: kDate, y: t.num, m: m.num, d: d.num, ta: i, tb: i + 5}
	return e, validDate(e.y, e.m, e.d)
}

// weekdayBefore takes a weekday stated before a date: "Wednesday, April 10".
func (p *parser) weekdayBefore(e *expr, lo int) {
	k := e.ta - 1
	if p.punct(k, ',') {
		k--
	}
	if k >= lo && p.cls(k) == cWeekday && p.capWord(k) {
		e.wd = int(p.toks[k].info.val) + 1
		e.ta = k
	}
}

// partBefore takes a modifier that narrows the expression starting at
// token a ("early", "mid-", "the end of", "the first half of") and returns
// the new start.
func (p *parser) partBefore(e *expr, a, lo int) int {
	k := a - 1
	if p.punct(k, '-') && p.glued(k) && p.glued(a) {
		k--
	}
	switch p.word(k) {
	case wMid:
		if k >= lo {
			e.part = pMid
			return k
		}
		return a
	case wEarly, wLate:
		if k >= lo {
			if p.word(k) == wEarly {
				e.part = pEarly
			} else {
				e.part = pLate
			}
			return k
		}
		return a
	}
	if p.word(a-1) != wOf {
		return a
	}
	k = a - 2
	var pt part
	switch p.word(k) {
	case wEnd:
		pt = pLate
	case wBeginning, wStart:
		pt = pEarly
	case wMiddle:
		pt = pMid
	case wHalf:
		if p.cls(k-1) != cOrdWord {
			return a
		}
		switch p.toks[k-1].info.val {
		case 1:
			pt = pFirstHalf
		case 2:
			pt = pSecondHalf
		default:
			return a
		}
		k--
	default:
		return a
	}
	if p.word(k-1) == wThe {
		k--
	}
	if k < lo {
		return a
	}
	e.part = pt
	return k
}

// coordinated tells whether token k (a conjunction) follows an expression
// just found: "in March and April", "between 2019 and 2021".
func (p *parser) coordinated(k int) bool {
	if len(p.exprs) == 0 || p.exprs[len(p.exprs)-1].tb != k {
		return false
	}
	if p.punct(k, ',') {
		// "in 1994, 1996 and 2002": a list of years
		return p.exprs[len(p.exprs)-1].kind == kYear && k+1 < len(p.toks) && p.toks[k+1].kind == tkNum
	}
	return p.word(k) == wAnd || p.word(k) == wOr || p.word(k) == wTo || p.punct(k, '-') || p.lit(k) == "through"
}

func (p *parser) matchMonth(i, lo int) (expr, bool) {
	t := &p.toks[i]
	if !t.has(fCap) {
		return expr{}, false // "a march", "may be"
	}
	e := expr{kind: kMonth, m: int(t.info.val), ta: i}
	abbr := t.info.cls == cMonthAbbr
	j := i + 1
	if p.punct(j, '.') && p.glued(j) && (abbr || p.isDay(j+1)) {
		j++
	}
	switch {
	case p.isDay(j):
		e.kind, e.d = kDate, p.toks[j].num
		j++
		k := j
		if p.punct(k, ',') {
			k++
		}
		if p.isYear(k, 1000, 2999) {
			e.y = p.toks[k].num
			j = k + 1
		}
	case p.isYear(j, 1000, 2999):
		e.y = p.toks[j].num
		j++
	case p.punct(j, ',') && p.isYear(j+1, 1000, 2999) && p.quietAfter(j+2):
		e.y = p.toks[j+1].num
		j += 2
	case p.word(j) == wOf && p.isYear(j+1, 1000, 2999):
		e.y = p.toks[j+1].num
		j += 2
	}
	if e.kind == kMonth && e.y == 0 {
		if w := p.word(j); (w == wLast || w == wThis || w == wNext) && p.cls(j+1) == cUnit && p.toks[j+1].info.val == uYear {
			e.hasYrel = true
			e.yrel = relOff(w)
			j += 2
		}
	}
	if abbr && e.kind == kMonth && e.y == 0 && !e.hasYrel {
		return expr{}, false
	}
	e.tb = j
	if e.kind == kDate {
		if e.y == 0 && !validDate(2024, e.m, e.d) || e.y != 0 && !validDate(e.y, e.m, e.d) {
			return expr{}, false
		}
		p.weekdayBefore(&e, lo)
		return e, true
	}
	a := i
	if e.y == 0 && !e.hasYrel && a-1 >= lo {
		switch p.word(a - 1) {
		case wLast:
			e.mod, a = mLast, a-1
		case wThis:
			e.mod, a = mThis, a-1
		case wNext:
			e.mod, a = mNext, a-1
		}
	}
	bare := e.y == 0 && !e.hasYrel && e.mod == mNone
	start := p.partBefore(&e, a, lo)
	if bare && start == a && !p.lenient && !p.monthContext(a, lo, e.m) {
		return expr{}, false
	}
	e.ta = start
	return e, true
}

// monthContext tells whether a bare month name at token a is used as a
// time: after "in", "since", "until"..., or coordinated with a date.
// "May" needs a strong preposition ("Theresa May", "a speech by May").
func (p *parser) monthContext(a, lo, m int) bool {
	k := a - 1
	if k < 0 {
		return false
	}
	if k < lo || p.coordinated(k) {
		return p.coordinated(k)
	}
	if p.glued(a+1) && p.toks[a+1].has(fApos) && m == 5 {
		return false // "May's government"
	}
	switch p.word(k) {
	case wIn, wSince, wPrepStrong:
		return m != 5 || p.lit(k) != "from"
	case wOf, wTo, wPrepWeak:
		return m != 5
	case wDet, wThe, wThis:
		// "the January incident", "an April shooting"; not "a May
		// announcement" (a name as often) nor "the March" (a march).
		return m != 5 && m != 3 && p.qualified(a+1) && p.toks[a+1].has(fLower)
	}
	return p.possessiveBefore(k + 1)
}

// possessiveBefore tells whether token i follows a possessive "'s":
// "Nixon's 1968 campaign".
func (p *parser) possessiveBefore(i int) bool {
	return i >= 2 && (p.lit(i-1) == "s" || p.lit(i-1) == "S") && p.glued(i-1) && p.toks[i-2].has(fApos)
}

func (p *parser) matchNumber(i, lo int) (expr, bool) {
	if e, ok := p.iso(i); ok {
		return e, true
	}
	t := &p.toks[i]
	// 10 April 2024, the 10th of April
	if p.isDay(i) || t.has(fOrdinal) && t.nd <= 2 && t.num >= 1 && t.num <= 31 {
		j := i + 1
		if p.word(j) == wOf && (t.has(fOrdinal) || p.word(i-1) == wThe) {
			j++
		}
		if c := p.cls(j); (c == cMonth || c == cMonthAbbr) && p.capWord(j) {
			e := expr{kind: kDate, d: t.num, m: int(p.toks[j].info.val), ta: i}
			j++
			if c == cMonthAbbr && p.punct(j, '.') && p.glued(j) {
				j++
			}
			k := j
			if p.punct(k, ',') {
				k++
			}
			if p.isYear(k, 1000, 2999) {
				e.y = p.toks[k].num
				j = k + 1
			}
			e.tb = j
			if e.y == 0 && !validDate(2024, e.m, e.d) || e.y != 0 && !validDate(e.y, e.m, e.d) {
				return expr{}, false
			}
			p.weekdayBefore(&e, lo)
			return e, true
		}
	}
	if r, ok := p.yearRange(i); ok {
		return r, true
	}
	if !p.isYear(i, 1500, 2199) {
		return expr{}, false
	}
	e := expr{kind: kYear, y: t.num, ta: i, tb: i + 1}
	if e.y%10 == 0 && p.glued(i+1) && p.toks[i+1].has(fApos) && (p.lit(i+2) == "s" || p.lit(i+2) == "S") && p.word(i-1) != wIn {
		return expr{}, false // "the mid 1930's", a decade
	}
	if a := p.partBefore(&e, i, lo); a < i {
		e.ta = a
		return e, true
	}
	k := i - 1
	if p.word(k) == wYear && k >= lo && p.toks[k].info.val == uYear {
		e.ta = k
		if p.word(k-1) == wThe && k-1 >= lo {
			e.ta = k - 1
		}
		return e, true
	}
	if p.lenient {
		return e, true
	}
	if k < 0 {
		return expr{}, false
	}
	if k < lo {
		if p.coordinated(k) && !p.countedAfter(i+1) {
			return e, true
		}
		return expr{}, false
	}
	possessive := p.glued(i+1) && p.toks[i+1].has(fApos) && (p.lit(i+2) == "s" || p.lit(i+2) == "S")
	if possessive && e.y%10 == 0 && (p.word(k) == wThe || p.word(k) == wMid || p.word(k) == wEarly || p.word(k) == wLate) {
		return expr{}, false // "the 1930's", a decade
	}
	if p.punct(k, '(') && p.glued(i) && p.punct(i+1, ')') && p.glued(i+1) && e.y >= 1900 && e.y <= 2099 {
		return e, true // "The Golden Compass (2007)"
	}
	switch w := p.word(k); {
	case w == wIn || w == wSince || w == wPrepStrong:
		return e, !p.countedAfter(i + 1)
	case p.coordinated(k):
		return e, !p.countedAfter(i + 1)
	case w == wOf || w == wTo || w == wPrepWeak || w == wAnd || w == wOr || w == wOn:
		return e, p.quietAfter(i + 1)
	case w == wDet || w == wThe || w == wThis || p.possessiveBefore(i):
		if e.y < 1900 || e.y > 2099 {
			return expr{}, false
		}
		return e, possessive || p.qualified(i+1)
	}
	return e, possessive && e.y >= 1900 && e.y <= 2099
}

// countedAfter tells whether the word at i is a counted noun, which makes
// the number before it a quantity: "in 2000 cases", "2000 people".
func (p *parser) countedAfter(i int) bool {
	if i >= len(p.toks) {
		return false
	}
	t := &p.toks[i]
	if t.kind == tkPunct {
		return t.ch == '%' && p.glued(i)
	}
	if t.kind != tkWord || !t.has(fLower) {
		return false
	}
	s := p.text[t.start:t.end]
	if countedNouns[s] {
		return true
	}
	return len(s) > 3 && s[len(s)-1] == 's' && s[len(s)-2] != 's' && s[len(s)-2] != 'u' && s[len(s)-2] != 'i' && !pluralEvents[s] && t.info.cls == cNone && t.info.w == wOther
}

// quietAfter tells whether what follows token i-1 leaves a number alone:
// the end, a punctuation mark, a function word.
func (p *parser) quietAfter(i int) bool {
	if i >= len(p.toks) {
		return true
	}
	t := &p.toks[i]
	switch t.kind {
	case tkPunct:
		return t.ch != '%' && t.ch != '-' || !p.glued(i)
	case tkWord:
		if t.info.w != wOther || t.info.cls == cMonth {
			return true
		}
		return functionWords[p.text[t.start:t.end]]
	}
	return false
}

// qualified tells whether the word at i is a noun a year can qualify:
// "the 2023 coup", "a 2024 Olympics", not "the 2000 troops".
func (p *parser) qualified(i int) bool {
	if i >= len(p.toks) || p.toks[i].kind != tkWord {
		return false
	}
	t := &p.toks[i]
	if t.has(fCap) {
		return true
	}
	if !t.has(fLower) || t.info.w != wOther && t.info.cls == cNone {
		return false
	}
	s := p.text[t.start:t.end]
	return pluralEvents[s] || !p.countedAfter(i) && !functionWords[s]
}

var functionWords = map[string]bool{
	"when": true, "while": true, "as": true, "with": true, "but": true, "which": true,
	"that": true, "where": true, "at": true, "was": true, "were": true, "is": true, "are": true,
	"had": true, "has": true, "have": true, "after": true, "before": true, "until": true,
	"amid": true, "under": true, "against": true, "because": true, "so": true, "not": true,
	"it": true, "he": true, "she": true, "they": true, "we": true, "there": true, "its": true,
	"their": true, "his": true, "her": true, "elections": true, "election": true,
}

func (p *parser) matchWeekday(i, lo int) (expr, bool) {
	if !p.capWord(i) {
		return expr{}, false
	}
	if p.word(i-1) == wNamedDay && p.capWord(i-1) || p.word(i+1) == wPaper && p.capWord(i+1) {
		return expr{}, false // Good Friday, the Sunday Times
	}
	if p.lit(i-1) == "on" && p.lit(i-2) == "Mail" {
		return expr{}, false // the Mail on Sunday
	}
	// Wednesday April 10, Wednesday, 10 April: the date wins.
	j := i + 1
	if p.punct(j, ',') {
		j++
	}
	if c := p.cls(j); c == cMonth || c == cMonthAbbr || j < len(p.toks) && p.toks[j].kind == tkNum {
		if e, ok := p.match(j, i); ok && e.kind == kDate && e.ta == i {
			return e, true
		}
	}
	e := expr{kind: kWeekday, wd: int(p.toks[i].info.val) + 1, ta: i, tb: i + 1}
	if p.cls(i+1) == cDayPart {
		e.tb = i + 2
	}
	a := i
	if a-1 >= lo {
		switch p.word(a - 1) {
		case wLast:
			e.mod, a = mLast, a-1
		case wThis:
			e.mod, a = mThis, a-1
		case wNext, wComing:
			e.mod, a = mNext, a-1
		case wPast:
			if p.word(a-2) == wThis && a-2 >= lo {
				e.mod, a = mLast, a-2
			}
		}
	}
	if w := p.word(a - 1); (w == wEarly || w == wLate) && a-1 >= lo {
		a--
	}
	e.ta = a
	return e, true
}

func (p *parser) matchRelDay(i, lo int) (expr, bool) {
	// "USA Today", "Psychology Today": a title, not a day.
	if p.capWord(i) && i > 0 && p.capWord(i-1) && p.toks[i-1].info == (info{}) {
		return expr{}, false
	}
	e := expr{kind: kRelDay, off: int(p.toks[i].info.val), ta: i, tb: i + 1}
	if p.cls(i+1) == cDayPart && p.lit(i) != "tonight" {
		e.tb++
	}
	if w := p.word(i - 1); (w == wEarly || w == wLate || w == wEarlier || w == wLater) && i-1 >= lo {
		e.ta--
	}
	return e, true
}

// matchDayPart: "last night", "this morning".
func (p *parser) matchDayPart(i, lo int) (expr, bool) {
	if i-1 < lo {
		return expr{}, false
	}
	s := p.lit(i)
	switch p.word(i - 1) {
	case wLast:
		if s != "night" && s != "evening" && s != "Night" {
			return expr{}, false
		}
		return expr{kind: kRelDay, off: -1, ta: i - 1, tb: i + 1}, true
	case wThis:
		if s == "night" {
			return expr{}, false
		}
		return expr{kind: kRelDay, off: 0, ta: i - 1, tb: i + 1}, true
	}
	return expr{}, false
}

func (p *parser) matchUnit(i, lo int) (expr, bool) {
	v := int(p.toks[i].info.val)
	u, plural := v&^unitPlural, v&unitPlural != 0
	if !plural {
		// a year ago, one week ago
		if p.word(i+1) == wAgo && p.cls(i-1) == cNumWord && i-1 >= lo && u != uWeekend {
			return expr{kind: kAgo, unit: u, n: int(p.toks[i-1].info.val), ta: i - 1, tb: i + 2}, true
		}
		if u == uQuarter && p.cls(i-1) == cOrdWord && i-1 >= lo {
			return p.matchQuarter(i, lo)
		}
		if i-1 < lo || u == uDay || u == uHour {
			return expr{}, false
		}
		switch w := p.word(i - 1); w {
		case wThis, wLast, wNext:
			if w == wLast && p.word(i-2) == wThe && i-2 >= lo {
				if u == uWeekend {
					return expr{}, false
				}
				return expr{kind: kPast, unit: u, n: 1, ta: i - 2, tb: i + 1}, true
			}
			e := expr{kind: kRelUnit, unit: u, ta: i - 1, tb: i + 1}
			e.off = relOff(w)
			if w2 := p.word(i - 2); w == wThis && (w2 == wEarlier || w2 == wLater) && i-2 >= lo {
				e.part, e.ta = pEarlier, i-2
				if w2 == wLater {
					e.part = pLater
				}
				return e, true
			}
			if u != uWeekend {
				e.ta = p.partBefore(&e, e.ta, lo)
			}
			return e, true
		case wPast:
			if u == uWeekend {
				return expr{}, false
			}
			e := expr{kind: kPast, unit: u, n: 1, ta: i - 1, tb: i + 1}
			if p.word(i-2) == wThe && i-2 >= lo {
				e.ta--
			}
			return e, true
		case wThe:
			// "over the weekend": the last one
			if u == uWeekend {
				return expr{kind: kRelUnit, unit: u, ta: i - 1, tb: i + 1}, true
			}
		}
		return expr{}, false
	}
	if u == uWeekend {
		return expr{}, false
	}
	// the past two weeks, three years ago, a couple of weeks ago
	k := i - 1
	n := 0
	switch {
	case p.word(k) == wOf && p.lit(k-1) == "couple":
		k, n = k-1, 2
	case p.cls(k) == cNumWord && p.toks[k].info.w != wDet:
		n = int(p.toks[k].info.val)
	case k >= 0 && p.toks[k].kind == tkNum && p.toks[k].nd <= 3 && p.toks[k].flags&(fGrouped|fDecimal|fGlued|fOrdinal) == 0:
		n = p.toks[k].num
	}
	if n <= 0 || k < lo {
		return expr{}, false
	}
	if p.word(i+1) == wAgo {
		e := expr{kind: kAgo, unit: u, n: n, ta: k, tb: i + 2}
		if p.word(k-1) == wDet && k-1 >= lo && p.lit(k) != "one" {
			e.ta-- // a few days ago
		}
		return e, true
	}
	if w := p.word(k - 1); (w == wPast || w == wLast) && k-1 >= lo {
		e := expr{kind: kPast, unit: u, n: n, ta: k - 1, tb: i + 1}
		if p.word(k-2) == wThe && k-2 >= lo {
			e.ta--
		}
		return e, true
	}
	return expr{}, false
}

// matchQuarter: "the first quarter of 2024"; the head is "quarter".
func (p *parser) matchQuarter(i, lo int) (expr, bool) {
	q := int(p.toks[i-1].info.val)
	if q < 1 || q > 4 {
		return expr{}, false
	}
	e := expr{kind: kQuarter, d: q, ta: i - 1, tb: i + 1}
	if p.word(i-2) == wThe && i-2 >= lo {
		e.ta--
	}
	j := i + 1
	if p.word(j) == wOf {
		j++
	}
	switch w := p.word(j); {
	case p.isYear(j, 1000, 2999):
		e.y, e.tb = p.toks[j].num, j+1
	case (w == wLast || w == wThis || w == wNext) && p.cls(j+1) == cUnit && p.toks[j+1].info.val == uYear:
		e.hasYrel, e.tb = true, j+2
		e.yrel = relOff(w)
	}
	return e, true
}

// matchQuarterTag: "Q1 2024".
func (p *parser) matchQuarterTag(i int) (expr, bool) {
	if !p.capWord(i) {
		return expr{}, false
	}
	e := expr{kind: kQuarter, d: int(p.toks[i].info.val), ta: i, tb: i + 1}
	if p.isYear(i+1, 1000, 2999) {
		e.y, e.tb = p.toks[i+1].num, i+2
	}
	return e, true
}

// relOff is the offset that "last", "this" and "next" say.
func relOff(w word) int {
	switch w {
	case wLast:
		return -1
	case wNext:
		return 1
	}
	return 0
}

// yearRange matches "1995-99" and "1983-2005", a span of whole years.
func (p *parser) yearRange(i int) (expr, bool) {
	t := &p.toks[i]
	if t.nd != 4 || t.has(fGrouped|fDecimal|fGlued|fOrdinal) || t.num < 1500 || t.num > 2199 {
		return expr{}, false
	}
	if p.glued(i) && !p.punct(i-1, '(') || !p.punct(i+1, '-') || !p.glued(i+1) || !p.glued(i+2) || i+2 >= len(p.toks) {
		return expr{}, false
	}
	n := &p.toks[i+2]
	if n.kind != tkNum || n.has(fGrouped|fDecimal|fGlued|fOrdinal) || n.nd != 2 && n.nd != 4 {
		return expr{}, false
	}
	if p.glued(i+3) && !p.punct(i+3, ')') && !p.punct(i+3, ',') && !p.punct(i+3, '.') {
		return expr{}, false
	}
	y2 := n.num
	if n.nd == 2 {
		y2 += t.num / 100 * 100
	}
	if y2 <= t.num || y2-t.num > 100 {
		return expr{}, false
	}
	return expr{kind: kYear, y: t.num, y2: y2, ta: i, tb: i + 3}, true
}
