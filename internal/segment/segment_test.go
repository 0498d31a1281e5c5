package segment

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func texts(text string, s *Segmenter) []string {
	var out []string
	for _, x := range s.Split(text) {
		out = append(out, text[x.Start:x.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want []string
	}{
		// abbreviations, titles and dates that must not end a sentence
		{"The U.S. Army said so. It left.", []string{"The U.S. Army said so.", "It left."}},
		{"Gen. Smith and Lt. Col. Jones met on Jan. 5. They spoke.", []string{"Gen. Smith and Lt. Col. Jones met on Jan. 5.", "They spoke."}},
		{"The call took place on March 26. The two leaders agreed.", []string{"The call took place on March 26.", "The two leaders agreed."}},
		{"Growth was 3.5 percent. Prices fell.", []string{"Growth was 3.5 percent.", "Prices fell."}},
		{"J. R. R. Tolkien wrote it. Fans agree.", []string{"J. R. R. Tolkien wrote it.", "Fans agree."}},
		{"Sen. Harry Reid (D-Nev.) landed, and Rev. Al Sharpton spoke at St. Patrick's Cathedral. It rained.",
			[]string{"Sen. Harry Reid (D-Nev.) landed, and Rev. Al Sharpton spoke at St. Patrick's Cathedral.", "It rained."}},
		{"He ranks No. 2 in the poll. Gen. Ann Roe agreed.", []string{"He ranks No. 2 in the poll.", "Gen. Ann Roe agreed."}},
		// quotes closing after the period
		{"“We are here,” he said. “We will stay.” Then he left.", []string{"“We are here,” he said.", "“We will stay.”", "Then he left."}},
		// an ellipsis inside a quote is not an end
		{"“We train the army … (and) develop ties,” he said.", []string{"“We train the army … (and) develop ties,” he said."}},
		// paragraphs always end sentences; a stray guillemet joins its sentence
		{"First paragraph without a stop\n\nSecond one.", []string{"First paragraph without a stop", "Second one."}},
		{"We are here. »", []string{"We are here. »"}},
	}
	for _, tt := range tests {
		if got := texts(tt.in, s); !slices.Equal(got, tt.want) {
			t.Errorf("Split(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
		}
	}
}

func TestSplitSpansAndParagraphs(t *testing.T) {
	s, _ := New()
	text := "One. Two.\n\nThree."
	got := s.Split(text)
	if len(got) != 3 || got[2].Paragraph != 1 || got[0].Paragraph != 0 || got[2].Index != 2 {
		t.Fatalf("Split(%q) = %+v", text, got)
	}
}

func FuzzSplit(f *testing.F) {
	files, _ := filepath.Glob("../../examples/niger-2024/*.txt")
	for _, name := range files {
		b, _ := os.ReadFile(name)
		f.Add(string(b))
	}
	f.Add("A. B.\n\n\n“C …” d.")
	s, _ := New()
	f.Fuzz(func(t *testing.T, text string) {
		prev := -1
		for _, x := range s.Split(text) {
			if x.Start < 0 || x.End > len(text) || x.Start >= x.End || x.Start < prev {
				t.Fatalf("bad span %+v in %d bytes (previous end %d)", x, len(text), prev)
			}
			if sen := text[x.Start:x.End]; sen != strings.TrimSpace(sen) {
				t.Fatalf("untrimmed sentence %q", sen)
			}
			prev = x.End
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	files, _ := filepath.Glob("../../examples/niger-2024/*.txt")
	var all []string
	size := 0
	for _, name := range files {
		raw, _ := os.ReadFile(name)
		all = append(all, string(raw))
		size += len(raw)
	}
	s, _ := New()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range all {
			s.Split(t)
		}
	}
}
