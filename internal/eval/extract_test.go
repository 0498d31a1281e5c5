package eval

import (
	"math"
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, world!", []string{"Hello", "world"}},
		{"don't stop_now 3.5", []string{"don", "t", "stop_now", "3", "5"}},
		{"Ünïcode — café", []string{"Ünïcode", "café"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScorePage(t *testing.T) {
	tests := []struct {
		name, truth, pred string
		tp, fp, fn        int // raw shingle counts before normalisation
		exact             bool
	}{
		// identical texts, whatever the punctuation and spacing
		{"same", "a b c d e", "a, b c  d. e", 2, 0, 0, true},
		// one extra word at the end: one extra shingle
		{"added", "a b c d e", "a b c d e f", 2, 1, 0, false},
		// one word missing at the start
		{"missed", "a b c d e", "b c d e", 1, 0, 1, false},
		// shingles are a multiset: a repeated sentence counts twice
		{"repeat", "a b c d", "a b c d a b c d", 1, 4, 0, false},
		// fewer than four words: one shorter shingle
		{"short", "a b", "a b", 1, 0, 0, true},
		{"short differs", "a b", "a c", 0, 1, 1, false},
		// nothing predicted: the empty shingle is a false positive
		{"empty", "a b c d", "", 0, 1, 1, false},
	}
	for _, tt := range tests {
		s := ScorePage(tt.truth, tt.pred)
		total := float64(tt.tp + tt.fp + tt.fn)
		if !near(s.TP, float64(tt.tp)/total) || !near(s.FP, float64(tt.fp)/total) || !near(s.FN, float64(tt.fn)/total) || s.Exact != tt.exact {
			t.Errorf("%s: ScorePage(%q, %q) = %+v, want TP %d FP %d FN %d of %v, exact %v", tt.name, tt.truth, tt.pred, s, tt.tp, tt.fp, tt.fn, total, tt.exact)
		}
	}
}

func TestSummarise(t *testing.T) {
	pages := []PageScore{
		ScorePage("a b c d e", "a b c d e"),   // P 1, R 1
		ScorePage("a b c d e", "a b c d e f"), // P 2/3, R 1
		ScorePage("a b c d e", "b c d e"),     // P 1, R 1/2
	}
	got := Summarise(pages)
	p, r := (1+2.0/3+1)/3, (1+1+0.5)/3
	if !near(got.Precision, p) || !near(got.Recall, r) || !near(got.F1, 2*p*r/(p+r)) || !near(got.Accuracy, 1.0/3) || got.Pages != 3 {
		t.Errorf("Summarise = %+v, want P %v R %v F1 %v accuracy 1/3", got, p, r, 2*p*r/(p+r))
	}
	if got := Summarise(nil); got != (Scores{}) {
		t.Errorf("Summarise(nil) = %+v, want zero", got)
	}
}

func TestDifferences(t *testing.T) {
	added, missed := Differences("one two three four five six", "zero one two three four five")
	if !slices.Equal(added, []string{"zero"}) || !slices.Equal(missed, []string{"six"}) {
		t.Errorf("Differences = added %q, missed %q; want [zero], [six]", added, missed)
	}
}
