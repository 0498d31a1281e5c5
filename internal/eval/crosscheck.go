package eval

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/crosscheck"
	"github.com/triangulate/triangulate/internal/dossier"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/render"
	"github.com/triangulate/triangulate/internal/terms"
)

// The cross-check benchmark: one dossier per gold event of ECB+ (every
// article of the event, one story), scored against ECB+'s own mention
// annotation (mentions.jsonl):
//
//   - sentence alignment: every pair of validated sentences of two
//     articles of one event; the pair is gold-aligned when the sentences
//     share a cross-document event chain (they report one happening), and
//     aligned by the dossier when one fact holds both as evidence;
//   - name merging: every pair of name mentions (a gold entity mention
//     that is a name, in a validated sentence, in a chain) of two articles
//     of one event; gold-merged when in one chain, merged by the dossier
//     when both resolve to one entity; "variants" are the gold-merged pairs
//     written differently ("HP" / "Hewlett-Packard");
//   - determinism: each event's dossier built twice must be the same bytes;
//   - the conflicts reported on the unchanged events, listed to be read;
//   - injected conflicts (see inject.go).
//
// Beside each score, a baseline computed in the same run on the same
// pairs: content-word Jaccard ≥ 0.2 for sentences, name-word Jaccard ≥ 0.5
// for names.

// PRF is a pairwise precision/recall count.
type PRF struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP), 0 without predictions.
func (p PRF) Precision() float64 { return ratio(p.TP, p.TP+p.FP) }

// Recall is TP/(TP+FN), 0 without gold pairs.
func (p PRF) Recall() float64 { return ratio(p.TP, p.TP+p.FN) }

// F1 is the harmonic mean of precision and recall.
func (p PRF) F1() float64 {
	pr, r := p.Precision(), p.Recall()
	if pr+r == 0 {
		return 0
	}
	return 2 * pr * r / (pr + r)
}

