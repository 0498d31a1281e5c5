package entity

import (
	"strings"
	"testing"
)

// The folded names of cities.tsv are what Fold gives today: a change to
// Fold must be followed by running internal/gen again.
func TestCityKeysAreFolded(t *testing.T) {
	n := 0
	for line := range strings.SplitSeq(citiesTSV, "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("cities.tsv: %d fields in %q, want 5", len(f), line)
		}
		if got := Fold(f[0]); got != f[4] {
			t.Errorf("cities.tsv: %q folds to %q, the file says %q", f[0], got, f[4])
			if n++; n > 10 {
				t.FailNow()
			}
		}
	}
}
