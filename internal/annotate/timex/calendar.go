package timex

import (
	"time"

	"github.com/triangulate/triangulate/internal/news"
)

// Calendar arithmetic is done on dates at midnight UTC: an expression is a
// span of whole days, [From, Until).

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// dayOf is t's calendar day, read in t's own location.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return date(y, int(m), d)
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return date(y, m, d).Day() == d
}

func addDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// relative tells whether e needs an anchor to be placed.
func (e *expr) relative() bool {
	switch e.kind {
	case kDate, kMonth, kQuarter:
		return e.y == 0
	case kYear:
		return false
	}
	return true
}

// baseGran is the granularity of e before a part or "since" narrows or
// widens it.
func (e *expr) baseGran() news.Granularity {
	switch e.kind {
	case kDate, kWeekday, kRelDay:
		return news.GranularityDay
	case kMonth:
		return news.GranularityMonth
	case kYear:
		if e.y2 != 0 {
			return news.GranularityInterval
		}
		return news.GranularityYear
	case kQuarter:
		return news.GranularityQuarter
	case kPast:
		return news.GranularityInterval
	case kRelUnit, kAgo:
		switch e.unit {
		case uDay, uHour:
			return news.GranularityDay
		case uWeek:
			return news.GranularityWeek
		case uMonth:
			return news.GranularityMonth
		case uYear:
			return news.GranularityYear
		case uQuarter:
			return news.GranularityQuarter
		}
	}
	return news.GranularityInterval
}

// gran is the granularity of e once placed; since tells whether it is
// placed as "since" an anchor.
func (e *expr) gran(since bool) news.Granularity {
	g := e.baseGran()
	if since || e.part != pNone && g != news.GranularityDay {
		return news.GranularityInterval
	}
	return g
}

// place puts e on the calendar relative to the anchor a (zero when there
// is none) and the tense of its sentence.
func (e *expr) place(a time.Time, tn tense) (from, until time.Time, ok bool) {
	if e.relative() && a.IsZero() {
		return
	}
	from, until, ok = e.base(a, tn)
	if !ok {
		return
	}
	if e.part != pNone && e.part != pEarlier && e.part != pLater {
		from, until = narrow(from, until, e.baseGran(), e.part)
	}
	return from, until, true
}

func (e *expr) base(a time.Time, tn tense) (from, until time.Time, ok bool) {
	switch e.kind {
	case kDate:
		if e.y != 0 {
			if !validDate(e.y, e.m, e.d) {
				return
			}
			d := date(e.y, e.m, e.d)
			return d, addDays(d, 1), true
		}
		d, ok := pickDate(e.m, e.d, e.wd, a, tn)
		return d, addDays(d, 1), ok
	case kMonth:
		y := e.y
		if y == 0 {
			y = monthYear(e, a, tn)
		}
		d := date(y, e.m, 1)
		return d, d.AddDate(0, 1, 0), true
	case kYear:
		d := date(e.y, 1, 1)
		if e.y2 > e.y {
			return d, date(e.y2+1, 1, 1), true
		}
		return d, d.AddDate(1, 0, 0), true
	case kQuarter:
		y := e.y
		if y == 0 {
			y = a.Year()
			switch {
			case e.hasYrel:
				y += e.yrel
			case tn == tenseFuture:
				if date(y, 3*e.d+1, 1).Before(a) {
					y++
				}
			default:
				if date(y, 3*e.d-2, 1).After(a) {
					y--
				}
			}
		}
		d := date(y, 3*e.d-2, 1)
		return d, d.AddDate(0, 3, 0), true
	case kWeekday:
		wd := time.Weekday(e.wd - 1)
		var d time.Time
		switch {
		case e.mod == mLast:
			d = weekdayBefore(addDays(a, -1), wd)
		case e.mod == mNext:
			d = weekdayAfter(addDays(a, 1), wd)
		case tn == tenseFuture:
			d = weekdayAfter(a, wd)
		default:
			d = weekdayBefore(a, wd)
		}
		return d, addDays(d, 1), true
	case kRelDay:
		d := addDays(a, e.off)
		return d, addDays(d, 1), true
	case kRelUnit:
		from, until = unitAround(a, e.unit, e.off, tn)
		switch e.part {
		case pEarlier:
			if a.After(from) {
				until = a
			} else {
				until = addDays(from, 1)
			}
		case pLater:
			if next := addDays(a, 1); next.Before(until) {
				from = next
			} else {
				from = addDays(until, -1)
			}
		}
		return from, until, true
	case kPast:
		return back(a, e.unit, e.n), addDays(a, 1), true
	case kAgo:
		t := back(a, e.unit, e.n)
		switch e.unit {
		case uWeek:
			from = addDays(t, -int((t.Weekday()+6)%7))
			return from, addDays(from, 7), true
		case uMonth:
			from = date(t.Year(), int(t.Month()), 1)
			return from, from.AddDate(0, 1, 0), true
		case uYear:
			from = date(t.Year(), 1, 1)
			return from, from.AddDate(1, 0, 0), true
		case uQuarter:
			from = date(t.Year(), 3*((int(t.Month())-1)/3)+1, 1)
			return from, from.AddDate(0, 3, 0), true
		}
		return t, addDays(t, 1), true
	}
	return
}

