package quantity

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/internal/clean"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/segment"
)

// doc is a text with its sentences and quantities.
type doc struct {
	name  string
	text  string
	sents []news.Sentence
	qs    []news.Quantity
}

func segmenter(tb testing.TB) *segment.Segmenter {
	tb.Helper()
	seg, err := segment.New()
	if err != nil {
		tb.Fatal(err)
	}
	return seg
}

// niger reads the bundled example, cleaned and segmented.
func niger(t *testing.T) map[string]doc {
	t.Helper()
	files, err := filepath.Glob("../../../examples/niger-2024/*.txt")
	if err != nil || len(files) != 5 {
		t.Fatalf("example: %d files, %v", len(files), err)
	}
	seg := segmenter(t)
	docs := map[string]doc{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := news.JoinParagraphs(clean.Text(string(raw), clean.Options{}).Paragraphs)
		sents := seg.Split(text)
		name := filepath.Base(f)[:3]
		docs[name] = doc{name: name, text: text, sents: sents, qs: Find(text, sents)}
	}
	return docs
}

// find returns the quantity whose text contains s.
func (d doc) find(s string) (news.Quantity, bool) {
	for _, q := range d.qs {
		if strings.Contains(q.Text, s) {
			return q, true
		}
	}
	return news.Quantity{}, false
}

func contains(q news.Quantity, v float64) bool {
	return (q.Low == nil || *q.Low <= v) && (q.High == nil || v <= *q.High)
}

func TestNigerExample(t *testing.T) {
	docs := niger(t)
	for _, d := range docs {
		if err := checkInvariants(d.text, d.sents, d.qs); err != nil {
			t.Errorf("%s: %v", d.name, err)
		}
	}
	type check struct {
		doc, text string
		ok        func(q news.Quantity) bool
		what      string
	}
	val := func(q news.Quantity, v float64) bool { return q.Value != nil && *q.Value == v }
	checks := []check{
		{"002", "100 military trainers", func(q news.Quantity) bool {
			return val(q, 100) && q.Noun == "military trainers" && contains(q, 100) && *q.Low == 100 && *q.High == 100
		}, "value 100, noun military trainers, exact"},
		{"004", "about 100 Russian advisers", func(q news.Quantity) bool {
			return val(q, 100) && q.Noun == "Russian advisers" && q.Low != nil && q.High != nil && *q.Low < 100 && *q.High > 100
		}, "an interval around 100, noun Russian advisers"},
		{"000", "roughly 1,000 U.S. military personnel", func(q news.Quantity) bool {
			return val(q, 1000) && contains(q, 1000) && q.Noun == "U.S. military personnel"
		}, "an interval containing 1,000"},
		{"001", "some 1,000 troops", func(q news.Quantity) bool { return val(q, 1000) && contains(q, 1000) && q.Noun == "troops" }, "an interval containing 1,000"},
		{"003", "just 1,000 American troops", func(q news.Quantity) bool {
			return val(q, 1000) && contains(q, 1000) && q.Noun == "American troops"
		}, "an interval containing 1,000"},
		{"000", "more than $100 million", func(q news.Quantity) bool {
			return val(q, 1e8) && q.Unit == "USD" && *q.Low == 1e8 && q.High == nil
		}, "(1e8, nil) USD"},
		{"004", "about $100 million", func(q news.Quantity) bool {
			return val(q, 1e8) && q.Unit == "USD" && *q.Low < 1e8 && *q.High > 1e8
		}, "a band around 1e8 USD"},
		{"000", "38%", func(q news.Quantity) bool { return val(q, 38) && q.Unit == "%" }, "38 %"},
		{"000", "over 8,000 people", func(q news.Quantity) bool {
			return val(q, 8000) && q.Noun == "people" && *q.Low == 8000 && q.High == nil
		}, "(8000, nil) people"},
		{"000", "over 3 million people", func(q news.Quantity) bool {
			return val(q, 3e6) && q.Noun == "people" && *q.Low == 3e6 && q.High == nil
		}, "(3e6, nil) people"},
		{"004", "three cargo planes", func(q news.Quantity) bool { return val(q, 3) && q.Noun == "cargo planes" }, "3 cargo planes"},
		{"002", "200 more", func(q news.Quantity) bool { return val(q, 200) && q.Noun == "" && q.Qualifier == "more" }, "200, qualifier more, no noun"},
		{"003", "whose number is not specified", func(q news.Quantity) bool {
			return q.Unspecified && q.Value == nil && q.Low == nil && q.High == nil && strings.Contains(q.Noun, "instructors")
		}, "an unspecified quantity of instructors"},
	}
	for _, c := range checks {
		q, ok := docs[c.doc].find(c.text)
		if !ok {
			t.Errorf("%s: no quantity %q; got %q", c.doc, c.text, showAll(docs[c.doc].qs))
			continue
		}
		if !c.ok(q) {
			t.Errorf("%s: Find(…) = %s, want %s", c.doc, show(q), c.what)
		}
	}
	// The two sums of money overlap.
	more, _ := docs["000"].find("more than $100 million")
	about, _ := docs["004"].find("about $100 million")
	if more.Low == nil || about.High == nil || *more.Low > *about.High {
		t.Errorf("intervals %s and %s do not overlap", show(more), show(about))
	}
	// No quantity covers a year, a date or a model number.
	for _, d := range docs {
		for _, bad := range []string{"2023", "2020", "2021", "2024", "March 26", "July 26", "Ilyushin 76", "Ilyochin-76", "April 10", "April 12", "April 13"} {
			for off := 0; ; {
				i := strings.Index(d.text[off:], bad)
				if i < 0 {
					break
				}
				a, b := off+i, off+i+len(bad)
				for _, q := range d.qs {
					if q.Start < b && a < q.End {
						t.Errorf("%s: %s covers %q", d.name, show(q), bad)
					}
				}
				off = b
			}
		}
	}
}

