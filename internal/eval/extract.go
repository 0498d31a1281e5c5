package eval

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/internal/lazyre"
)

// The article extraction benchmark (scrapinghub/article-extraction-benchmark,
// MIT licence): real news and blog pages with hand-made article bodies,
// scored by shingle overlap. Its README (shared/data/aeb/README.md)
// restates the metric, which this file implements.

// AEBPage is one page of the benchmark.
type AEBPage struct {
	ID    string
	URL   string
	Truth string // the hand-made article body
	HTML  []byte // the page as fetched, decompressed
}

// LoadAEB reads the benchmark in dir (ground-truth.json and html/<id>.html.gz)
// in id order.
func LoadAEB(dir string) ([]AEBPage, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("eval: read ground truth: %w", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, fmt.Errorf("eval: %s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	ids := slices.Sorted(maps.Keys(truth))
	pages := make([]AEBPage, 0, len(ids))
	for _, id := range ids {
		name := filepath.Join(dir, "html", id+".html.gz")
		gz, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			return nil, fmt.Errorf("eval: %s: %w", name, err)
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("eval: %s: %w", name, err)
		}
		pages = append(pages, AEBPage{ID: id, URL: truth[id].URL, Truth: truth[id].ArticleBody, HTML: content})
	}
	return pages, nil
}

// wordRE is Python's `\w+` on str patterns: runs of Unicode letters and
// digits (str.isalnum, which includes all numeric categories) and "_".
// Python's \w does not match combining marks (category M), so neither
// does this: a word with a combining mark splits there, as in the
// benchmark's own script.
var wordRE = lazyre.New(`[\p{L}\p{N}_]+`)

// Tokens splits s into words as the benchmark does.
func Tokens(s string) []string { return wordRE.FindAllString(s, -1) }

// shingleSize is the benchmark's n: 4-word shingles.
const shingleSize = 4

// shingles counts the n-word shingles of tokens. Fewer than n tokens give
// one shorter shingle (for no token at all, the empty one), as the
// benchmark's script does.
func shingles(tokens []string) map[string]int {
	n := min(len(tokens), shingleSize)
	out := make(map[string]int, len(tokens))
	for i := 0; i+n <= len(tokens); i++ {
		out[strings.Join(tokens[i:i+n], "\x00")]++
	}
	return out
}

// PageScore is the shingle overlap of one page: TP, FP and FN divided by
// their sum, so that every page weighs the same in the means.
type PageScore struct {
	TP, FP, FN float64
	// Exact says the predicted words equal the true ones.
	Exact bool
}

// Precision of the page, and whether it counts (TP+FP > 0).
func (s PageScore) Precision() (float64, bool) {
	if s.FP == 0 && s.FN == 0 {
		return 1, true
	}
	if s.TP+s.FP == 0 {
		return 0, false
	}
	return s.TP / (s.TP + s.FP), true
}

// Recall of the page, and whether it counts (TP+FN > 0).
func (s PageScore) Recall() (float64, bool) {
	if s.FP == 0 && s.FN == 0 {
		return 1, true
	}
	if s.TP+s.FN == 0 {
		return 0, false
	}
	return s.TP / (s.TP + s.FN), true
}

// F1 of the page's precision and recall.
func (s PageScore) F1() float64 {
	p, _ := s.Precision()
	r, _ := s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ScorePage compares a predicted article body with the true one.
func ScorePage(truth, predicted string) PageScore {
	tt, pt := Tokens(truth), Tokens(predicted)
	ts, ps := shingles(tt), shingles(pt)
	var tp, fp, fn int
	for k, c := range ps {
		m := min(c, ts[k])
		tp += m
		fp += c - m
	}
	for k, c := range ts {
		fn += c - min(c, ps[k])
	}
	s := PageScore{Exact: slices.Equal(tt, pt)}
	if total := float64(tp + fp + fn); total > 0 {
		s.TP, s.FP, s.FN = float64(tp)/total, float64(fp)/total, float64(fn)/total
	}
	return s
}

// Scores are the benchmark's figures over a set of pages.
type Scores struct {
	Precision, Recall, F1, Accuracy float64
	Pages                           int
}

// Summarise averages page scores as the benchmark does: precision is the
// mean over the pages where it is defined, recall likewise, F1 is the
// harmonic mean of those two means, accuracy the share of exact pages.
func Summarise(pages []PageScore) Scores {
	var sp, sr float64
	var np, nr, exact int
	for _, s := range pages {
		if p, ok := s.Precision(); ok {
			sp += p
			np++
		}
		if r, ok := s.Recall(); ok {
			sr += r
			nr++
		}
		if s.Exact {
			exact++
		}
	}
	out := Scores{Pages: len(pages)}
	if np > 0 {
		out.Precision = sp / float64(np)
	}
	if nr > 0 {
		out.Recall = sr / float64(nr)
	}
	if out.Precision+out.Recall > 0 {
		out.F1 = 2 * out.Precision * out.Recall / (out.Precision + out.Recall)
	}
	if len(pages) > 0 {
		out.Accuracy = float64(exact) / float64(len(pages))
	}
	return out
}