// pickDate chooses the year of a month and day stated without one: the
// occurrence on or just before the anchor in a past or neutral sentence
// (up to ten days after it in a neutral one: a schedule announced for the
// coming days), the next one in a future sentence. A weekday stated with
// the date ("Wednesday April 10") picks among the years where it fits.
func pickDate(m, d, wd int, a time.Time, tn tense) (time.Time, bool) {
	var cands []time.Time
	var buf [3]time.Time
	cands = buf[:0]
	for y := a.Year() - 1; y <= a.Year()+1; y++ {
		if validDate(y, m, d) {
			cands = append(cands, date(y, m, d))
		}
	}
	if wd > 0 {
		var fit []time.Time
		var fbuf [3]time.Time
		fit = fbuf[:0]
		for _, c := range cands {
			if int(c.Weekday()) == wd-1 {
				fit = append(fit, c)
			}
		}
		if len(fit) > 0 {
			cands = fit
		}
	}
	if len(cands) == 0 {
		return time.Time{}, false
	}
	var best time.Time
	switch tn {
	case tenseFuture:
		limit := addDays(a, -1)
		for _, c := range cands {
			if !c.Before(limit) {
				return c, true
			}
		}
		return cands[len(cands)-1], true
	case tensePast:
		best = addDays(a, 1)
	default:
		best = addDays(a, 10)
	}
	for i := len(cands) - 1; i >= 0; i-- {
		if !cands[i].After(best) {
			return cands[i], true
		}
	}
	return cands[0], true
}

// monthYear is the year of a month named without one: "last July" is the
// latest July before the anchor's month, "next July" the first after it,
// "in July" the latest on or before it (the first on or after it in a
// future sentence), "July last year" the anchor's year less one.
func monthYear(e *expr, a time.Time, tn tense) int {
	y, am := a.Year(), int(a.Month())
	switch {
	case e.hasYrel:
		return y + e.yrel
	case e.mod == mThis:
		return y
	case e.mod == mLast:
		if e.m < am {
			return y
		}
		return y - 1
	case e.mod == mNext:
		if e.m > am {
			return y
		}
		return y + 1
	case tn == tenseFuture:
		if e.m >= am {
			return y
		}
		return y + 1
	}
	if e.m <= am {
		return y
	}
	return y - 1
}

// weekdayBefore is the latest wd on or before t; weekdayAfter the first on
// or after it.
func weekdayBefore(t time.Time, wd time.Weekday) time.Time {
	return addDays(t, -int((t.Weekday()-wd+7)%7))
}

func weekdayAfter(t time.Time, wd time.Weekday) time.Time {
	return addDays(t, int((wd-t.Weekday()+7)%7))
}

