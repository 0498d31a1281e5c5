package timex

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/triangulate/triangulate/internal/clean"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/segment"
)

// exampleDoc is one report of the bundled example, cleaned and annotated
// as the pipeline does.
type exampleDoc struct {
	text string
	pub  string
	refs []news.TimeRef
}

func loadExample(t *testing.T) map[string]exampleDoc {
	t.Helper()
	files, _ := filepath.Glob("../../../examples/niger-2024/*.txt")
	if len(files) != 5 {
		t.Fatalf("example niger-2024: found %d files, want 5", len(files))
	}
	seg, err := segment.New()
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]exampleDoc{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := clean.Text(string(raw), clean.Options{})
		text := news.JoinParagraphs(r.Paragraphs)
		d := exampleDoc{text: text}
		if !r.Published.IsZero() {
			d.pub = r.Published.Format("2006-01-02")
		}
		d.refs = Find(text, seg.Split(text), Options{Published: r.Published})
		checkRefs(t, text, d.refs, Options{Published: r.Published})
		docs[filepath.Base(f)[:3]] = d
	}
	return docs
}

// find returns the first ref whose text is s.
func find(refs []news.TimeRef, s string) (news.TimeRef, bool) {
	for _, r := range refs {
		if r.Text == s {
			return r, true
		}
	}
	return news.TimeRef{}, false
}

func TestExample(t *testing.T) {
	docs := loadExample(t)
	for doc, pub := range map[string]string{"000": "", "001": "2024-04-12", "002": "", "003": "2024-04-12", "004": ""} {
		if docs[doc].pub != pub {
			t.Fatalf("example %s: clean found publication date %q, want %q", doc, docs[doc].pub, pub)
		}
	}
	tests := []struct {
		doc, text string
		value     string // "" for unresolved
		gran      news.Granularity
	}{
		{"001", "late Thursday", "2024-04-11", news.GranularityDay},
		{"001", "Wednesday night", "2024-04-10", news.GranularityDay},
		{"001", "March 26", "2024-03-26", news.GranularityDay},
		{"001", "January", "2024-01", news.GranularityMonth},
		{"001", "December 2023", "2023-12", news.GranularityMonth},
		{"003", "Wednesday April 10", "2024-04-10", news.GranularityDay},
		{"003", "March 26", "2024-03-26", news.GranularityDay},
		{"003", "mid-March", "2024-03-11/2024-03-20", news.GranularityInterval},
		{"003", "December 2023", "2023-12", news.GranularityMonth},
		{"003", "mid-January", "2024-01-11/2024-01-20", news.GranularityInterval},
		{"000", "Wednesday", "", news.GranularityDay},
		{"000", "2023", "2023", news.GranularityYear},
		{"002", "Wednesday", "", news.GranularityDay},
		{"002", "last July", "", news.GranularityMonth},
		{"002", "July 26", "", news.GranularityDay},
		{"002", "the end of March", "", news.GranularityInterval},
		{"004", "July 2023", "2023-07", news.GranularityMonth},
		{"004", "the past month", "", news.GranularityInterval},
	}
	for _, tt := range tests {
		r, ok := find(docs[tt.doc].refs, tt.text)
		if !ok {
			t.Errorf("example %s: Find = %q, want it to hold %q", tt.doc, brief(docs[tt.doc].refs), tt.text)
			continue
		}
		if r.Value != tt.value || r.Granularity != tt.gran || r.Resolved != (tt.value != "") {
			t.Errorf("example %s: Find(%q) = %q %s resolved=%v, want %q %s", tt.doc, tt.text, r.Value, r.Granularity, r.Resolved, tt.value, tt.gran)
		}
		if tt.value == "" && !r.Relative {
			t.Errorf("example %s: Find(%q).Relative = false, want true", tt.doc, tt.text)
		}
	}
	// mid-March lies inside 11-20 March.
	if r, ok := find(docs["003"].refs, "mid-March"); ok && (r.From.Before(day("2024-03-11")) || r.Until.After(day("2024-03-21"))) {
		t.Errorf("example 003: mid-March = [%v, %v), want inside 2024-03-11..2024-03-20", r.From, r.Until)
	}
	// Anchored on the story's date, the unanchored reports resolve as inferred.
	anchor := day("2024-04-12")
	for _, tt := range []struct{ doc, text, value string }{
		{"002", "last July", "2023-07"},
		{"000", "Wednesday", "2024-04-10"},
		{"002", "Wednesday", "2024-04-10"},
		{"002", "July 26", "2023-07-26"},
	} {
		r, ok := find(docs[tt.doc].refs, tt.text)
		if !ok {
			t.Errorf("example %s: no %q", tt.doc, tt.text)
			continue
		}
		got := Resolve(r, anchor, true)
		if got.Value != tt.value || !got.Inferred || !got.Resolved {
			t.Errorf("example %s: Resolve(%q, 2024-04-12) = %q inferred=%v, want %q inferred", tt.doc, tt.text, got.Value, got.Inferred, tt.value)
		}
	}
	// No false friends: "decade-old", "1,000", "$100 million", "over 30 years".
	for doc, d := range docs {
		for _, r := range d.refs {
			for _, bad := range []string{"1,000", "100", "30", "decade", "76"} {
				if r.Text == bad {
					t.Errorf("example %s: false hit %q", doc, r.Text)
				}
			}
		}
	}
}
