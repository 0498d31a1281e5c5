package timex

// The English words the rules know. The lists are written here from
// ordinary English usage (month and weekday names, their news-style
// abbreviations, the relative words of time); they hold no data from any
// corpus.

// class is what a known word does in a temporal expression.
type class uint8

const (
	cNone       class = iota
	cMonth            // "March"; val is the month
	cMonthAbbr        // "Mar", "Sept"; needs a day or a year after it
	cWeekday          // "Wednesday"; val is time.Weekday
	cRelDay           // "yesterday"; val is the offset in days
	cUnit             // "week", "months"; val is a unit, plural adds unitPlural
	cDayPart          // "morning", "night"
	cNumWord          // "two", "several"; val is the number
	cOrdWord          // "first"; val is the ordinal
	cQuarterTag       // "Q1"; val is the quarter
)

// word identifies the function words that rules test one by one.
type word uint8

const (
	wOther word = iota
	wLast
	wNext
	wThis
	wPast
	wPrevious
	wComing
	wEarly
	wLate
	wEarlier
	wLater
	wMid
	wMiddle
	wEnd
	wBeginning
	wStart
	wHalf
	wThe
	wOf
	wAgo
	wSince
	wIn
	wOn
	wAnd
	wOr
	wTo
	wDet // a determiner before a year used as an adjective: "the 2023 coup"
	wPrepStrong
	wPrepWeak
	wYear
	wFuture   // will, shall
	wFutureTo // due, expected, scheduled, set... + "to"
	wPastAux  // an irregular past form: said, was, met...
	wNamedDay // Black (Friday), Good (Friday), Easter (Sunday)...
	wPaper    // Times, Telegraph...: "Sunday Times" is a newspaper
)

// units of time.
const (
	uDay = iota + 1
	uWeek
	uMonth
	uYear
	uWeekend
	uHour
	uQuarter
	unitPlural = 16
)

type info struct {
	cls class
	val int8
	w   word
}

var lexicon = func() map[string]info {
	m := map[string]info{}
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, s := range months {
		m[s] = info{cls: cMonth, val: int8(i + 1)}
	}
	for s, v := range map[string]int8{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12} {
		m[s] = info{cls: cMonthAbbr, val: v}
	}
	// Only full weekday names: "Sun" is a newspaper, "Wed" a verb.
	for i, s := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		m[s] = info{cls: cWeekday, val: int8(i)}
	}
	for s, v := range map[string]int8{"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0} {
		m[s] = info{cls: cRelDay, val: v}
	}
	for s, v := range map[string]int8{"day": uDay, "week": uWeek, "month": uMonth, "year": uYear, "weekend": uWeekend, "hour": uHour, "quarter": uQuarter} {
		m[s] = info{cls: cUnit, val: v}
		m[s+"s"] = info{cls: cUnit, val: v + unitPlural}
	}
	m["year"] = info{cls: cUnit, val: uYear, w: wYear}
	for _, s := range []string{"morning", "afternoon", "evening", "night"} {
		m[s] = info{cls: cDayPart}
	}
	for s, v := range map[string]int8{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "few": 3, "several": 3, "couple": 2} {
		m[s] = info{cls: cNumWord, val: v}
	}
	m["a"] = info{cls: cNumWord, val: 1, w: wDet}
	m["an"] = info{cls: cNumWord, val: 1, w: wDet}
	for s, v := range map[string]int8{"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4} {
		m[s] = info{cls: cOrdWord, val: v}
	}
	for s, v := range map[string]int8{"q1": 1, "q2": 2, "q3": 3, "q4": 4} {
		m[s] = info{cls: cQuarterTag, val: v}
	}
	for s, w := range map[string]word{
		"last": wLast, "next": wNext, "this": wThis, "past": wPast, "previous": wPrevious,
		"coming": wComing, "early": wEarly, "late": wLate, "earlier": wEarlier, "later": wLater,
		"mid": wMid, "middle": wMiddle, "end": wEnd, "beginning": wBeginning, "start": wStart,
		"half": wHalf, "the": wThe, "of": wOf, "ago": wAgo, "since": wSince, "in": wIn, "on": wOn,
		"and": wAnd, "or": wOr, "to": wTo,
	} {
		m[s] = info{w: w}
	}
	for _, s := range []string{"its", "their", "his", "her", "our", "that", "these", "those"} {
		m[s] = info{w: wDet}
	}
	// Prepositions after which a bare year or month is a time: "in 2023".
	for _, s := range []string{"until", "till", "during", "throughout", "before", "after", "through", "circa", "from", "into"} {
		m[s] = info{w: wPrepStrong}
	}
	// Prepositions after which a number is as often a quantity: "of 2000".
	for _, s := range []string{"by", "for", "between", "around", "than"} {
		m[s] = info{w: wPrepWeak}
	}
	for _, s := range []string{"will", "shall"} {
		m[s] = info{w: wFuture}
	}
	for _, s := range []string{"due", "expected", "scheduled", "set", "slated", "poised", "planned", "going", "plans", "plan", "intends", "aims"} {
		m[s] = info{w: wFutureTo}
	}
	for _, s := range []string{"said", "told", "was", "were", "had", "did", "met", "came", "went", "took", "gave", "made", "held", "began", "saw", "spoke", "left", "won", "lost", "fell", "rose", "found", "brought", "sent", "led", "struck", "broke", "fled", "flew", "ran", "got", "became", "paid", "sold", "bought", "built", "kept", "wrote", "stood", "sat", "felt", "heard", "meant", "knew", "grew", "drew", "threw", "shot", "hit", "began", "sank", "swore", "stole", "chose", "froze", "woke", "wore", "tore", "rode", "drove", "ate", "forgot", "caught", "taught", "fought", "sought", "thought", "ago"} {
		if _, ok := m[s]; !ok {
			m[s] = info{w: wPastAux}
		}
	}
	// "Black Friday", "Good Friday", "Easter Sunday" are named days.
	for _, s := range []string{"black", "good", "bloody", "easter", "palm", "ash", "holy", "maundy", "cyber", "whit", "shrove", "fat", "super"} {
		m[s] = info{w: wNamedDay}
	}
	// "Sunday Times", "Sunday Telegraph": newspapers, programmes.
	for _, s := range []string{"times", "telegraph", "express", "mirror", "post", "herald", "independent", "tribune", "sport", "mail", "people", "football", "night"} {
		if cur, ok := m[s]; ok {
			cur.w = wPaper
			m[s] = cur
		} else {
			m[s] = info{w: wPaper}
		}
	}
	return m
}()

// pluralEvents are plural nouns that a year commonly qualifies ("the 2024
// elections"), unlike counted nouns ("the 2000 troops").
var pluralEvents = map[string]bool{
	"elections": true, "games": true, "olympics": true, "polls": true, "protests": true,
	"attacks": true, "floods": true, "talks": true, "riots": true, "negotiations": true,
	"midterms": true, "sanctions": true, "strikes": true, "championships": true,
	"playoffs": true, "finals": true, "accords": true, "bombings": true, "uprisings": true,
	"primaries": true, "killings": true, "slayings": true, "shootings": true, "murders": true, "massacres": true, "awards": true, "oscars": true, "results": true, "figures": true,
}

// countedNouns are nouns that are not plural in form but follow a count.
var countedNouns = map[string]bool{
	"people": true, "men": true, "women": true, "children": true, "police": true,
	"personnel": true, "staff": true, "cattle": true, "feet": true, "persons": true,
	"metres": true, "meters": true, "miles": true, "km": true, "kg": true, "percent": true,
	"per": true, "euros": true, "dollars": true, "pounds": true,
}