func (p *PRF) add(pred, gold bool) {
	switch {
	case pred && gold:
		p.TP++
	case pred:
		p.FP++
	case gold:
		p.FN++
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// CrosscheckOptions tune the benchmark run.
type CrosscheckOptions struct {
	// Concurrency bounds the cleaning and annotation workers.
	Concurrency int
	// NoInject skips the injected conflicts.
	NoInject bool
	// Events limits the run to the events whose name starts with one of
	// these prefixes ("1_", "12_plus"); all when empty.
	Events []string
}

// CrosscheckReport is the result of the cross-check benchmark.
type CrosscheckReport struct {
	Dir              string
	Events, Articles int
	// Validated counts the validated sentences; InText those found in
	// the cleaned texts (the cleaner moves headlines to the title).
	Validated, InText int
	// Align and AlignBase score sentence alignment (the dossier, the
	// Jaccard baseline) over every pair; AlignInText and AlignBaseInText
	// over the pairs of sentences found in the cleaned texts.
	Align, AlignBase, AlignInText, AlignBaseInText PRF
	// AlignHeadline scores the pairs with a headline in them.
	AlignHeadline PRF
	// Happen scores the pairs the dossier puts in one happening (the
	// gold's own notion: two sentences that report one happening), Align
	// those it puts in one fact (one claim).
	Happen, HappenInText PRF
	// Names and NamesBase score name merging; Variants and VariantsBase
	// only the gold-merged pairs written differently (recall only).
	Names, NamesBase, Variants, VariantsBase PRF
	// NamesInText scores the pairs of names found in the cleaned texts.
	NamesInText PRF
	// NameMentions counts the gold name mentions; Unresolved those that
	// no entity of the dossier covers.
	NameMentions, Unresolved int
	// AlignFailures are pairs of sentences aligned against the gold (fp)
	// or missed (fn), with the fact that aligned them, for --failures.
	AlignFailures []string
	// Failures counts, by description, the name pairs missed or merged
	// wrongly and the name mentions left unresolved, for --failures.
	Failures map[string]int
	// Nondeterministic lists the events whose dossier differed between two
	// builds.
	Nondeterministic []string
	// Conflicts lists the conflicts reported on the unchanged events.
	Conflicts []ReportedConflict
	// Slots scores, per kind of value, the pairs of values taken for one
	// slot (slots.go).
	Slots []SlotPairs
	// Injected is the injected-conflict trial, per slot kind.
	Injected []InjectionResult
	// Check is the time spent building the events' dossiers once (the
	// cross-check, annotation excluded); Elapsed the whole run.
	Check, Elapsed time.Duration
	Skipped        []string
}

// ReportedConflict is a conflict of an unchanged event's dossier.
type ReportedConflict struct {
	Event string
	news.Conflict
}

// ecbEvent is one gold event with its prepared articles.
type ecbEvent struct {
	name  string
	docs  []*ecbDoc
	arts  []*news.Annotated
	input []news.Document
}

// ecbDoc is one article of the benchmark, its gold and where each of its
// gold sentences lies in the cleaned text.
type ecbDoc struct {
	name string
	raw  string
	gold *GoldDoc
	art  *news.Annotated
	// at maps a gold sentence's N to its span in the cleaned text and the
	// offset to add to a raw offset inside it ({-1,-1,0} when absent).
	at map[int]span
}

type span struct{ start, end, shift int }

// Crosscheck runs the cross-check benchmark in dir.
func Crosscheck(ctx context.Context, dir string, opts CrosscheckOptions) (CrosscheckReport, error) {
	rep := CrosscheckReport{Dir: dir}
	start := time.Now()
	labels, err := LoadClusterLabels(dir)
	if err != nil {
		return rep, err
	}
	gold, err := LoadGoldMentions(dir)
	if err != nil {
		return rep, err
	}
	b, err := pipeline.NewBriefer()
	if err != nil {
		return rep, err
	}
	if opts.Concurrency > 0 {
		b = b.WithConcurrency(opts.Concurrency)
	}
	events, skipped, err := loadEvents(ctx, dir, labels, gold, b, opts)
	if err != nil {
		return rep, err
	}
	rep.Skipped = skipped
	rep.Events = len(events)

	for _, ev := range events {
		rep.Articles += len(ev.docs)
		t0 := time.Now()
		d, det, err := eventDossier(ev.arts)
		rep.Check += time.Since(t0)
		if err != nil {
			return rep, fmt.Errorf("eval: crosscheck: event %s: %w", ev.name, err)
		}
		scoreAlignment(&rep, ev, &d)
		scoreNames(&rep, ev, det)
		scoreSlots(&rep, ev, det)
		for _, c := range d.Conflicts {
			rep.Conflicts = append(rep.Conflicts, ReportedConflict{Event: ev.name, Conflict: c})
		}
		d2, _, _ := eventDossier(ev.arts)
		var b1, b2 bytes.Buffer
		_ = render.JSON(&b1, &d)
		_ = render.JSON(&b2, &d2)
		if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
			rep.Nondeterministic = append(rep.Nondeterministic, ev.name)
		}
	}
	if !opts.NoInject {
		rep.Injected, err = injectAll(ctx, b, events)
		if err != nil {
			return rep, err
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// loadEvents reads, cleans and annotates every labelled article, and
// groups them by gold event in name order.
func loadEvents(ctx context.Context, dir string, labels map[string]ClusterLabel, gold map[string]*GoldDoc, b *pipeline.Briefer, opts CrosscheckOptions) ([]*ecbEvent, []string, error) {
	var names []string
	for name, l := range labels {
		if len(opts.Events) > 0 && !slices.ContainsFunc(opts.Events, func(p string) bool { return strings.HasPrefix(l.Event, p) }) {
			continue
		}
		if gold[name] == nil {
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("eval: crosscheck: no labelled article of %s has mention gold", dir)
	}
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(dir, "docs", n)
	}
	docs, errs := ingest.Read(ctx, paths, ingest.Options{Concurrency: opts.Concurrency})
	var skipped []string
	for _, e := range errs {
		skipped = append(skipped, e.Error())
	}
	arts, perrs := pipeline.PrepareAll(ctx, docs, pipeline.Options{Concurrency: opts.Concurrency})
	for _, e := range perrs {
		skipped = append(skipped, e.Error())
	}
	as, err := b.Annotate(ctx, arts)
	if err != nil {
		return nil, nil, err
	}
	docOf := map[string]news.Document{}
	for _, d := range docs {
		docOf[d.Input] = d
	}
	byEvent := map[string]*ecbEvent{}
	var order []string
	for _, a := range as {
		name := filepath.Base(a.Article.Input)
		raw, err := os.ReadFile(a.Article.Input)
		if err != nil {
			return nil, nil, err
		}
		ev := labels[name].Event
		e := byEvent[ev]
		if e == nil {
			e = &ecbEvent{name: ev}
			byEvent[ev] = e
			order = append(order, ev)
		}
		d := &ecbDoc{name: name, raw: string(raw), gold: gold[name], art: a}
		d.locate()
		e.docs = append(e.docs, d)
		e.arts = append(e.arts, a)
		e.input = append(e.input, docOf[a.Article.Input])
	}
	slices.Sort(order)
	out := make([]*ecbEvent, len(order))
	for i, ev := range order {
		out[i] = byEvent[ev]
	}
	return out, skipped, nil
}

// locate finds each gold sentence in the cleaned text: verbatim, or, when
// the cleaner took its start away (a dateline), its longest tail of at
// least two thirds of it that starts a word.
func (d *ecbDoc) locate() {
	d.at = map[int]span{}
	text := d.art.Article.Text
	cursor := 0
	for _, s := range d.gold.Sentences {
		raw := d.raw[s.Start:s.End]
		sp := span{-1, -1, 0}
		if i := strings.Index(text[cursor:], raw); i >= 0 {
			sp = span{cursor + i, cursor + i + len(raw), cursor + i - s.Start}
		} else {
			for _, w := range terms.Words(raw) {
				if w.Start == 0 {
					continue
				}
				tail := raw[w.Start:]
				if 3*len(tail) < 2*len(raw) {
					break
				}
				if i := strings.Index(text[cursor:], tail); i >= 0 {
					sp = span{cursor + i, cursor + i + len(tail), cursor + i - (s.Start + w.Start)}
					break
				}
			}
		}
		if sp.start >= 0 {
			cursor = sp.end
		}
		d.at[s.N] = sp
	}
}

// cleaned maps a raw span of a sentence to the cleaned text, ok false when
// the sentence or that part of it is not there.
func (d *ecbDoc) cleaned(sentence, start, end int) (int, int, bool) {
	sp, ok := d.at[sentence]
	if !ok || sp.start < 0 {
		return 0, 0, false
	}
	s, e := start+sp.shift, end+sp.shift
	if s < sp.start || e > sp.end {
		return 0, 0, false
	}
	return s, e, true
}

// eventDossier builds the dossier of one event, its articles one story.
func eventDossier(as []*news.Annotated) (news.Dossier, *crosscheck.Detail, error) {
	arts := make([]*news.Article, len(as))
	for i, a := range as {
		arts[i] = a.Article
	}
	d := dossier.Build(arts)
	det, err := crosscheck.CheckDetail(&d, as, crosscheck.Options{})
	return d, det, err
}

// goldSentence is a validated sentence of an event's article.
type goldSentence struct {
	doc    int
	n      int
	chains map[string]bool // cross-document event chains
	words  map[string]bool // content words, for the baseline
	span   span
}

func validatedSentences(ev *ecbEvent) []goldSentence {
	var out []goldSentence
	for di, d := range ev.docs {
		for _, s := range d.gold.Sentences {
			if !s.Validated {
				continue
			}
			gs := goldSentence{doc: di, n: s.N, chains: map[string]bool{}, words: map[string]bool{}, span: d.at[s.N]}
			for _, m := range d.gold.Mentions {
				if m.Kind == "event" && m.Sentence == s.N && crossDocChain(m.Chain) {
					gs.chains[m.Chain] = true
				}
			}
			for _, t := range terms.Content(d.raw[s.Start:s.End]) {
				gs.words[t] = true
			}
			out = append(out, gs)
		}
	}
	return out
}

// scoreAlignment scores the event's sentence pairs.
func scoreAlignment(rep *CrosscheckReport, ev *ecbEvent, d *news.Dossier) {
	sents := validatedSentences(ev)
	// holding returns, for each sentence, the groups of two sources or
	// more whose evidence holds it.
	holding := func(groups [][]news.Evidence) [][]int {
		out := make([][]int, len(sents))
		for gi, evs := range groups {
			if len(sourcesOf(evs)) < 2 {
				continue
			}
			for _, e := range evs {
				di := sourceIndex(e.Source)
				for si, s := range sents {
					if s.doc == di && s.span.start >= 0 && e.Start < s.span.end && s.span.start < e.End {
						out[si] = append(out[si], gi)
					}
				}
			}
		}
		return out
	}
	var fe, he [][]news.Evidence
	for _, f := range d.Facts {
		fe = append(fe, f.Evidence)
	}
	for _, h := range d.Happenings {
		he = append(he, h.Evidence)
	}
	facts, happenings := holding(fe), holding(he)
	together := func(g [][]int, i, j int) bool {
		return slices.ContainsFunc(g[i], func(x int) bool { return slices.Contains(g[j], x) })
	}
	for _, s := range sents {
		rep.Validated++
		if s.span.start >= 0 {
			rep.InText++
		}
	}
	for i, a := range sents {
		for j := i + 1; j < len(sents); j++ {
			b := sents[j]
			if a.doc == b.doc {
				continue
			}
			gold := shareKey(a.chains, b.chains)
			pred := together(facts, i, j)
			rep.Happen.add(together(happenings, i, j), gold)
			if a.span.start >= 0 && b.span.start >= 0 {
				rep.HappenInText.add(together(happenings, i, j), gold)
			}
			base := jaccard(a.words, b.words) >= 0.2
			rep.Align.add(pred, gold)
			if strings.HasSuffix(ev.docs[a.doc].name, "plus.txt") && a.n == 1 || strings.HasSuffix(ev.docs[b.doc].name, "plus.txt") && b.n == 1 {
				rep.AlignHeadline.add(pred, gold)
			}
			if pred != gold && len(rep.AlignFailures) < 4000 {
				kind := "fp"
				if gold {
					kind = "fn"
				}
				da, db := ev.docs[a.doc], ev.docs[b.doc]
				sa, sb := da.gold.sentenceOf(a.n), db.gold.sentenceOf(b.n)
				rep.AlignFailures = append(rep.AlignFailures, fmt.Sprintf("%s %s\n    %s %q\n    %s %q", kind, ev.name, da.name, shortText(da.raw[sa.Start:sa.End], 200), db.name, shortText(db.raw[sb.Start:sb.End], 200)))
			}
			rep.AlignBase.add(base, gold)
			if a.span.start >= 0 && b.span.start >= 0 {
				rep.AlignInText.add(pred, gold)
				rep.AlignBaseInText.add(base, gold)
			}
		}
	}
}

// sourceIndex is the index of a source id "sN" (N from 1).
func sourceIndex(id string) int {
	var n int
	if _, err := fmt.Sscanf(id, "s%d", &n); err != nil {
		return -1
	}
	return n - 1
}

func sourcesOf(evs []news.Evidence) []string {
	var out []string
	for _, e := range evs {
		if !slices.Contains(out, e.Source) {
			out = append(out, e.Source)
		}
	}
	return out
}

func shareKey(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// goldName is a name mention of a validated sentence.
type goldName struct {
	doc    int
	chain  string
	form   string          // normalised written form
	words  map[string]bool // folded words, for the baseline
	entity string          // the dossier's entity, "" when none covers it
	inText bool
}

// scoreNames scores the event's name mention pairs across articles.
func scoreNames(rep *CrosscheckReport, ev *ecbEvent, det *crosscheck.Detail) {
	var names []goldName
	for di, d := range ev.docs {
		for _, m := range d.gold.Mentions {
			if m.Kind != "entity" || m.Chain == "" || !nameMention(m.Text) {
				continue
			}
			s := d.gold.sentenceOf(m.Sentence)
			if s == nil || !s.Validated {
				continue
			}
			g := goldName{doc: di, chain: m.Chain, form: nameForm(m.Text), words: map[string]bool{}}
			for _, w := range strings.Fields(g.form) {
				g.words[w] = true
			}
			start, end, inText := d.cleaned(m.Sentence, m.Start, m.End)
			g.inText = inText
			if inText {
				g.entity = entityAt(d.art, det.MentionEntity[di], start, end)
			}
			rep.NameMentions++
			if g.entity == "" {
				rep.Unresolved++
				if inText {
					rep.fail("unresolved: " + m.Text)
				}
			}
			names = append(names, g)
		}
	}
	for i, a := range names {
		for _, b := range names[i+1:] {
			if a.doc == b.doc {
				continue
			}
			gold := a.chain == b.chain
			pred := a.entity != "" && a.entity == b.entity
			base := jaccard(a.words, b.words) >= 0.5
			rep.Names.add(pred, gold)
			if a.inText && b.inText {
				rep.NamesInText.add(pred, gold)
			}
			switch {
			case gold && !pred && a.entity != "" && b.entity != "":
				rep.fail("split: " + pairName(a.form, b.form) + " [" + ev.name + "]")
			case pred && !gold:
				rep.fail("merged: " + pairName(a.form, b.form) + " [" + ev.name + "]")
			}
			rep.NamesBase.add(base, gold)
			if gold && a.form != b.form {
				rep.Variants.add(pred, gold)
				rep.VariantsBase.add(base, gold)
			}
		}
	}
}

func (rep *CrosscheckReport) fail(desc string) {
	if rep.Failures == nil {
		rep.Failures = map[string]int{}
	}
	rep.Failures[desc]++
}

func pairName(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + " / " + b
}

// WriteAlignFailures prints every k-th alignment failure, n at most.
func WriteAlignFailures(w io.Writer, rep CrosscheckReport, n int) error {
	step := max(1, len(rep.AlignFailures)/max(1, n))
	for i := 0; i < len(rep.AlignFailures); i += step {
		if _, err := fmt.Fprintln(w, rep.AlignFailures[i]); err != nil {
			return err
		}
	}
	return nil
}

// WriteFailures prints the n most frequent name failures.
func WriteFailures(w io.Writer, rep CrosscheckReport, n int) error {
	keys := slices.Collect(maps.Keys(rep.Failures))
	slices.SortFunc(keys, func(a, b string) int {
		if c := rep.Failures[b] - rep.Failures[a]; c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	for _, k := range keys[:min(n, len(keys))] {
		if _, err := fmt.Fprintf(w, "%6d  %s\n", rep.Failures[k], k); err != nil {
			return err
		}
	}
	return nil
}

// entityAt is the entity of the system mention that overlaps [start, end)
// most, "" when none does.
func entityAt(a *news.Annotated, ents []string, start, end int) string {
	best, bestOver := "", 0
	for i, m := range a.Mentions {
		over := min(end, m.End) - max(start, m.Start)
		if over > bestOver && ents[i] != "" {
			best, bestOver = ents[i], over
		}
	}
	return best
}

// nameForm folds a name for comparing written forms: case, accents,
// punctuation, a leading preposition or "the", a possessive.
func nameForm(text string) string {
	var ws []string
	for _, w := range terms.Words(text) {
		f := strings.TrimSuffix(strings.TrimSuffix(terms.Fold(w.Text), "'s"), "’s")
		ws = append(ws, strings.ReplaceAll(f, "-", " "))
	}
	for len(ws) > 0 {
		switch ws[0] {
		case "the", "at", "on", "in", "to", "from", "near", "of", "for", "by", "into", "with":
			ws = ws[1:]
			continue
		}
		break
	}
	return strings.Join(strings.Fields(strings.Join(ws, " ")), " ")
}

// WriteCrosscheckReport prints a report for people.
func WriteCrosscheckReport(w io.Writer, rep CrosscheckReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "cross-check on %s: %d events, %d articles\n", rep.Dir, rep.Events, rep.Articles)
	fmt.Fprintf(&b, "  validated sentences      %d (%d in the cleaned texts)\n", rep.Validated, rep.InText)
	line := func(name string, p PRF) {
		fmt.Fprintf(&b, "  %-24s precision %.3f  recall %.3f  F1 %.3f  (tp %d fp %d fn %d)\n", name, p.Precision(), p.Recall(), p.F1(), p.TP, p.FP, p.FN)
	}
	line("happenings", rep.Happen)
	line("  in the cleaned texts", rep.HappenInText)
	line("facts", rep.Align)
	line("  pairs with a headline", rep.AlignHeadline)
	line("  in the cleaned texts", rep.AlignInText)
	line("baseline Jaccard≥0.2", rep.AlignBase)
	line("  in the cleaned texts", rep.AlignBaseInText)
	fmt.Fprintf(&b, "  name mentions            %d (%d covered by no entity)\n", rep.NameMentions, rep.Unresolved)
	line("name merging", rep.Names)
	line("  baseline Jaccard≥0.5", rep.NamesBase)
	line("name merging, in text", rep.NamesInText)
	fmt.Fprintf(&b, "  %-24s recall %.3f (%d of %d); baseline %.3f\n", "written variants", rep.Variants.Recall(), rep.Variants.TP, rep.Variants.TP+rep.Variants.FN, rep.VariantsBase.Recall())
	fmt.Fprintf(&b, "  deterministic            %d of %d events", rep.Events-len(rep.Nondeterministic), rep.Events)
	if len(rep.Nondeterministic) > 0 {
		fmt.Fprintf(&b, " (differ: %s)", strings.Join(rep.Nondeterministic, " "))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "  cross-check time         %s for %d events (%.1f ms an event)\n", rep.Check.Round(time.Millisecond), rep.Events, float64(rep.Check.Microseconds())/1000/float64(max(1, rep.Events)))
	writeSlots(&b, rep)
	if len(rep.Injected) > 0 {
		b.WriteString("injected conflicts (one value changed in one article's sentence that another article states):\n")
		for _, r := range rep.Injected {
			fmt.Fprintf(&b, "  %-10s recall %.3f (%d of %d)\n", r.Kind, ratio(r.Found, r.Trials), r.Found, r.Trials)
		}
		for _, r := range rep.Injected {
			for _, m := range r.Missed {
				fmt.Fprintf(&b, "    missed %s: %s\n", r.Kind, m)
			}
		}
	}
	fmt.Fprintf(&b, "conflicts on the unchanged events: %d in %d events\n", len(rep.Conflicts), rep.Events)
	for _, c := range rep.Conflicts {
		fmt.Fprintf(&b, "  %s %s (%s) %s\n", c.Event, c.ID, c.Kind, c.About)
		for _, v := range c.Variants {
			fmt.Fprintf(&b, "      ▸ %s\n", v.Value)
			for _, e := range v.Evidence {
				fmt.Fprintf(&b, "          %s %q\n", e.Source, shortText(e.Text, 150))
			}
		}
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(&b, "  skipped %s\n", s)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func shortText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