// unitAround is the week (Monday to Sunday), month, quarter, year or
// weekend off units from the one holding a.
func unitAround(a time.Time, unit, off int, tn tense) (time.Time, time.Time) {
	switch unit {
	case uWeek:
		mon := addDays(a, -int((a.Weekday()+6)%7)+7*off)
		return mon, addDays(mon, 7)
	case uMonth:
		d := date(a.Year(), int(a.Month()), 1).AddDate(0, off, 0)
		return d, d.AddDate(0, 1, 0)
	case uQuarter:
		d := date(a.Year(), 3*((int(a.Month())-1)/3)+1, 1).AddDate(0, 3*off, 0)
		return d, d.AddDate(0, 3, 0)
	case uYear:
		d := date(a.Year()+off, 1, 1)
		return d, d.AddDate(1, 0, 0)
	case uWeekend:
		var sat time.Time
		switch {
		case off < 0: // the weekend before the anchor's
			sat = weekdayBefore(addDays(a, -2), time.Saturday)
		case off > 0:
			sat = weekdayAfter(addDays(a, 1), time.Saturday)
		case tn == tenseFuture:
			sat = weekdayAfter(addDays(a, -1), time.Saturday)
		default:
			sat = weekdayBefore(a, time.Saturday)
		}
		return sat, addDays(sat, 2)
	}
	return a, addDays(a, 1)
}

// back is n units before a; hours count as started days.
func back(a time.Time, unit, n int) time.Time {
	switch unit {
	case uHour:
		return addDays(a, -max(1, (n+23)/24))
	case uWeek:
		return addDays(a, -7*n)
	case uMonth:
		return a.AddDate(0, -n, 0)
	case uQuarter:
		return a.AddDate(0, -3*n, 0)
	case uYear:
		return a.AddDate(-n, 0, 0)
	}
	return addDays(a, -n)
}

// narrow takes a part of [from, until): of a month, days 1-10 are early,
// 11-20 mid, 21 to the end late; of a year, January-April, May-August,
// September-December; of anything else, thirds of its days.
func narrow(from, until time.Time, g news.Granularity, pt part) (time.Time, time.Time) {
	switch g {
	case news.GranularityDay:
		return from, until
	case news.GranularityMonth:
		switch pt {
		case pEarly:
			return from, addDays(from, 10)
		case pMid:
			return addDays(from, 10), addDays(from, 20)
		case pLate:
			return addDays(from, 20), until
		case pFirstHalf:
			return from, addDays(from, 15)
		case pSecondHalf:
			return addDays(from, 15), until
		}
	case news.GranularityYear:
		switch pt {
		case pEarly:
			return from, from.AddDate(0, 4, 0)
		case pMid:
			return from.AddDate(0, 4, 0), from.AddDate(0, 8, 0)
		case pLate:
			return from.AddDate(0, 8, 0), until
		case pFirstHalf:
			return from, from.AddDate(0, 6, 0)
		case pSecondHalf:
			return from.AddDate(0, 6, 0), until
		}
	}
	n := int(until.Sub(from).Hours()/24 + 0.5)
	switch pt {
	case pEarly:
		return from, addDays(from, max(1, n/3))
	case pMid:
		return addDays(from, n/3), addDays(from, max(n/3+1, 2*n/3))
	case pLate:
		return addDays(from, 2*n/3), until
	case pFirstHalf:
		return from, addDays(from, max(1, n/2))
	case pSecondHalf:
		return addDays(from, n/2), until
	}
	return from, until
}

// format writes [from, until) as ISO 8601 at granularity g; intervals name
// their first and last days.
func format(from, until time.Time, g news.Granularity) string {
	switch g {
	case news.GranularityDay:
		return from.Format("2006-01-02")
	case news.GranularityMonth:
		return from.Format("2006-01")
	case news.GranularityYear:
		return from.Format("2006")
	}
	if from.Month() == 1 && from.Day() == 1 && until.Month() == 1 && until.Day() == 1 {
		return from.Format("2006") + "/" + addDays(until, -1).Format("2006") // whole years
	}
	return from.Format("2006-01-02") + "/" + addDays(until, -1).Format("2006-01-02")
}

// formatStart writes a date at the precision g of the expression it came
// from: the start of "since 2020" is "2020".
func formatStart(t time.Time, g news.Granularity) string {
	switch g {
	case news.GranularityMonth:
		return t.Format("2006-01")
	case news.GranularityYear:
		return t.Format("2006")
	}
	return t.Format("2006-01-02")
}
