package crosscheck

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// sentence is one sentence of one source with the features it is aligned on.
type sentence struct {
	src *source
	idx int // index in the source's sentences
	// headline marks the headline the text opens with: it is read for
	// happenings and conflicts, not stated as a fact of its own.
	headline bool
	// alone: the sentence can be read without the one before (standsAlone).
	alone bool
	// cover spans the sentence's names, dates, amounts and attribution.
	cover      [][2]int
	gi         int // index in the story's sentences
	start, end int
	text       string
	words      int
	ws         []terms.Word // the words of text, spans relative to it
	// feats are the sentence's features: terms ("arriv", "@trainer"),
	// entities ("E:e3"), quantities ("Q:@troops:1000"), dates ("D:2024-04-10").
	feats map[string]bool
	// featList is feats in order: sums over it do not depend on map order.
	featList []string
	// shingles are the sentence's word trigrams, for near-duplicates.
	shingles map[string]bool
	mentions []int // indexes into the source's mentions
	// placeFeats are the entity features that name places.
	placeFeats map[string]bool
	quants     []int // indexes into the source's quantities
	dates      []int // indexes into the story's dates of the source
	facts      []*fact
	// claims are what the sentence states, for alignment (claims.go).
	claims claimSet
}

// minFactWords is the fewest words a sentence needs to state a fact: fewer
// are headings and fragments.
const minFactWords = 5

// buildSentences makes the sentences and their features, and weighs the
// features by how rare they are in the story.
func (s *story) buildSentences() {
	s.bySource = make([][]*sentence, len(s.srcs))
	for _, src := range s.srcs {
		a := src.a
		for i, sn := range a.Sentences {
			st := &sentence{src: src, idx: i, gi: len(s.sents), start: sn.Start, end: sn.End, text: src.text[sn.Start:sn.End], feats: map[string]bool{}}
			st.headline = sn.End <= src.a.Article.HeadlineLen()
			ws := terms.Words(st.text)
			st.ws = ws
			st.alone = standsAloneWords(st.text, ws)
			st.words = len(ws)
			st.shingles = shinglesOf(ws)
			s.bySource[src.idx] = append(s.bySource[src.idx], st)
			s.sents = append(s.sents, st)
		}
		for mi, m := range a.Mentions {
			if st := sentenceAt(s.bySource[src.idx], m.Sentence); st != nil {
				st.mentions = append(st.mentions, mi)
				if e := s.ents.entityOf(src.idx, mi); e != nil && !isReporter(src.text, m) {
					st.feats["E:"+e.id] = true
					if e.typ == news.EntityLocation {
						if st.placeFeats == nil {
							st.placeFeats = map[string]bool{}
						}
						st.placeFeats["E:"+e.id] = true
					}
				}
			}
		}
		for _, st := range s.bySource[src.idx] {
			st.cover = s.covered(src, st)
			addTermFeatures(st, st.cover)
		}
		for qi, q := range a.Quantities {
			if st := sentenceAt(s.bySource[src.idx], q.Sentence); st != nil {
				st.quants = append(st.quants, qi)
				if q.Value != nil {
					st.feats[fmt.Sprintf("Q:%s:%g%s", nounClass(q.Noun), *q.Value, q.Unit)] = true
				}
			}
		}
		for di, d := range s.dates[src.idx] {
			if st := sentenceAt(s.bySource[src.idx], d.Sentence); st != nil {
				st.dates = append(st.dates, di)
				if d.Resolved && (d.Granularity == news.GranularityDay || d.Granularity == news.GranularityMonth) {
					st.feats["D:"+d.Value] = true
				}
			}
		}
	}
	for _, st := range s.sents {
		st.featList = sortedKeys(st.feats)
	}
}

func sentenceAt(ss []*sentence, i int) *sentence {
	if i >= 0 && i < len(ss) {
		return ss[i]
	}
	return nil
}

