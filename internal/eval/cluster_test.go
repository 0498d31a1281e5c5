package eval

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestScoreBCubed(t *testing.T) {
	tests := []struct {
		name       string
		pred, gold []string
		p, r       float64
	}{
		// Perfect: labels need not correspond, only the partition counts.
		{"perfect", []string{"x", "x", "y"}, []string{"a", "a", "b"}, 1, 1},
		// Everything in one cluster: recall 1, precision the mean share.
		{"one cluster", []string{"x", "x", "x", "x"}, []string{"a", "a", "b", "b"}, 0.5, 1},
		// Every item alone: precision 1, recall 1/|class|.
		{"singletons", []string{"1", "2", "3", "4"}, []string{"a", "a", "b", "b"}, 1, 0.5},
		// Worked by hand: clusters {1,2,3} {4,5}; classes {1,2} {3,4,5}.
		// Precision: 2/3 2/3 1/3 1 1 → 11/15; recall: 1 1 1/3 2/3 2/3 → 11/15.
		{"by hand", []string{"x", "x", "x", "y", "y"}, []string{"a", "a", "b", "b", "b"}, 11.0 / 15, 11.0 / 15},
		{"empty", nil, nil, 0, 0},
		{"mismatched", []string{"x"}, []string{"a", "b"}, 0, 0},
	}
	for _, tt := range tests {
		got := ScoreBCubed(tt.pred, tt.gold)
		f := 0.0
		if tt.p+tt.r > 0 {
			f = 2 * tt.p * tt.r / (tt.p + tt.r)
		}
		if math.Abs(got.Precision-tt.p) > 1e-9 || math.Abs(got.Recall-tt.r) > 1e-9 || math.Abs(got.F1-f) > 1e-9 {
			t.Errorf("%s: ScoreBCubed = %+v, want P %.4f R %.4f F1 %.4f", tt.name, got, tt.p, tt.r, f)
		}
	}
}

func TestLoadClusterLabels(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "labels.json"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := LoadClusterLabels(dir); err == nil {
		t.Error("LoadClusterLabels(no file) = nil error")
	}
	write(`{"a.txt": {"topic": "1"}}`)
	if _, err := LoadClusterLabels(dir); err == nil {
		t.Error("LoadClusterLabels(no event) = nil error")
	}
	write(`{"a.txt": {"topic": "1", "event": "1_ecb", "url": null}}`)
	l, err := LoadClusterLabels(dir)
	if err != nil || l["a.txt"].Event != "1_ecb" || l["a.txt"].Topic != "1" {
		t.Errorf("LoadClusterLabels = %v, %v", l, err)
	}
}

// The harness on the example: one event, one cluster, perfect scores.
func TestClusterExample(t *testing.T) {
	dir := t.TempDir()
	files, _ := filepath.Glob("../../examples/niger-2024/*.txt")
	labels := `{`
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			labels += ","
		}
		labels += `"` + filepath.Base(f) + `": {"topic": "t", "event": "e"}`
	}
	if err := os.WriteFile(filepath.Join(dir, "labels.json"), []byte(labels+"}"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Cluster(context.Background(), dir, ClusterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles != 5 || rep.Clusters != 1 || rep.Event.F1 != 1 || rep.Topic.F1 != 1 || rep.Events != 1 {
		t.Errorf("Cluster(example) = %+v", rep)
	}
}