func TestFindConcurrent(t *testing.T) {
	docs := niger(t)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for range 8 {
		wg.Go(func() {
			for range 20 {
				for _, d := range docs {
					if got := Find(d.text, d.sents); !reflect.DeepEqual(got, d.qs) {
						errs <- d.name
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for name := range errs {
		t.Errorf("%s: concurrent Find differs from sequential", name)
	}
}

// ecbDir is the ECB+ corpus, relative to this package.
const ecbDir = "../../../../shared/data/ecbplus/docs"

func ecbDocs(tb testing.TB) []doc {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(ecbDir, "*.txt"))
	if len(files) == 0 {
		tb.Skipf("ECB+ corpus not found in %s: skipping", ecbDir)
	}
	seg := segmenter(tb)
	docs := make([]doc, 0, len(files))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		text := string(raw)
		docs = append(docs, doc{name: filepath.Base(f), text: text, sents: seg.Split(text)})
	}
	return docs
}

// TestECBPlus checks the heuristics on real articles: invariants on every
// document, amounts that must be found, and shapes that must never be.
func TestECBPlus(t *testing.T) {
	docs := ecbDocs(t)
	byName := map[string]*doc{}
	years := 0
	for i := range docs {
		d := &docs[i]
		d.qs = Find(d.text, d.sents)
		byName[d.name] = d
		if err := checkInvariants(d.text, d.sents, d.qs); err != nil {
			t.Errorf("%s: %v", d.name, err)
		}
		for _, q := range d.qs {
			if len(q.Text) == 4 && allDigits(q.Text) && q.Text >= "1900" && q.Text <= "2030" {
				years++
				t.Errorf("%s: a year as a quantity: %s", d.name, show(q))
			}
		}
	}
	musts := []struct {
		file, text, want string
	}{
		{"31_7ecbplus.txt", "more than 6, 000 fans", "more than 6, 000 fans|6000|6000|-||fans|more than"},
		{"19_10ecb.txt", "At least 70 people", "At least 70 people|70|70|-||people|at least"},
		{"27_11ecbplus.txt", "an unknown number of users", "?an unknown number of users|-|-|-||users|unspecified"},
		{"8_1ecbplus.txt", "tens of thousands of union members", "tens of thousands of union members|-|20000|99000||union members|tens of thousands of"},
		{"24_5ecbplus.txt", "€60, 000", "around €60, 000|60000|54000|66000|EUR||around"},
		{"10_13ecbplus.txt", "$200 million offer", "$200 million offer|2e+08|2e+08|2e+08|USD|offer|"},
		{"20_5ecb.txt", "magnitude-5.2", "magnitude-5.2 quake|5.2|5.2|5.2|magnitude|quake|"},
		{"8_7ecb.txt", "undetermined number", "?An undetermined number of people|-|-|-||people|unspecified"},
		{"13_3ecb.txt", "how many people", "?not specify how many people|-|-|-||people|unspecified"},
	}
	for _, m := range musts {
		d, ok := byName[m.file]
		if !ok {
			t.Errorf("%s: missing from the corpus", m.file)
			continue
		}
		var got []string
		for _, q := range d.qs {
			if strings.Contains(q.Text, m.text) {
				got = append(got, show(q))
			}
		}
		if len(got) == 0 || got[0] != m.want {
			t.Errorf("%s: Find(…) = %q, want %q", m.file, got, m.want)
		}
	}
}

func BenchmarkFindECBPlus(b *testing.B) {
	docs := ecbDocs(b)
	size := 0
	for _, d := range docs {
		size += len(d.text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Find(d.text, d.sents)
		}
	}
}
