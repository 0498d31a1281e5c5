package eval

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Published are the figures published for other extractors on the article
// extraction benchmark, as restated in shared/data/aeb/README.md.
var Published = []struct {
	Name  string
	F1, P float64
	R     float64
}{
	{"rs_trafilatura (Rust)", 0.970, 0.951, 0.990},
	{"Zyte AutoExtract (commercial, 2019)", 0.970, 0.984, 0.956},
	{"go-trafilatura", 0.960, 0.940, 0.980},
	{"trafilatura 2.0 (Python)", 0.958, 0.938, 0.978},
	{"Diffbot (commercial, 2019)", 0.951, 0.958, 0.944},
	{"newspaper4k", 0.949, 0.964, 0.934},
	{"Readability.js", 0.947, 0.914, 0.982},
	{"go-readability", 0.934, 0.900, 0.971},
	{"readability-lxml", 0.922, 0.913, 0.931},
	{"goose3", 0.896, 0.940, 0.856},
}

// Extractor turns one benchmark page into its article body.
type Extractor func(ctx context.Context, p AEBPage) (string, error)

// PageResult is one page's outcome.
type PageResult struct {
	Page      AEBPage
	Predicted string
	Err       error
	Score     PageScore
}

// ExtractReport is the outcome of a run over the benchmark.
type ExtractReport struct {
	Results []PageResult
	Scores  Scores
	// Elapsed is the time spent in the extractor, all pages together, on
	// one goroutine: pages / Elapsed is a per-core rate.
	Elapsed time.Duration
}

// PagesPerSecond is the extraction rate of the run on one core.
func (r *ExtractReport) PagesPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(len(r.Results)) / r.Elapsed.Seconds()
}

// RunExtract runs extract on every page, one after the other, and scores
// it. A page whose extraction fails scores as an empty prediction, as the
// benchmark counts a missing answer.
func RunExtract(ctx context.Context, pages []AEBPage, extract Extractor) (*ExtractReport, error) {
	rep := &ExtractReport{Results: make([]PageResult, 0, len(pages))}
	scores := make([]PageScore, 0, len(pages))
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		start := time.Now()
		text, err := extract(ctx, p)
		rep.Elapsed += time.Since(start)
		if err != nil {
			text = ""
		}
		s := ScorePage(p.Truth, text)
		rep.Results = append(rep.Results, PageResult{Page: p, Predicted: text, Err: err, Score: s})
		scores = append(scores, s)
	}
	rep.Scores = Summarise(scores)
	return rep, nil
}

// Worst returns the n results with the lowest F1, worst first.
func (r *ExtractReport) Worst(n int) []PageResult {
	res := slices.Clone(r.Results)
	slices.SortStableFunc(res, func(a, b PageResult) int {
		fa, fb := a.Score.F1(), b.Score.F1()
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return strings.Compare(a.Page.ID, b.Page.ID)
	})
	return res[:min(n, len(res))]
}

// Differences returns the word runs of predicted that the truth lacks
// (added) and those of truth that predicted lacks (missed). A word is
// matched when a shingle around it is matched, shingles being counted as
// multisets as in the metric, so the runs are what FP and FN count.
func Differences(truth, predicted string) (added, missed []string) {
	tt, pt := Tokens(truth), Tokens(predicted)
	return unmatchedRuns(pt, shingles(tt)), unmatchedRuns(tt, shingles(pt))
}

// unmatchedRuns returns the runs of tokens not covered by any shingle of
// tokens that other holds (each of other's shingles used once).
func unmatchedRuns(tokens []string, other map[string]int) []string {
	n := min(len(tokens), shingleSize)
	if n == 0 {
		return nil
	}
	avail := make(map[string]int, len(other))
	for k, v := range other {
		avail[k] = v
	}
	covered := make([]bool, len(tokens))
	for i := 0; i+n <= len(tokens); i++ {
		k := strings.Join(tokens[i:i+n], "\x00")
		if avail[k] > 0 {
			avail[k]--
			for j := i; j < i+n; j++ {
				covered[j] = true
			}
		}
	}
	var runs []string
	for i := 0; i < len(tokens); {
		if covered[i] {
			i++
			continue
		}
		j := i
		for j < len(tokens) && !covered[j] {
			j++
		}
		runs = append(runs, strings.Join(tokens[i:j], " "))
		i = j
	}
	return runs
}

// WriteExtractReport prints the run's figures beside the published ones
// and, when failures > 0, the worst pages with what was added and missed.
func WriteExtractReport(w io.Writer, name string, rep *ExtractReport, failures int) error {
	s := rep.Scores
	ew := &extractWriter{w: w}
	ew.printf("Article extraction benchmark: %d pages\n\n", s.Pages)
	ew.printf("%-38s %6s %6s %6s %8s\n", "extractor", "F1", "P", "R", "accuracy")
	ew.printf("%-38s %6.3f %6.3f %6.3f %8.3f\n", name, s.F1, s.Precision, s.Recall, s.Accuracy)
	for _, p := range Published {
		ew.printf("%-38s %6.3f %6.3f %6.3f %8s\n", p.Name, p.F1, p.P, p.R, "")
	}
	errs := 0
	for _, r := range rep.Results {
		if r.Err != nil {
			errs++
		}
	}
	ew.printf("\n%.0f pages/s on one core (%d pages in %s), %d pages without an article\n",
		rep.PagesPerSecond(), len(rep.Results), rep.Elapsed.Round(time.Millisecond), errs)
	for _, r := range rep.Worst(failures) {
		p, _ := r.Score.Precision()
		rc, _ := r.Score.Recall()
		ew.printf("\n── %s  F1 %.3f  P %.3f  R %.3f  %s\n", r.Page.ID, r.Score.F1(), p, rc, r.Page.URL)
		if r.Err != nil {
			ew.printf("   error: %v\n", r.Err)
		}
		added, missed := Differences(r.Page.Truth, r.Predicted)
		for _, a := range added {
			ew.printf("   + %s\n", clipRun(a, 300))
		}
		for _, m := range missed {
			ew.printf("   - %s\n", clipRun(m, 300))
		}
	}
	return ew.err
}

func clipRun(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && cut < len(s) && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + " …"
}

// extractWriter keeps the first write error, so that a report is a run of
// prints with one check at the end.
type extractWriter struct {
	w   io.Writer
	err error
}

func (e *extractWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
