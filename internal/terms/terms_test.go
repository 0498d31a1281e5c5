package terms

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Niger's junta, al-Qaeda and 1,000 troops.", []string{"Niger's", "junta", "al-Qaeda", "and", "1,000", "troops"}},
		{"“We are here…” 3.5% — end", []string{"We", "are", "here", "3.5", "end"}},
		{"Télé Sahel", []string{"Télé", "Sahel"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range Words(tt.in) {
			if tt.in[w.Start:w.End] != w.Text {
				t.Errorf("Words(%q): span %d..%d is %q, not %q", tt.in, w.Start, w.End, tt.in[w.Start:w.End], w.Text)
			}
			got = append(got, w.Text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContent(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Russian instructors arrived in Niger on Wednesday", []string{"russian", "instructor", "arriv", "niger", "wednesday"}},
		{"The arrival of Russian instructors", []string{"arriv", "russian", "instructor"}},
		{"Télé Sahel said 1,000 troops", []string{"tele", "sahel", "1000", "troop"}},
	}
	for _, tt := range tests {
		if got := Content(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Content(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Télé Sahel": "tele sahel", "Niger’s": "niger's", "ABC": "abc", "Ilyochin‑76": "ilyochin-76"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzWords(f *testing.F) {
	f.Add("Niger's al-Qaeda 1,000 “quoted” Télé")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, w := range Words(s) {
			if w.Start < prev || w.End > len(s) || w.Start >= w.End || s[w.Start:w.End] != w.Text {
				t.Fatalf("bad word %+v", w)
			}
			prev = w.End
		}
	})
}

func BenchmarkContent(b *testing.B) {
	s := "The arrival of Russian instructors follows Niger’s decision in mid-March to revoke its military accord with the United States that had allowed Pentagon personnel to operate on its soil out of two bases, including a drone base it built at a cost of more than $100 million."
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Content(s)
	}
}
