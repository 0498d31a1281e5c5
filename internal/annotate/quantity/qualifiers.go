package quantity

import (
	"math"
	"strings"
)

// bound is the interval a qualifier gives a stated value v.
type bound uint8

const (
	bExact   bound = iota // [v, v]
	bAbout                // [v − 10%, v + 10%]
	bNearly               // [v − 10%, v]: "nearly", "almost" stay below v
	bOver                 // (v, nil): Low = v, exclusive
	bAtLeast              // [v, nil)
	bUnder                // (nil, v): High = v, exclusive
	bUpTo                 // (nil, v]
)

// qualifiers maps the words that may stand before a number, lower-cased and
// joined by single spaces, to the interval they give it. Compiled for this
// package from English usage in news writing.
var qualifiers = map[string]bound{
	// approximations
	"about": bAbout, "around": bAbout, "roughly": bAbout,
	"approximately": bAbout, "approx": bAbout, "some": bAbout,
	"an estimated": bAbout, "estimated": bAbout, "circa": bAbout,
	"close to": bAbout, "in the region of": bAbout,
	"somewhere around": bAbout, "give or take": bAbout,
	"nearly": bNearly, "almost": bNearly, "just shy of": bNearly,
	"not quite": bNearly, "just short of": bNearly,
	// lower bounds
	"more than": bOver, "over": bOver, "above": bOver, "upwards of": bOver,
	"in excess of": bOver, "exceeding": bOver, "well over": bOver,
	"well above": bOver, "just over": bOver, "just above": bOver,
	"greater than": bOver, "slightly more than": bOver,
	"a little over": bOver, "a little more than": bOver,
	"well in excess of": bOver, "just more than": bOver,
	"at least": bAtLeast, "no fewer than": bAtLeast, "no less than": bAtLeast,
	"not less than": bAtLeast, "not fewer than": bAtLeast,
	"a minimum of": bAtLeast,
	// upper bounds
	"less than": bUnder, "under": bUnder, "fewer than": bUnder,
	"below": bUnder, "just under": bUnder, "just below": bUnder,
	"well under": bUnder, "well below": bUnder, "slightly less than": bUnder,
	"just less than": bUnder, "a little under": bUnder,
	"a little less than": bUnder,
	"up to":              bUpTo, "as many as": bUpTo, "as much as": bUpTo,
	"at most": bUpTo, "no more than": bUpTo, "not more than": bUpTo,
	"a maximum of": bUpTo, "as high as": bUpTo,
	// exact, as stated
	"just": bExact, "only": bExact, "exactly": bExact, "precisely": bExact,
	"a mere": bExact, "merely": bExact, "a total of": bExact,
	"another": bExact, "an additional": bExact, "a further": bExact,
	"an extra": bExact, "additional": bExact,
}

// postQualifiers may follow a number: "100 or more", "20 or so".
var postQualifiers = map[string]bound{
	"or more": bAtLeast, "or so": bAbout, "or fewer": bUpTo, "or less": bUpTo,
	"plus": bOver, "or thereabouts": bAbout, "odd": bAbout,
	"or above": bAtLeast, "or higher": bAtLeast, "or greater": bAtLeast,
	"or over": bAtLeast, "or below": bUpTo, "or under": bUpTo,
}

// exclusive reports whether the interval of b excludes its bounds.
func (b bound) exclusive() (low, high bool) {
	switch b {
	case bOver:
		return true, false
	case bUnder:
		return false, true
	}
	return false, false
}

// interval turns v and its qualifier into [lo, hi]; a nil side is open.
func (b bound) interval(v float64) (lo, hi *float64) {
	d := math.Abs(v) / 10
	switch b {
	case bAbout:
		return ptr(v - d), ptr(v + d)
	case bNearly:
		return ptr(v - d), ptr(v)
	case bOver, bAtLeast:
		return ptr(v), nil
	case bUnder, bUpTo:
		return nil, ptr(v)
	}
	return ptr(v), ptr(v)
}

// Exclusive reports whether the Low and High bounds that Find gives for a
// Qualifier are exclusive: "more than 100" has Low 100, exclusive; "at
// least 100" has Low 100, inclusive. Other bounds are inclusive. A
// qualifier of several parts ("more than hundreds of") is read by the
// words it starts or ends with.
func Exclusive(qualifier string) (low, high bool) {
	words := strings.Fields(qualifier)
	for n := len(words); n >= 1; n-- {
		if b, ok := qualifiers[strings.Join(words[:n], " ")]; ok {
			return b.exclusive()
		}
		if b, ok := postQualifiers[strings.Join(words[len(words)-n:], " ")]; ok {
			return b.exclusive()
		}
	}
	return false, false
}

func ptr(v float64) *float64 { return &v }
