package clean

import (
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/lazyre"
)

// Date lines are recognised by removing everything that can be part of a
// date stamp (dates, weekdays, times, time zones, stamp words, separators)
// and checking that at most a short section label is left.

const monthRE = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`

var (
	isoDateRE = lazyre.New(`\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b`)
	mdyDateRE = lazyre.New(`\b(` + monthRE + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dmyDateRE = lazyre.New(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthRE + `),?\s+(\d{4})\b`)
	numDateRE = lazyre.New(`\b\d{1,2} ?[./] ?\d{1,2} ?[./] ?\d{4}\b`)
	// shortDateRE is a numeric date with a two-digit year followed by a
	// time, as page stamps write it ("11/30/09 05:40 PM ET"); its group is
	// the time, which stays when the date is taken out.
	shortDateRE = lazyre.New(`\b\d{1,2} ?/ ?\d{1,2} ?/ ?\d{2} +(\d{1,2}[:.] ?\d{2})\b`)
	stampRE     = lazyre.New(`(?i)\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?|\d{1,2}[:.] ?\d{2}(?:[:.] ?\d{2})?\s*(?:[ap]\.?m\.?)?|[ap]\.?m\.?|gmt|utc|[ecmp][sd]t|cet|cest|bst|ist|wat|eat|msk|date[sd]?|published|updated|posted|modified|created|last|first|on|at)\b`)
	stampSepRE  = lazyre.New(`[|,·•:/()+\-–—\[\]]`)
	keyedRE     = lazyre.New(`(?i)^\W*(?:date[sd]?|published|posted|first published|publication date)\b`)
)

// parseDate returns the first full date (day, month and year) in s, and the
// text it was read from. Numeric dates such as 04/05/2024 are recognised as
// dates by isDateLine but not parsed here: the day/month order is unknown.
func parseDate(s string) (time.Time, string, bool) {
	type hit struct {
		at   int
		t    time.Time
		text string
	}
	var best *hit
	consider := func(at int, t time.Time, text string) {
		if best == nil || at < best.at {
			best = &hit{at, t, text}
		}
	}
	if m := isoDateRE.FindStringSubmatchIndex(s); m != nil {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := makeDate(y, mo, d); ok {
			consider(m[0], t, s[m[0]:m[1]])
		}
	}
	if m := mdyDateRE.FindStringSubmatchIndex(s); m != nil {
		mo := monthNumber(s[m[2]:m[3]])
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := makeDate(y, mo, d); ok {
			consider(m[0], t, s[m[0]:m[1]])
		}
	}
	if m := dmyDateRE.FindStringSubmatchIndex(s); m != nil {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo := monthNumber(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := makeDate(y, mo, d); ok {
			consider(m[0], t, s[m[0]:m[1]])
		}
	}
	if best == nil {
		return time.Time{}, "", false
	}
	return best.t, best.text, true
}

// ParseDate reads a publication date as containers state it: RFC 3339,
// RFC 1123 and the other layouts of feeds and JSON exports, or a date as
// written in English ("April 12, 2024", "12 April 2024"). It returns the
// calendar day in UTC.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, time.RFC3339, time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850, time.ANSIC,
		"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	t, _, ok := parseDate(s)
	return t, ok
}

func makeDate(y, m, d int) (time.Time, bool) {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 31 April
	}
	return t, true
}

func monthNumber(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	for i, name := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(s, name) {
			return i + 1
		}
	}
	return 0
}

// isDateLine reports whether s is a date stamp: at least one date, and
// besides dates, weekdays, times and stamp words ("Updated", "Published")
// at most two words, all upper case (a section label such as "WORLD").
// keyed is true when the line names itself a date ("date ...",
// "Published ...").
func isDateLine(s string) (ok, keyed bool) {
	short := shortDateRE.MatchString(s)
	if len(s) > 120 || !hasYear(s) && !short {
		return false, false
	}
	rest := s
	found := false
	if short {
		// the date only: the time is a stamp word below
		found, rest = true, shortDateRE.ReplaceAllString(rest, " $1")
	}
	for _, re := range []*lazyre.Regexp{isoDateRE, mdyDateRE, dmyDateRE, numDateRE} {
		if re.MatchString(rest) {
			found = true
			rest = re.ReplaceAllString(rest, " ")
		}
	}
	if !found {
		return false, false
	}
	rest = stampRE.ReplaceAllString(rest, " ")
	rest = stampSepRE.ReplaceAllString(rest, " ")
	left := strings.Fields(rest)
	if len(left) > 2 {
		return false, false
	}
	for _, w := range left {
		if strings.ToUpper(w) != w || countWords(w) == 0 {
			return false, false
		}
	}
	return true, keyedRE.MatchString(s)
}

// hasYear reports whether s has a run of four digits, which every date
// line has; it keeps the date expressions off most lines.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
