package eval

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/internal/crosscheck"
	"github.com/triangulate/triangulate/internal/lazyre"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
)

// Injected conflicts. For each event and each kind of slot, the first pair
// of validated sentences of two articles that report one happening (they
// share an event chain) and state the same value is taken, the value is
// changed in the first article's sentence only, and the event's dossier is
// built again: the change is found when a conflict has the changed
// sentence on one side and another article's sentence with the original
// value on another. The kinds:
//
//   - number: an amount written in digits ("7 people", "$5,480", "6.1");
//     changed by a quarter (at least 1), or its last decimal by 3;
//   - year: a year 1900–2099, changed to the year before;
//   - day: the day of a date ("March 26", "26 March"), moved by one;
//   - weekday: a weekday name, changed to the next day;
//   - name: a person's first name in a full name that the other article
//     writes the same way, changed to another given name.

// InjectionResult is the outcome of one kind of injected conflict.
type InjectionResult struct {
	Kind          string
	Trials, Found int
	// Missed describes each change the dossier did not report.
	Missed []string
}

// InjectionKinds are the kinds of slot changed, in report order.
var InjectionKinds = []string{"number", "year", "day", "weekday", "name"}

var (
	numberRE  = lazyre.New(`\$?\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\$?\b\d+(?:\.\d+)?\b`)
	monthRE   = `(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)`
	dayRE     = lazyre.New(`\b` + monthRE + `\s+(\d{1,2})\b|\b(\d{1,2})\s+` + monthRE + `\b`)
	weekdayRE = lazyre.New(`\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
)

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// substituteNames replace a first name; the first not in the event is used.
var substituteNames = []string{"Daniel", "Maria", "Robert", "Susan", "Thomas", "Laura", "Victor", "Helen"}

// value is a value found in a sentence: its kind, its span in the raw
// document, its text and its key (what must be equal in the other
// sentence).
type value struct {
	kind       string
	start, end int
	text, key  string
}

// injection is one planned change.
type injection struct {
	event      *ecbEvent
	doc        int
	v          value
	replace    string
	other      int // the article stating the original value
	otherStart int
	otherEnd   int
	// sentA and sentB are the gold sentences of the two values.
	sentA, sentB int
}

func injectAll(ctx context.Context, b *pipeline.Briefer, events []*ecbEvent) ([]InjectionResult, error) {
	results := make([]InjectionResult, len(InjectionKinds))
	for i, k := range InjectionKinds {
		results[i].Kind = k
	}
	for _, ev := range events {
		for ki, kind := range InjectionKinds {
			inj := planInjection(ev, kind)
			if inj == nil {
				continue
			}
			found, desc, err := runInjection(ctx, b, inj)
			if err != nil {
				return nil, err
			}
			results[ki].Trials++
			if found {
				results[ki].Found++
			} else {
				results[ki].Missed = append(results[ki].Missed, desc)
			}
		}
	}
	return results, nil
}

// planInjection finds the first value of the kind that two articles'
// sentences reporting one happening both state.
func planInjection(ev *ecbEvent, kind string) *injection {
	sents := validatedSentences(ev)
	for i, a := range sents {
		for _, bs := range sents {
			if a.doc == bs.doc || !shareKey(a.chains, bs.chains) {
				continue
			}
			da, db := ev.docs[a.doc], ev.docs[bs.doc]
			ga, gb := da.gold.sentenceOf(a.n), db.gold.sentenceOf(bs.n)
			if a.span.start < 0 || bs.span.start < 0 {
				continue // the cleaner dropped one (a headline)
			}
			va := valuesIn(da, ga, kind)
			vb := valuesIn(db, gb, kind)
			for _, x := range va {
				for _, y := range vb {
					if x.key != y.key {
						continue
					}
					rep := replacement(ev, x)
					if rep == "" {
						continue
					}
					_ = i
					return &injection{event: ev, doc: a.doc, v: x, replace: rep, other: bs.doc, otherStart: y.start, otherEnd: y.end, sentA: a.n, sentB: bs.n}
				}
			}
		}
	}
	return nil
}

// valuesIn lists the values of a kind in a gold sentence of a document.
func valuesIn(d *ecbDoc, s *GoldSentence, kind string) []value {
	text := d.raw[s.Start:s.End]
	var out []value
	add := func(start, end int, key string) {
		out = append(out, value{kind: kind, start: s.Start + start, end: s.Start + end, text: text[start:end], key: key})
	}
	switch kind {
	case "number", "year":
		dayNums := map[int]bool{}
		for _, m := range dayRE.FindAllStringSubmatchIndex(text, -1) {
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 {
					dayNums[m[g]] = true
				}
			}
		}
		for _, m := range numberRE.FindAllStringIndex(text, -1) {
			start, end := m[0], m[1]
			if text[start] == '$' {
				start++
			}
			num := text[start:end]
			if dayNums[start] || timeOrPart(text, start, end) {
				continue
			}
			isYear := len(num) == 4 && !strings.Contains(num, ",") && (strings.HasPrefix(num, "19") || strings.HasPrefix(num, "20"))
			if isYear != (kind == "year") {
				continue
			}
			add(start, end, strings.ReplaceAll(num, ",", ""))
		}
	case "day":
		for _, m := range dayRE.FindAllStringSubmatchIndex(text, -1) {
			g := 2
			if m[2] < 0 {
				g = 4
			}
			month := strings.ToLower(strings.TrimSpace(strings.Trim(text[m[0]:m[1]], "0123456789 ")))[:3]
			add(m[g], m[g+1], month+" "+strings.TrimLeft(text[m[g]:m[g+1]], "0"))
		}
	case "weekday":
		for _, m := range weekdayRE.FindAllStringIndex(text, -1) {
			add(m[0], m[1], text[m[0]:m[1]])
		}
	case "name":
		for _, m := range d.gold.Mentions {
			if m.Kind != "entity" || m.Type != "HUMAN_PART_PER" || m.Sentence != s.N || !crossDocChain(m.Chain) {
				continue
			}
			ws := strings.Fields(m.Text)
			if len(ws) < 2 || !properWord(ws[0]) || !properWord(ws[len(ws)-1]) || titleWord(ws[0]) {
				continue
			}
			out = append(out, value{kind: kind, start: m.Start, end: m.Start + len(ws[0]), text: ws[0], key: m.Chain + "|" + m.Text})
		}
	}
	return out
}

// timeOrPart reports whether a number is a clock time, part of a name or
// model ("Boeing 737", "Flight 253", "G8"), or glued to letters.
func timeOrPart(text string, start, end int) bool {
	if end < len(text) && (text[end] == ':' || isLetter(text[end])) {
		return true
	}
	if start > 0 && (text[start-1] == ':' || isLetter(text[start-1]) || text[start-1] == '-') {
		return true
	}
	after := strings.ToLower(text[end:min(len(text), end+6)])
	if strings.HasPrefix(after, " a.m") || strings.HasPrefix(after, " p.m") || strings.HasPrefix(after, " am") || strings.HasPrefix(after, " pm") {
		return true
	}
	// a capitalised word right before: a name or a model
	before := strings.TrimRight(text[:start], " ")
	if start > 0 && text[start-1] == ' ' && before != "" {
		i := strings.LastIndexByte(before, ' ') + 1
		w := before[i:]
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' && !strings.HasSuffix(w, ".") && !strings.HasSuffix(w, ",") {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func properWord(w string) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if !isLetter(w[i]) && w[i] != '-' && w[i] != '\'' {
			return false
		}
	}
	return true
}

func titleWord(w string) bool {
	switch strings.ToLower(strings.TrimSuffix(w, ".")) {
	case "mr", "mrs", "ms", "dr", "president", "sen", "senator", "rep", "gov", "governor", "judge", "rev", "gen", "general",
		"coach", "prime", "minister", "chief", "officer", "captain", "capt", "actor", "actress", "singer", "star", "sir", "lord", "lady", "king", "queen", "prince", "princess", "pope", "st", "saint":
		return true
	}
	return false
}

// replacement is the changed value, "" when the value cannot be changed.
func replacement(ev *ecbEvent, v value) string {
	switch v.kind {
	case "number":
		num := v.text
		if i := strings.IndexByte(num, '.'); i >= 0 {
			last := num[len(num)-1] - '0'
			return num[:len(num)-1] + strconv.Itoa(int(last+3)%10)
		}
		n, err := strconv.Atoi(strings.ReplaceAll(num, ",", ""))
		if err != nil {
			return ""
		}
		n += max(1, n/4)
		s := strconv.Itoa(n)
		if strings.Contains(num, ",") {
			s = commas(s)
		}
		return s
	case "year":
		y, _ := strconv.Atoi(v.text)
		return strconv.Itoa(y - 1)
	case "day":
		d, err := strconv.Atoi(v.text)
		if err != nil || d < 1 || d > 31 {
			return ""
		}
		if d < 28 {
			d++
		} else {
			d--
		}
		return strconv.Itoa(d)
	case "weekday":
		i := slices.Index(weekdays, v.text)
		return weekdays[(i+1)%7]
	case "name":
		for _, n := range substituteNames {
			if n == v.text {
				continue
			}
			used := false
			for _, d := range ev.docs {
				if strings.Contains(d.raw, n) {
					used = true
					break
				}
			}
			if !used {
				return n
			}
		}
	}
	return ""
}

func commas(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// runInjection applies the change, rebuilds the event's dossier and looks
// for the conflict.
func runInjection(ctx context.Context, b *pipeline.Briefer, inj *injection) (bool, string, error) {
	ev := inj.event
	d := ev.docs[inj.doc]
	doc := ev.input[inj.doc]
	if doc.Content != d.raw {
		return false, "", fmt.Errorf("eval: inject: %s was read differently from its file", d.name)
	}
	doc.Content = d.raw[:inj.v.start] + inj.replace + d.raw[inj.v.end:]
	art, err := pipeline.Prepare(doc)
	if err != nil {
		return false, "", fmt.Errorf("eval: inject: %s: %w", d.name, err)
	}
	as := slices.Clone(ev.arts)
	as[inj.doc] = b.AnnotateOne(art)
	dos, det, err := eventDossier(as)
	if err != nil {
		return false, "", err
	}
	changedSrc := fmt.Sprintf("s%d", inj.doc+1)
	otherSrc := fmt.Sprintf("s%d", inj.other+1)
	sentence := lineAround(doc.Content, inj.v.start)
	otherSentence := lineAround(ev.docs[inj.other].raw, inj.otherStart)
	desc := fmt.Sprintf("%s %s %q→%q in %s %q; %s has %q", ev.name, inj.v.kind, inj.v.text, inj.replace, d.name, shortText(sentence, 160),
		ev.docs[inj.other].name, shortText(otherSentence, 160))
	for _, c := range dos.Conflicts {
		changed, original := false, false
		for _, v := range c.Variants {
			hasChanged, hasOriginal := false, false
			for _, e := range v.Evidence {
				if e.Source == changedSrc && strings.Contains(e.Text, inj.replace) {
					hasChanged = true
				}
				if e.Source != changedSrc && containsValue(e, inj, otherSrc) {
					hasOriginal = true
				}
			}
			// one side holds the change, another the original value
			if hasChanged && !hasOriginal {
				changed = true
			}
			if hasOriginal && !hasChanged {
				original = true
			}
		}
		if changed && original {
			return true, desc, nil
		}
	}
	return false, "[" + missReason(inj, det) + togetherIn(inj, &dos) + "] " + desc, nil
}

// missReason says why the dossier shows no conflict for an injection:
// which value the cross-check did not read, why the two values were not
// taken for one slot, or why their disagreement made no conflict.
func missReason(inj *injection, det *crosscheck.Detail) string {
	at := func(doc, sent, raw int) int {
		sp, ok := inj.event.docs[doc].at[sent]
		if !ok || sp.start < 0 {
			return -1
		}
		return raw + sp.shift
	}
	find := func(doc, pos int) int {
		for i, v := range det.Values {
			if v.Source == doc && v.Kind == inj.v.kind && v.Start <= pos && pos < v.End {
				return i
			}
		}
		return -1
	}
	pa, pb := at(inj.doc, inj.sentA, inj.v.start), at(inj.other, inj.sentB, inj.otherStart)
	ia, ib := find(inj.doc, pa), find(inj.other, pb)
	switch {
	case ia < 0:
		return "changed value not read"
	case ib < 0:
		return "original value not read"
	}
	if why := det.SlotWhy(ia, ib); why != "" {
		return why
	}
	if why, ok := det.Dropped[[2]int{min(ia, ib), max(ia, ib)}]; ok {
		return why
	}
	return "a conflict was made, but not with these sides"
}

// containsValue reports whether evidence states the original value.
func containsValue(e news.Evidence, inj *injection, _ string) bool {
	return strings.Contains(e.Text, inj.v.text)
}

// lineAround is the paragraph of text holding offset i.
func lineAround(text string, i int) string {
	start := strings.LastIndexByte(text[:i], '\n') + 1
	end := strings.IndexByte(text[i:], '\n')
	if end < 0 {
		return text[start:]
	}
	return text[start : i+end]
}

// togetherIn says whether the dossier holds the two sentences of an
// injection in one fact or one happening.
func togetherIn(inj *injection, d *news.Dossier) string {
	pos := func(doc, sent, raw int) int {
		sp, ok := inj.event.docs[doc].at[sent]
		if !ok || sp.start < 0 {
			return -1
		}
		return raw + sp.shift
	}
	pa, pb := pos(inj.doc, inj.sentA, inj.v.start), pos(inj.other, inj.sentB, inj.otherStart)
	holds := func(evs []news.Evidence) bool {
		a, b := false, false
		for _, e := range evs {
			i := sourceIndex(e.Source)
			a = a || i == inj.doc && e.Start <= pa && pa < e.End
			b = b || i == inj.other && e.Start <= pb && pb < e.End
		}
		return a && b
	}
	for _, f := range d.Facts {
		if holds(f.Evidence) {
			return "; one fact"
		}
	}
	for _, h := range d.Happenings {
		if holds(h.Evidence) {
			return "; one happening"
		}
	}
	return ""
}
