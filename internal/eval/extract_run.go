package eval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/langid"
	"github.com/triangulate/triangulate/internal/lazyre"
)

// Figures are one extractor's scores on a benchmark.
type Figures struct {
	Name     string
	F1, P, R float64
}

// figureRowRE matches a row of a markdown table of figures: a name and
// three scores, "| go-trafilatura | 0.960 | 0.940 | 0.980 |".
var figureRowRE = lazyre.New(`^\|\s*([^|]+?)\s*\|\s*([01]\.\d+)\s*\|\s*([01]\.\d+)\s*\|\s*([01]\.\d+)\s*\|\s*$`)

// PublishedFigures reads the figures a benchmark's README.md publishes
// for other extractors: the rows of its tables headed "extractor | F1 | P
// | R". A set without a README, or whose README publishes none, has none;
// so each set is shown beside its own published figures only.
func PublishedFigures(dir string) ([]Figures, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	var out []Figures
	inTable := false
	for line := range strings.Lines(string(raw)) {
		line = strings.TrimSpace(line)
		cells := strings.Split(strings.Trim(line, "|"), "|")
		switch {
		case !strings.HasPrefix(line, "|"):
			inTable = false
		case len(cells) == 4 && strings.TrimSpace(cells[1]) == "F1" && strings.TrimSpace(cells[2]) == "P" && strings.TrimSpace(cells[3]) == "R":
			inTable = true
		case inTable:
			m := figureRowRE.FindStringSubmatch(line)
			if m == nil {
				continue // the |---| line
			}
			f := Figures{Name: m[1]}
			f.F1, _ = strconv.ParseFloat(m[2], 64)
			f.P, _ = strconv.ParseFloat(m[3], 64)
			f.R, _ = strconv.ParseFloat(m[4], 64)
			out = append(out, f)
		}
	}
	return out, nil
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

// ExtractRun is one extractor's run over the pages.
type ExtractRun struct {
	Name   string
	Report *ExtractReport
}

// CandidateText is one candidate extraction of a page, for the report on
// the worst pages: which extractor, its length, whether it was kept and
// why, and its text (scored against the truth).
type CandidateText struct {
	Extractor string
	Words     int
	Kept      bool
	Why       string
	Text      string
}

// ExtractComparison is what WriteExtractReport prints: runs over the same
// pages, the first one ours, beside the figures the set publishes.
type ExtractComparison struct {
	Runs      []ExtractRun
	Published []Figures
	// Languages holds each page's language, by page id (LanguageOf).
	Languages map[string]string
	// Failures is how many of the worst pages of the first run to show;
	// Explain, when set, lists their candidate extractions.
	Failures int
	Explain  func(AEBPage) []CandidateText
}

// LanguageOf is the language of a page's true text, as langid reads it
// (primary subtag), "und" when it cannot tell.
func LanguageOf(p AEBPage) string {
	tag, reliable := langid.Detect(p.Truth)
	if !reliable || tag == "" {
		return "und"
	}
	base, _, _ := strings.Cut(tag, "-")
	return base
}

// WriteExtractReport prints each run's figures beside the published ones,
// the figures of each language, and the worst pages of the first run with
// their candidates and what was added and missed.
func WriteExtractReport(w io.Writer, c ExtractComparison) error {
	ew := &extractWriter{w: w}
	if len(c.Runs) == 0 {
		return nil
	}
	ours := c.Runs[0].Report
	ew.printf("Article extraction benchmark: %d pages\n\n", ours.Scores.Pages)
	ew.printf("%-40s %6s %6s %6s %8s %9s\n", "extractor, this run", "F1", "P", "R", "accuracy", "pages/s")
	for _, r := range c.Runs {
		s := r.Report.Scores
		ew.printf("%-40s %6.3f %6.3f %6.3f %8.3f %9.0f\n", r.Name, s.F1, s.Precision, s.Recall, s.Accuracy, r.Report.PagesPerSecond())
	}
	if len(c.Published) > 0 {
		ew.printf("\n%-40s %6s %6s %6s\n", "published for this set (README.md)", "F1", "P", "R")
		for _, p := range c.Published {
			ew.printf("%-40s %6.3f %6.3f %6.3f\n", p.Name, p.F1, p.P, p.R)
		}
	}
	if len(c.Languages) > 0 {
		writeLanguages(ew, c)
	}
	errs := 0
	for _, r := range ours.Results {
		if r.Err != nil {
			errs++
		}
	}
	ew.printf("\n%s: %.0f pages/s on one core (%d pages in %s), %d pages without an article\n",
		c.Runs[0].Name, ours.PagesPerSecond(), len(ours.Results), ours.Elapsed.Round(time.Millisecond), errs)
	for _, r := range ours.Worst(c.Failures) {
		p, _ := r.Score.Precision()
		rc, _ := r.Score.Recall()
		ew.printf("\n── %s  F1 %.3f  P %.3f  R %.3f  %s\n", r.Page.ID, r.Score.F1(), p, rc, r.Page.URL)
		if r.Err != nil {
			ew.printf("   error: %v\n", r.Err)
		}
		for _, o := range c.Runs[1:] {
			for _, x := range o.Report.Results {
				if x.Page.ID == r.Page.ID {
					ew.printf("   %s: F1 %.3f\n", o.Name, x.Score.F1())
				}
			}
		}
		if c.Explain != nil {
			for _, cand := range c.Explain(r.Page) {
				s := ScorePage(r.Page.Truth, cand.Text)
				cp, _ := s.Precision()
				cr, _ := s.Recall()
				mark := " "
				if cand.Kept {
					mark = "▸"
				}
				ew.printf("   %s %-22s %6d words  F1 %.3f  P %.3f  R %.3f  %s\n", mark, cand.Extractor, cand.Words, s.F1(), cp, cr, cand.Why)
			}
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

// writeLanguages prints each run's F1 on the pages of each language, the
// languages by number of pages.
func writeLanguages(ew *extractWriter, c ExtractComparison) {
	pages := map[string]int{}
	for _, l := range c.Languages {
		pages[l]++
	}
	langs := slices.SortedFunc(maps.Keys(pages), func(a, b string) int {
		return cmp.Or(cmp.Compare(pages[b], pages[a]), strings.Compare(a, b))
	})
	ew.printf("\nF1 by language of the true text (langid)\n%-8s %5s", "language", "pages")
	for _, r := range c.Runs {
		ew.printf("  %s", r.Name)
	}
	ew.printf("\n")
	for _, l := range langs {
		ew.printf("%-8s %5d", l, pages[l])
		for _, r := range c.Runs {
			var scores []PageScore
			for _, x := range r.Report.Results {
				if c.Languages[x.Page.ID] == l {
					scores = append(scores, x.Score)
				}
			}
			ew.printf("  %*.3f", len(r.Name), Summarise(scores).F1)
		}
		ew.printf("\n")
	}
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
