package crosscheck

import (
	"slices"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// Independence. A fact is as strong as the number of independent reports
// behind it, not the number of articles that print it. A source counts
// once per fact however many of its sentences state it, and two sources
// count once together when
//   - they share a publisher (one outlet, or a wire's dateline);
//   - their articles are near copies of each other (a reprint);
//   - their sentences repeat each other's wording outside quotation marks
//     (a wire copy). The same words inside quotation marks are a speaker's:
//     two outlets that print one quote of a named person corroborate it;
//   - one credits the statement to a medium ("Reuters reported", "according
//     to the BBC", "told CNN") that is the other's publisher or that the
//     other credits too: the statement is that medium's report.
// Credit to a party that is not a medium ("according to police") leaves
// the outlets independent: each relays what the police said.

// origins are the independence keys of a story's sources and sentences.
type origins struct {
	group  []int                // source index → its group's first source
	credit map[*sentence]string // a sentence's credited medium, when any
	out    map[*sentence]map[string]bool
	copies map[[2]int]bool // copiesWording of sentence pairs (by gi)
}

// readOrigins groups the sources that are one publisher or near copies,
// and finds the medium each sentence credits.
func (s *story) readOrigins() {
	n := len(s.srcs)
	o := &origins{group: make([]int, n), credit: map[*sentence]string{}, out: map[*sentence]map[string]bool{}, copies: map[[2]int]bool{}}
	for i := range o.group {
		o.group[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for o.group[i] != i {
			i = o.group[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra > rb {
			ra, rb = rb, ra
		}
		o.group[rb] = ra
	}
	s.origins = o
	whole := make([]map[string]bool, n)
	for i := range s.srcs {
		whole[i] = map[string]bool{}
		for _, st := range s.bySource[i] {
			for sh := range s.outsideQuotes(st) {
				whole[i][sh] = true
			}
		}
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if s.srcs[i].owner != "" && s.srcs[i].owner == s.srcs[j].owner || nearCopy(whole[i], whole[j]) {
				union(i, j)
			}
		}
	}
	for i := range o.group {
		o.group[i] = find(i)
	}
	for _, st := range s.sents {
		if key := s.creditedMedium(st, o); key != "" {
			o.credit[st] = key
		}
	}
}

// nearCopy reports whether two articles share most of their word
// trigrams outside quotation marks: one reprints the other, perhaps with
// another headline or a paragraph more.
func nearCopy(a, b map[string]bool) bool {
	if len(a) < 20 || len(b) < 20 {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	need := (6*len(a) + 9) / 10 // six in ten of the smaller set
	inter, miss := 0, 0
	for sh := range a {
		if b[sh] {
			if inter++; inter >= need {
				return true
			}
		} else if miss++; len(a)-miss < need {
			return false
		}
	}
	return inter >= need
}

// mediaNameWords in a name make it a medium's: "The New York Times",
// "Sky News", "Radio France", the wire agencies by name.
var mediaNameWords = map[string]bool{
	"times": true, "news": true, "press": true, "post": true, "herald": true, "journal": true, "gazette": true,
	"tribune": true, "telegraph": true, "chronicle": true, "guardian": true, "observer": true, "magazine": true,
	"daily": true, "weekly": true, "television": true, "tv": true, "radio": true, "broadcasting": true,
	"newspaper": true, "reuters": true, "afp": true, "ap": true, "bbc": true, "cnn": true, "xinhua": true,
	"tass": true, "interfax": true, "bloomberg": true, "jazeera": true, "npr": true, "pbs": true,
	"nbc": true, "cbs": true, "abc": true, "msnbc": true, "politico": true, "axios": true, "yonhap": true,
	"kyodo": true, "efe": true, "ansa": true, "dpa": true,
}

// creditBefore are the words that make the name after them the medium a
// statement comes from: "according to Reuters", "told the BBC", "reported
// by Le Monde", "in an interview with CNN".
var creditBefore = []string{"according to", "told", "reported by", "quoted by", "cited by", "interview with", "said to", "speaking to", "talking to"}

// creditAfter are the verbs that make the name before them the medium a
// statement comes from: "Reuters reported", "the Times wrote".
var creditAfter = map[string]bool{"reported": true, "reports": true, "reporting": true, "said": true, "says": true,
	"quoted": true, "quotes": true, "cited": true, "cites": true, "wrote": true, "writes": true, "published": true,
	"broadcast": true, "aired": true, "learned": true, "learnt": true, "obtained": true, "revealed": true}

// creditedMedium is the key of the medium a sentence credits its statement
// to, "" when it credits none: a publisher's group when the medium is a
// source of the story, else the medium's entity.
func (s *story) creditedMedium(st *sentence, o *origins) string {
	src := st.src
	for _, mi := range st.mentions {
		m := src.a.Mentions[mi]
		e := s.ents.entityOf(src.idx, mi)
		if e == nil || m.Type == news.EntityLocation || m.Type == news.EntityPerson {
			continue
		}
		if !credits(src.text, m) {
			continue
		}
		pub := s.publisherOf(e, m.Text)
		if pub >= 0 {
			return "s" + strconv.Itoa(o.group[pub])
		}
		if s.isMedium(e, src.text, m) {
			return "e" + e.id
		}
	}
	return ""
}

// credits reports whether a mention is written as the one a statement
// comes from: a crediting verb right after it or a crediting phrase right
// before it.
func credits(text string, m news.Mention) bool {
	if verbAfter(text, m.End, 30, creditAfter, adverbs) {
		return true
	}
	before := strings.ToLower(strings.TrimSpace(text[max(0, m.Start-40):m.Start]))
	for _, a := range []string{" the", " a", " an"} {
		before = strings.TrimSuffix(before, a)
	}
	before = strings.TrimSpace(before)
	for _, c := range creditBefore {
		if strings.HasSuffix(before, c) && (len(before) == len(c) || !isWordByte(before[len(before)-len(c)-1])) {
			return true
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

// adverbs that may stand between a medium and its verb ("Reuters also
// reported").
var adverbs = map[string]bool{"also": true, "first": true, "earlier": true, "later": true, "previously": true, "had": true, "has": true}

// publisherOf is the index of a source whose publisher the entity names,
// -1 when none.
func (s *story) publisherOf(e *entity, form string) int {
	names := []string{normKey(e.name), normKey(form)}
	for _, nd := range e.nodes {
		names = append(names, nd.bestKey)
	}
	for _, src := range s.srcs {
		if src.owner == "" {
			continue
		}
		own := normKey(src.owner)
		if slices.Contains(names, own) {
			return src.idx
		}
	}
	return -1
}

// isMedium reports whether an entity is a news medium: its name has a
// medium's word, or a media noun stands right before or after the mention
// ("the newspaper Le Monde", "Tele Sahel broadcaster").
func (s *story) isMedium(e *entity, text string, m news.Mention) bool {
	for _, w := range strings.Fields(normKey(e.name) + " " + normKey(m.Text)) {
		if mediaNameWords[w] {
			return true
		}
	}
	before := terms.Words(text[max(0, m.Start-20):m.Start])
	if n := len(before); n > 0 && mediaNouns[strings.ToLower(before[n-1].Text)] {
		return true
	}
	after := terms.Words(text[m.End:min(len(text), m.End+20)])
	return len(after) > 0 && mediaNouns[strings.ToLower(after[0].Text)]
}

// originOf is the key a member sentence is counted under.
func (s *story) originOf(m *sentence) string {
	if k, ok := s.origins.credit[m]; ok {
		return k
	}
	return "s" + strconv.Itoa(s.origins.group[m.src.idx])
}

// outsideQuotes are a sentence's word trigrams that lie outside quotation
// marks, computed once.
func (s *story) outsideQuotes(st *sentence) map[string]bool {
	if sh, ok := s.origins.out[st]; ok {
		return sh
	}
	var spans [][2]int
	for _, q := range st.src.a.Quotes {
		if q.Start < st.end && q.End > st.start {
			spans = append(spans, [2]int{q.Start, q.End})
		}
	}
	sh := st.shingles
	if len(spans) > 0 {
		sh = map[string]bool{}
		ws := st.ws
		in := func(w terms.Word) bool {
			a, b := st.start+w.Start, st.start+w.End
			return slices.ContainsFunc(spans, func(sp [2]int) bool { return sp[0] <= a && b <= sp[1] })
		}
		for i := 0; i+2 < len(ws); i++ {
			if in(ws[i]) || in(ws[i+1]) || in(ws[i+2]) {
				continue
			}
			sh[terms.Fold(ws[i].Text)+" "+terms.Fold(ws[i+1].Text)+" "+terms.Fold(ws[i+2].Text)] = true
		}
	}
	s.origins.out[st] = sh
	return sh
}

// copiesWording reports whether two sentences repeat each other's words
// outside quotation marks (see nearDuplicate), computed once a pair.
func (s *story) copiesWording(a, b *sentence) bool {
	x, y := s.outsideQuotes(a), s.outsideQuotes(b)
	if lx, ly := len(x), len(y); lx < 4 || ly < 4 || 10*min(lx, ly) < 6*max(lx, ly) {
		return false // six in ten of the union cannot be shared
	}
	k := [2]int{min(a.gi, b.gi), max(a.gi, b.gi)}
	if v, ok := s.origins.copies[k]; ok {
		return v
	}
	v := nearShingles(x, y)
	s.origins.copies[k] = v
	return v
}

// independence counts the independent reports behind a set of sentences
// and lists the sources not counted again (see the comment at the top). A
// source counts when one of its sentences has an origin not yet counted and
// copies no counted sentence's wording.
func (s *story) independence(members []*sentence) (int, []string) {
	var srcs []*source
	bySrc := map[*source][]*sentence{}
	for _, m := range members {
		if bySrc[m.src] == nil {
			srcs = append(srcs, m.src)
		}
		bySrc[m.src] = append(bySrc[m.src], m)
	}
	counted := map[string]bool{}
	var kept []*sentence
	var copies []string
	n := 0
	for _, src := range srcs {
		own := false
		for _, m := range bySrc[src] {
			if !counted[s.originOf(m)] && !slices.ContainsFunc(kept, func(o *sentence) bool { return s.copiesWording(m, o) }) {
				own = true
			}
		}
		if !own {
			copies = append(copies, src.id)
			continue
		}
		n++
		for _, m := range bySrc[src] {
			counted[s.originOf(m)] = true
			kept = append(kept, m)
		}
	}
	return n, copies
}