// addTermFeatures adds the sentence's normalised content terms, joining
// the two-word phrases that have a one-word paraphrase ("air defence" is
// "anti-aircraft"). Words inside a name, a date or an amount are left out:
// those count as their entity, date or amount, and must not count twice.
func addTermFeatures(st *sentence, covered [][2]int) {
	var prev string
	for _, w := range st.ws {
		if inSpans(covered, st.start+w.Start, st.start+w.End) {
			prev = ""
			continue
		}
		t := normTerm(w.Text)
		if t == "" {
			prev = ""
			continue
		}
		if c, ok := phraseClass[prev+" "+t]; ok {
			st.feats[c] = true
		}
		st.feats[t] = true
		prev = t
	}
}

// covered returns the spans of a sentence's names (not demonyms), dates
// and amounts' numbers.
func (s *story) covered(src *source, st *sentence) [][2]int {
	var out [][2]int
	a := src.a
	for _, mi := range st.mentions {
		if m := a.Mentions[mi]; !m.Demonym {
			out = append(out, [2]int{m.Start, m.End})
		}
	}
	for _, r := range s.dates[src.idx] {
		if r.Start >= st.start && r.End <= st.end {
			out = append(out, [2]int{r.Start, r.End})
		}
	}
	out = append(out, attributionSpans(st)...)
	for _, q := range a.Quantities {
		if q.Start >= st.start && q.End <= st.end && q.Value != nil {
			// the number, not the counted noun
			end := q.End
			if q.Noun != "" && strings.HasSuffix(q.Text, q.Noun) {
				end -= len(q.Noun)
			}
			out = append(out, [2]int{q.Start, end})
		}
	}
	return out
}

// attributionSpans are the parts of a sentence that say who reported it
// rather than what happened: a closing ", the regional agency said." and an
// "according to ..." up to the next comma. Two sentences that report one
// thing through different sources are still the same fact.
func attributionSpans(st *sentence) [][2]int {
	var out [][2]int
	text := st.text
	if i := strings.LastIndex(text, ", "); i > 0 {
		tail := text[i+2:]
		ws := terms.Words(tail)
		if n := len(ws); n >= 2 && n <= 8 && reportingVerbs[strings.ToLower(ws[n-1].Text)] {
			out = append(out, [2]int{st.start + i, st.end})
		}
	}
	lower := strings.ToLower(text)
	for from := 0; ; {
		j := strings.Index(lower[from:], "according to ")
		if j < 0 {
			break
		}
		j += from
		end := len(text)
		if k := strings.IndexAny(text[j:], ",.;"); k > 0 {
			end = j + k
		}
		out = append(out, [2]int{st.start + j, st.start + end})
		from = end
		if from >= len(text) {
			break
		}
	}
	return out
}

func inSpans(spans [][2]int, a, b int) bool {
	for _, sp := range spans {
		if sp[0] <= a && b <= sp[1] {
			return true
		}
	}
	return false
}

// isReporter reports whether a mention names who reported rather than
// what happened: followed closely by a verb of saying ("RTN also said"),
// or after "according to". Attribution is compared on its own (see
// conflicts); as a feature it would align unrelated statements of one
// broadcaster.
func isReporter(text string, m news.Mention) bool {
	if m.Type != news.EntityOrganization {
		return false
	}
	if verbAfter(text, m.End, 24, reportingVerbs, nil) {
		return true
	}
	before := strings.ToLower(text[max(0, m.Start-16):m.Start])
	return strings.HasSuffix(strings.TrimSpace(before), "according to")
}

// phraseClass maps two consecutive normalised terms to a paraphrase class.
var phraseClass = map[string]string{
	"air defens":      "@airdefense",
	"phone call":      "@phone",
	"militari govern": "@junta",
}

// shinglesOf returns the folded word trigrams of a text's words.
func shinglesOf(ws []terms.Word) map[string]bool {
	out := make(map[string]bool, len(ws))
	for i := 0; i+2 < len(ws); i++ {
		out[terms.Fold(ws[i].Text)+" "+terms.Fold(ws[i+1].Text)+" "+terms.Fold(ws[i+2].Text)] = true
	}
	return out
}

