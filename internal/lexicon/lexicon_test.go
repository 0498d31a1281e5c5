package lexicon

import "testing"

func TestLookup(t *testing.T) {
	l := Default()
	for _, c := range []struct{ word, lemma string }{
		{"indicted", "indict"},
		{"indictment", "indictment"},
		{"struck", "strike"},
		{"cities", "city"},
		{"stopped", "stop"},
		{"arrested", "arrest"},
		{"arriving", "arrive"},
		{"men", "man"},
		{"earthquakes", "earthquake"},
		{"waited", "wait"},
		{"hoped", "hope"},
		{"noted", "note"},
		{"added", "add"},
	} {
		if got, _, ok := l.Lookup(c.word); !ok || got != c.lemma {
			t.Errorf("Lookup(%q) = %q, %v, want %q", c.word, got, ok, c.lemma)
		}
	}
	if _, _, ok := l.Lookup("qxzv"); ok {
		t.Errorf("Lookup(qxzv) found a lemma")
	}
}

func TestParaphrases(t *testing.T) {
	l := Default()
	concepts := func(w string) []int32 {
		_, e, ok := l.Lookup(w)
		if !ok {
			t.Fatalf("Lookup(%q) found nothing", w)
		}
		return e.Concepts
	}
	for _, p := range [][2]string{
		{"indicted", "charged"},    // a hypernym
		{"indictment", "indicted"}, // a noun derived from the verb
		{"arrested", "apprehended"},
		{"quake", "temblor"},
		{"bought", "purchased"},
		{"killed", "shot"},
	} {
		if !Share(concepts(p[0]), concepts(p[1])) {
			t.Errorf("%q and %q share no concept", p[0], p[1])
		}
	}
	for _, p := range [][2]string{
		{"arrested", "resigned"},
		{"quake", "election"},
		{"bought", "killed"},
	} {
		if Share(concepts(p[0]), concepts(p[1])) {
			t.Errorf("%q and %q share a concept", p[0], p[1])
		}
	}
	if _, e, _ := l.Lookup("arrival"); !e.Event {
		t.Errorf("arrival is not an event noun")
	}
	if _, e, _ := l.Lookup("pirate"); e.Event {
		t.Errorf("pirate is an event noun")
	}
}

func BenchmarkLookup(b *testing.B) {
	l := Default()
	words := []string{"indicted", "the", "earthquakes", "struck", "pirates", "qxzv", "stopped"}
	for b.Loop() {
		for _, w := range words {
			l.Lookup(w)
		}
	}
}
