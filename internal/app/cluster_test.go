package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/schematest"
)

const ecbDir = "../../../shared/data/ecbplus"

type clusterOut struct {
	Stories []struct {
		ID             string `json:"id"`
		Title          string `json:"title"`
		FirstPublished string `json:"first_published"`
		LastPublished  string `json:"last_published"`
		Independent    int    `json:"independent"`
		Articles       []struct {
			Input     string `json:"input"`
			Title     string `json:"title"`
			Published string `json:"published"`
			Why       struct {
				Score    float64  `json:"score"`
				Entities []string `json:"entities"`
				Terms    []string `json:"terms"`
				Note     string   `json:"note"`
			} `json:"why"`
		} `json:"articles"`
	} `json:"stories"`
}

func clusterJSON(t *testing.T, args ...string) clusterOut {
	t.Helper()
	code, out, errs := run(t, append([]string{"cluster", "--format", "json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("cluster exit %d: %s", code, errs)
	}
	var c clusterOut
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("cluster JSON: %v", err)
	}
	return c
}

func TestClusterExample(t *testing.T) {
	c := clusterJSON(t, exampleDir)
	if len(c.Stories) != 1 || len(c.Stories[0].Articles) != 5 {
		t.Fatalf("cluster(example) = %d stories, want 1 of 5 articles", len(c.Stories))
	}
	s := c.Stories[0]
	if !strings.HasPrefix(s.ID, "st-") || s.Title == "" || s.FirstPublished != "2024-04-12" || s.Independent != 5 {
		t.Errorf("story = %s %q %s, %d independent", s.ID, s.Title, s.FirstPublished, s.Independent)
	}
	for _, a := range s.Articles[1:] {
		if a.Why.Score <= 0 || len(a.Why.Entities) == 0 || len(a.Why.Terms) == 0 {
			t.Errorf("%s joined without an explanation: %+v", a.Input, a.Why)
		}
	}
	code, out, _ := run(t, "cluster", exampleDir)
	if code != ExitOK || !strings.Contains(out, "1 story from 5 articles") || !strings.Contains(out, "names: ") {
		t.Errorf("cluster text: exit %d:\n%s", code, out)
	}
}

// ecbTopic returns the ECB+ articles of one topic, or skips.
func ecbTopic(t *testing.T, topic string) []string {
	files, _ := filepath.Glob(filepath.Join(ecbDir, "docs", topic+"_*.txt"))
	if len(files) == 0 {
		t.Skip("../shared/data/ecbplus is absent: skipping the mixed-pile test")
	}
	slices.Sort(files)
	return files
}

// The example among two ECB+ topics: one story of its own, and brief
// writes one dossier per story.
func TestClusterAndBriefMixed(t *testing.T) {
	pile := append(ecbTopic(t, "1"), ecbTopic(t, "3")...)
	pile = append(pile, exampleDir)
	c := clusterJSON(t, pile...)
	var example string
	for _, s := range c.Stories {
		for _, a := range s.Articles {
			if strings.Contains(a.Input, "niger-2024") {
				if example != "" && example != s.ID {
					t.Errorf("the example is split between %s and %s", example, s.ID)
				}
				example = s.ID
			}
		}
	}
	for _, s := range c.Stories {
		if s.ID == example && len(s.Articles) != 5 {
			t.Errorf("the example's story %s holds %d articles, want its 5", s.ID, len(s.Articles))
		}
	}
	if len(c.Stories) < 3 {
		t.Errorf("%d stories from three events' articles", len(c.Stories))
	}

	// brief: a JSON array of dossiers, one per story, each valid.
	code, out, errs := run(t, append([]string{"brief", "--format", "json"}, pile...)...)
	if code != ExitOK {
		t.Fatalf("brief exit %d: %s", code, errs)
	}
	var raws []json.RawMessage
	if err := json.Unmarshal([]byte(out), &raws); err != nil {
		t.Fatalf("brief on several stories: want a JSON array: %v", err)
	}
	if len(raws) != len(c.Stories) {
		t.Errorf("%d dossiers for %d stories", len(raws), len(c.Stories))
	}
	ids := map[string]int{}
	for _, raw := range raws {
		if err := schematest.ValidateJSON("../../spec/dossier.schema.json", raw); err != nil {
			t.Fatalf("dossier invalid: %v", err)
		}
		var d news.Dossier
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		ids[d.Story.ID] = len(d.Sources)
	}
	if ids[example] != 5 {
		t.Errorf("the example's dossier %s has %d sources, want 5", example, ids[example])
	}

	// --story picks one; --one-story takes all as one.
	d := briefJSON(t, append([]string{"--story", example}, pile...)...)
	if d.Story.ID != example || len(d.Sources) != 5 {
		t.Errorf("brief --story %s = story %s with %d sources", example, d.Story.ID, len(d.Sources))
	}
	d = briefJSON(t, append([]string{"--one-story"}, pile...)...)
	if len(d.Sources) != len(pile)-1+5 {
		t.Errorf("brief --one-story: %d sources, want %d", len(d.Sources), len(pile)-1+5)
	}
	if code, _, errs := run(t, "brief", "--story", "st-000000000000", exampleDir); code != ExitFailure || !strings.Contains(errs, "no story st-000000000000") {
		t.Errorf("brief --story unknown: exit %d, stderr %q", code, errs)
	}
}

func TestClusterUsage(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"cluster"}, ExitUsage},
		{[]string{"cluster", "--format", "md", exampleDir}, ExitUsage},
		{[]string{"cluster", "--window", "soon", exampleDir}, ExitUsage},
		{[]string{"cluster", "--window", "36h", exampleDir}, ExitOK},
		{[]string{"brief", "--window", "0d", exampleDir}, ExitUsage},
		{[]string{"brief", "--story", "x", "--one-story", exampleDir}, ExitUsage},
		{[]string{"eval", "cluster"}, ExitUsage},
		{[]string{"eval", "cluster", t.TempDir()}, ExitFailure}, // no labels.json
	}
	for _, tt := range tests {
		if got, _, errs := run(t, tt.args...); got != tt.want {
			t.Errorf("Run(%q) = %d, want %d (%s)", tt.args, got, tt.want, errs)
		}
	}
}

// eval cluster on a folder of the ECB+ shape made here: the example (one
// event) and one ECB+ event.
func TestEvalCluster(t *testing.T) {
	dir := t.TempDir()
	labels := map[string]map[string]string{}
	add := func(src, topic, event string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(src)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		labels[name] = map[string]string{"topic": topic, "event": event}
	}
	ex, _ := filepath.Glob(filepath.Join(exampleDir, "*.txt"))
	for _, f := range ex {
		add(f, "niger", "niger_2024")
	}
	for _, f := range ecbTopic(t, "1") {
		if strings.HasSuffix(f, "ecbplus.txt") {
			add(f, "1", "1_plus")
		}
	}
	b, _ := json.Marshal(labels)
	if err := os.WriteFile(filepath.Join(dir, "labels.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "eval", "cluster", dir)
	if code != ExitOK {
		t.Fatalf("eval cluster: exit %d: %s", code, errs)
	}
	for _, want := range []string{"2 gold events", "event level", "topic level", "F1", "clusters"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval cluster output lacks %q:\n%s", want, out)
		}
	}
}