// nounClass is the comparable class of a counted noun: the paraphrase class
// or stem of its head (last) word.
func nounClass(noun string) string {
	ws := terms.Words(noun)
	for i := len(ws) - 1; i >= 0; i-- {
		if t := normTerm(ws[i].Text); t != "" {
			return t
		}
	}
	return ""
}

// weights gives each feature its weight in the story: rarer features
// weigh more (inverse document frequency over the story's sentences), and
// entities, quantities and dates weigh more than words.
func (s *story) weights() map[string]float64 {
	df := map[string]int{}
	for _, st := range s.sents {
		for _, f := range st.featList {
			df[f]++
		}
	}
	n := float64(len(s.sents))
	w := make(map[string]float64, len(df))
	for f, d := range df {
		idf := math.Log((n+1)/float64(d)) + 0.5
		switch {
		case strings.HasPrefix(f, "Q:") && specificAmount(f):
			idf *= 2.5
		case strings.HasPrefix(f, "D:"):
			idf *= 1.5
		case strings.HasPrefix(f, "E:"):
			idf *= 1.5
		}
		w[f] = idf
	}
	return w
}

// specificAmount: an amount feature worth more than a word — ten or more,
// or with a unit; "three countries" is ordinary wording.
func specificAmount(f string) bool {
	parts := strings.SplitN(f, ":", 3)
	if len(parts) < 3 {
		return false
	}
	num := strings.TrimRightFunc(parts[2], func(r rune) bool { return r < '0' || r > '9' })
	if num != parts[2] {
		return true // a unit follows the number
	}
	v, err := strconv.ParseFloat(num, 64)
	return err != nil || v >= 10
}

// similarity of two sentences is the mean of the weighted cosine of their
// feature sets and their weighted overlap coefficient (shared weight over
// the smaller sentence's weight): a short sentence stated inside a longer
// one scores well, which the cosine alone would dilute.
func similarity(a, b *sentence, w map[string]float64) float64 {
	return similarityExcept(a, b, w, "")
}

// similarityExcept is similarity without the features that start with
// skip ("D:" compares two sentences already known to share their date).
func similarityExcept(a, b *sentence, w map[string]float64, skip string) float64 {
	var shared, na, nb float64
	for _, f := range a.featList {
		if skip != "" && strings.HasPrefix(f, skip) {
			continue
		}
		x := w[f] * w[f]
		na += x
		if b.feats[f] {
			shared += x
		}
	}
	for _, f := range b.featList {
		if skip != "" && strings.HasPrefix(f, skip) {
			continue
		}
		nb += w[f] * w[f]
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return (shared/math.Sqrt(na*nb) + shared/math.Min(na, nb)) / 2
}

// nearDuplicate reports whether two sentences share most of their word
// trigrams: one copies the other (wire copy, reprint).
func nearDuplicate(a, b *sentence) bool { return nearShingles(a.shingles, b.shingles) }

// nearShingles reports whether two sets of at least four trigrams share
// six in ten of their union.
func nearShingles(a, b map[string]bool) bool {
	if len(a) < 4 || len(b) < 4 {
		return false
	}
	inter := 0
	for s := range a {
		if b[s] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	return float64(inter) >= 0.6*float64(union)
}

// verbAfter reports whether one of the two words after end (within reach
// bytes) is one of verbs; the second counts only when the first is one of
// between (any word when between is nil): "RTN said", "Reuters also
// reported".
func verbAfter(text string, end, reach int, verbs, between map[string]bool) bool {
	after := terms.Words(text[end:min(len(text), end+reach)])
	for i, w := range after[:min(2, len(after))] {
		lw := strings.ToLower(w.Text)
		if verbs[lw] {
			return true
		}
		if i == 0 && between != nil && !between[lw] {
			return false
		}
	}
	return false
}
