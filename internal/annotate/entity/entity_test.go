package entity

import (
	"github.com/triangulate/triangulate/internal/corpus"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/internal/news"
)

// mentionOf returns the first mention whose text is s.
func mentionOf(ms []news.Mention, s string) (news.Mention, bool) {
	for _, m := range ms {
		if m.Text == s {
			return m, true
		}
	}
	return news.Mention{}, false
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Télé Sahel", "tele sahel"},
		{"al-Qaeda", "al qaeda"},
		{"Al  Qaeda", "al qaeda"},
		{"U.S.", "us"},
		{"L'Enqueteur", "lenqueteur"},
		{"Abdourahamane Tiani", "abdourahamane tiani"},
		{"Türkiye", "turkiye"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAcronymMatch(t *testing.T) {
	tests := []struct {
		short, long string
		want        bool
	}{
		{"aes", "alliance of sahel states", true},
		{"who", "world health organization", true},
		{"nato", "north atlantic treaty organization", true},
		{"fbi", "ministry of defense", false},
		{"un", "un", false},
	}
	for _, tt := range tests {
		if got := acronymMatch(tt.short, tt.long); got != tt.want {
			t.Errorf("acronymMatch(%q, %q) = %v, want %v", tt.short, tt.long, got, tt.want)
		}
	}
}

// TestFind checks general cases, none taken from the example.
func TestFind(t *testing.T) {
	type want struct {
		text    string
		typ     news.EntityType
		key     string // "" to skip
		demonym bool
		label   string // a label it must carry, "" to skip
	}
	tests := []struct {
		name   string
		in     string
		want   []want
		absent []string // texts that must not be mentions
	}{
		// Titles are labels, not parts of names; demonyms link to countries.
		{"title and demonym", "The talks were hosted by French President Emmanuel Macron in Paris on Monday.",
			[]want{{"French", news.EntityLocation, "france", true, ""}, {"Emmanuel Macron", news.EntityPerson, "emmanuel macron", false, "President"}, {"Paris", news.EntityLocation, "paris", false, ""}},
			[]string{"The", "Monday", "French President Emmanuel Macron", "President Emmanuel Macron"}},
		{"multiword title", "British Foreign Secretary David Lammy met Prime Minister Narendra Modi.",
			[]want{{"British", news.EntityLocation, "united kingdom", true, ""}, {"David Lammy", news.EntityPerson, "", false, "Foreign Secretary"}, {"Narendra Modi", news.EntityPerson, "", false, "Prime Minister"}},
			nil},
		// Surnames take the full name's key.
		{"surname", "Opposition leader Kizza Besigye was arrested. Besigye denied the charges.",
			[]want{{"Kizza Besigye", news.EntityPerson, "kizza besigye", false, ""}, {"Besigye", news.EntityPerson, "kizza besigye", false, ""}},
			nil},
		// An age set off after a name makes it a person's.
		{"age apposition", "Gaetano Rossi, 52, was arrested on Tuesday and Marta Conti (41) was released.",
			[]want{{"Gaetano Rossi", news.EntityPerson, "", false, ""}, {"Marta Conti", news.EntityPerson, "", false, ""}},
			nil},
		// Organizations by cue words, acronyms and their expansions.
		{"acronym expansion", "The World Health Organization (WHO) warned on Tuesday. WHO experts arrived.",
			[]want{{"World Health Organization", news.EntityOrganization, "world health organization", false, ""}, {"WHO", news.EntityOrganization, "world health organization", false, ""}},
			[]string{"Tuesday"}},
		{"org cue of", "A spokesman for the Ministry of Foreign Affairs and the Bank of Ghana spoke.",
			[]want{{"Ministry of Foreign Affairs", news.EntityOrganization, "", false, ""}, {"Bank of Ghana", news.EntityOrganization, "", false, ""}},
			nil},
		{"standalone acronym", "The figures come from the NGO monitor SIPRI and Kenya's KDF.",
			[]want{{"SIPRI", news.EntityOrganization, "sipri", false, ""}, {"Kenya", news.EntityLocation, "kenya", false, ""}, {"KDF", news.EntityOrganization, "", false, ""}},
			nil},
		// A business named after a person is an organization by its cue.
		{"business cue", "Thieves emptied the Harry Winston jewelry store, said Harry Smith, who saw them leave.",
			[]want{{"Harry Winston", news.EntityOrganization, "", false, ""}, {"Harry Smith", news.EntityPerson, "", false, ""}},
			nil},
		// A place and a plural is a team, and its short name is the team.
		{"team", "The Chicago Falcons beat the Kansas City Chiefs 20-13 on Sunday. The Falcons scored twice.",
			[]want{{"Chicago Falcons", news.EntityOrganization, "chicago falcons", false, ""}, {"Falcons", news.EntityOrganization, "chicago falcons", false, ""}, {"Kansas City Chiefs", news.EntityOrganization, "kansas city chiefs", false, ""}},
			nil},
		// One country, many spellings.
		{"united states", "The U.S. and the USA are the United States; US troops left.",
			[]want{{"U.S.", news.EntityLocation, "united states", false, ""}, {"USA", news.EntityLocation, "united states", false, ""}, {"United States", news.EntityLocation, "united states", false, ""}, {"US", news.EntityLocation, "united states", false, ""}},
			nil},
		{"based", "A Kenya-based charity and a UK-based firm.",
			[]want{{"Kenya", news.EntityLocation, "kenya", true, ""}, {"UK", news.EntityLocation, "united kingdom", true, ""}},
			nil},
		// Look-alike countries stay apart; a capital is not its country.
		{"niger nigeria", "Nigerian and Nigerien officials met in Abuja and Niamey, far from Nigeria.",
			[]want{{"Nigerian", news.EntityLocation, "nigeria", true, ""}, {"Nigerien", news.EntityLocation, "niger", true, ""}, {"Abuja", news.EntityLocation, "abuja", false, ""}, {"Niamey", news.EntityLocation, "niamey", false, ""}, {"Nigeria", news.EntityLocation, "nigeria", false, ""}},
			nil},
		// Equipment: a model number near an equipment word, or a maker's code.
		{"equipment", "Two Sukhoi 30 jets and an F-16 were seen near a Boeing 737 airliner.",
			[]want{{"Sukhoi 30", news.EntityEquipment, "", false, ""}, {"F-16", news.EntityEquipment, "", false, ""}, {"Boeing 737", news.EntityEquipment, "", false, ""}},
			[]string{"Two"}},
		// Location cues and prepositions.
		{"location cue", "Fighting spread along the Zambezi River and into Cabo Delgado province, near Montepuez.",
			[]want{{"Zambezi River", news.EntityLocation, "", false, ""}, {"Cabo Delgado", news.EntityLocation, "", false, ""}, {"Montepuez", news.EntityLocation, "", false, ""}},
			nil},
		// Appositions are labels.
		{"apposition", "Amina Diallo, head of the regional electoral commission, resigned.",
			[]want{{"Amina Diallo", news.EntityPerson, "", false, "head of the regional electoral commission"}},
			nil},
		// Sentence-initial function words, months and weekdays are no names.
		{"initial words", "Since March, prices rose. On Friday, Like many others, However, they left. In May the rains came.",
			nil,
			[]string{"Since", "March", "On", "Friday", "Like", "However", "In", "May"}},
		{"headline", "Government Announces New Measures To Fight Inflation In Ghana",
			[]want{{"Ghana", news.EntityLocation, "ghana", false, ""}},
			[]string{"Government", "Announces", "New Measures", "Measures", "Fight", "Inflation"}},
		// A headline's given name before the document's surname is part
		// of the name, keyed by its own words.
		{"headline name", "Ellen Okafor To Host Awards\n\nThe academy said on Friday that Ellen Okafor will host the show. Okafor said she was thrilled.",
			[]want{{"Ellen Okafor", news.EntityPerson, "ellen okafor", false, ""}},
			nil},
		{"headline other name", "Daniel Okafor To Host Awards\n\nThe academy said on Friday that Ellen Okafor will host the show. Okafor said she was thrilled.",
			[]want{{"Daniel Okafor", news.EntityPerson, "daniel okafor", false, ""}},
			nil},
		// A story's first word set in capitals.
		{"caps lead", "PETER Okafor has been named the new host of the show in Dorval.",
			[]want{{"PETER Okafor", news.EntityPerson, "peter okafor", false, ""}},
			nil},
		// A lone city name is the document's person or company when the
		// document names them in full.
		{"city as surname", "The arrest will not affect the status of wide receiver Vincent Jackson. Jackson was arrested on Tuesday.",
			[]want{{"Jackson", news.EntityPerson, "vincent jackson", false, ""}},
			nil},
		{"city as company", "AMD will buy ATI Technologies for $5.4 billion. ATI makes graphics chips in Markham.",
			[]want{{"ATI", news.EntityOrganization, "ati technologies", false, ""}},
			nil},
		{"company title person", "AMD President Dirk Meyer said the deal would close this year.",
			[]want{{"AMD", news.EntityOrganization, "", false, ""}, {"Dirk Meyer", news.EntityPerson, "", false, "President"}},
			[]string{"AMD President Dirk Meyer"}},
		// Middle initials belong to the name; a surname alone is the
		// person first named in full with it, not a relative named later.
		{"middle initial", "Frederick C. LaRue, an oil heir, has died. His father, Ike Parsons LaRue, had served time. LaRue was 75.",
			[]want{{"Frederick C. LaRue", news.EntityPerson, "frederick c larue", false, ""}, {"LaRue", news.EntityPerson, "frederick c larue", false, ""}},
			nil},
		// A label read before a chunk whose name starts after its first
		// words (a crash once).
		{"label before split chunk", "issues involving Spanish Lebanese Bright",
			nil, nil},
		// A speaker is no place.
		{"speaker", "The plan was criticised by analysts, Okonkwo Adebayo said.",
			[]want{{"Okonkwo Adebayo", news.EntityPerson, "", false, ""}},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := find(t, tt.in)
			for _, w := range tt.want {
				m, ok := mentionOf(ms, w.text)
				if !ok {
					t.Errorf("Find(%q) = %v, want a mention %q", tt.in, texts(ms), w.text)
					continue
				}
				if m.Type != w.typ {
					t.Errorf("Find(%q): %q type = %s (%s), want %s", tt.in, w.text, m.Type, m.Why, w.typ)
				}
				if w.key != "" && m.Key != w.key {
					t.Errorf("Find(%q): %q key = %q, want %q", tt.in, w.text, m.Key, w.key)
				}
				if m.Demonym != w.demonym {
					t.Errorf("Find(%q): %q demonym = %v, want %v", tt.in, w.text, m.Demonym, w.demonym)
				}
				if w.label != "" && !slices.Contains(m.Labels, w.label) {
					t.Errorf("Find(%q): %q labels = %q, want %q among them", tt.in, w.text, m.Labels, w.label)
				}
			}
			for _, a := range tt.absent {
				if m, ok := mentionOf(ms, a); ok {
					t.Errorf("Find(%q) has %q (%s, %s), want none", tt.in, a, m.Type, m.Why)
				}
			}
		})
	}
}

func texts(ms []news.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text+"/"+string(m.Type))
	}
	return out
}

// TestFindNoSentences reads a text given without sentences as one.
func TestFindNoSentences(t *testing.T) {
	r, _ := load(t)
	ms := r.Find("Talks in Nairobi ended.", nil)
	if m, ok := mentionOf(ms, "Nairobi"); !ok || m.Type != news.EntityLocation {
		t.Errorf("Find(%q, nil) = %v, want Nairobi as a location", "Talks in Nairobi ended.", texts(ms))
	}
}

// TestExample is the acceptance test on the bundled reports.
func TestExample(t *testing.T) {
	docs := readExample(t)
	all := map[string][]news.Mention{}
	for name, text := range docs {
		all[name] = find(t, text)
	}
	// anywhere returns a mention with this text and type in any report.
	anywhere := func(text string, typ news.EntityType) (news.Mention, bool) {
		for _, ms := range all {
			for _, m := range ms {
				if m.Text == text && m.Type == typ {
					return m, true
				}
			}
		}
		return news.Mention{}, false
	}
	persons := []string{"Abdourahamane Tiani", "Vladimir Putin", "Lloyd Austin", "Sylvain Itte", "Idrissa Soumana Maiga"}
	for _, p := range persons {
		if _, ok := anywhere(p, news.EntityPerson); !ok {
			t.Errorf("example: no person %q", p)
		}
	}
	if m, ok := anywhere("Abdourahamane Tiani", news.EntityPerson); ok && !slices.Contains(m.Labels, "General") {
		found := false
		for _, ms := range all {
			for _, m := range ms {
				found = found || m.Text == "Abdourahamane Tiani" && slices.Contains(m.Labels, "General")
			}
		}
		if !found {
			t.Errorf("example: Tiani labels = %q, want General among them", m.Labels)
		}
	}
	for _, l := range []string{"Niger", "Mali", "Burkina Faso", "Russia", "France", "United States", "Niamey", "Agadez"} {
		if m, ok := anywhere(l, news.EntityLocation); !ok || m.Demonym {
			t.Errorf("example: no location %q", l)
		}
	}
	for _, d := range []struct{ text, key string }{{"Russian", "russia"}, {"Nigerien", "niger"}, {"French", "france"}, {"Nigerian", "nigeria"}, {"U.S.", "united states"}} {
		m, ok := anywhere(d.text, news.EntityLocation)
		if !ok || m.Key != d.key {
			t.Errorf("example: %q key = %q, want %q", d.text, m.Key, d.key)
		}
	}
	for _, d := range []string{"Russian", "Nigerien", "French"} {
		if m, _ := anywhere(d, news.EntityLocation); !m.Demonym {
			t.Errorf("example: %q is not a demonym", d)
		}
	}
	orgs := []string{"Africa Corps", "Wagner Group", "Alliance of Sahel States", "AES", "ACLED", "RTN", "Tele Sahel", "Bundeswehr", "Pentagon", "Islamic State", "Al Qaeda"}
	for _, o := range orgs {
		if _, ok := anywhere(o, news.EntityOrganization); !ok {
			t.Errorf("example: no organization %q", o)
		}
	}
	if _, ok := anywhere("Ilyushin 76", news.EntityEquipment); !ok {
		t.Errorf("example: no equipment %q", "Ilyushin 76")
	}
	for name, ms := range all {
		// AES shares the key of its expansion in each report that has both.
		var long, short string
		for _, m := range ms {
			switch m.Text {
			case "Alliance of Sahel States":
				long = m.Key
			case "AES":
				short = m.Key
			}
			// Titles stay out of names.
			for _, title := range []string{"President ", "General ", "Secretary ", "Russian "} {
				if m.Type == news.EntityPerson && strings.HasPrefix(m.Text, title) {
					t.Errorf("%s: person %q keeps its title", name, m.Text)
				}
			}
		}
		if long != "" && short != long {
			t.Errorf("%s: AES key = %q, want %q", name, short, long)
		}
		// A surname alone takes the full name's key.
		for _, m := range ms {
			if m.Text == "Tiani" && m.Key != "abdourahamane tiani" || m.Text == "Putin" && m.Key != "vladimir putin" {
				t.Errorf("%s: %q key = %q, want the full name's", name, m.Text, m.Key)
			}
		}
	}
	// "Russian President Vladimir Putin": a demonym, a label, a person.
	text := docs["000_39b2320ab47e5126.txt"]
	i := strings.Index(text, "Russian President Vladimir Putin")
	if i < 0 {
		t.Fatal("example text changed")
	}
	var got []string
	for _, m := range all["000_39b2320ab47e5126.txt"] {
		if m.Start >= i && m.End <= i+len("Russian President Vladimir Putin") {
			got = append(got, m.Text)
			if m.Text == "Vladimir Putin" && !slices.Contains(m.Labels, "President") {
				t.Errorf("Vladimir Putin labels = %q, want President", m.Labels)
			}
		}
	}
	if !slices.Equal(got, []string{"Russian", "Vladimir Putin"}) {
		t.Errorf("Find(%q) = %q, want [Russian Vladimir Putin]", "Russian President Vladimir Putin", got)
	}
}

// ecbDocs returns up to n ECB+ articles, or skips.
func ecbDocs(t testing.TB, n int) []string { return corpus.ECBTexts(t, n) }

// TestPrecisionECB checks on real articles that no function word, month
// or weekday is reported as an entity, nor starts one.
func TestPrecisionECB(t *testing.T) {
	docs := ecbDocs(t, 120)
	r, _ := load(t)
	n := 0
	for _, d := range docs {
		for _, m := range find(t, d) {
			n++
			word := strings.Fields(m.Text)[0]
			first := Fold(word)
			if (functionWord[first] && !r.knownUpper(word)) || calendar[first] {
				t.Errorf("ECB+: mention %q (%s, %s) starts with a function word or a date", m.Text, m.Type, m.Why)
			}
		}
	}
	if n < 1000 {
		t.Errorf("ECB+: %d mentions in %d articles, want more than 1000", n, len(docs))
	}
}

// knownUpper reports whether s is an all-capital known name ("US").
func (r *Recognizer) knownUpper(s string) bool {
	_, ok := r.g.names[Fold(s)]
	return ok && strings.ToUpper(s) == s
}

// TestConcurrent runs Find from several goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	docs := readExample(t)
	r, seg := load(t)
	want := map[string]int{}
	for n, d := range docs {
		want[n] = len(r.Find(d, seg.Split(d)))
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for n, d := range docs {
				if got := len(r.Find(d, seg.Split(d))); got != want[n] {
					t.Errorf("Find(%s) concurrently = %d mentions, want %d", n, got, want[n])
				}
			}
		})
	}
	wg.Wait()
}

func checkInvariants(t *testing.T, text string, ms []news.Mention) {
	t.Helper()
	prevEnd := 0
	for i, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("mention %d span [%d,%d) outside text of %d bytes", i, m.Start, m.End, len(text))
		}
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("mention %d text %q, want %q", i, m.Text, text[m.Start:m.End])
		}
		if m.Start < prevEnd {
			t.Fatalf("mention %d %q overlaps the one before or is out of order", i, m.Text)
		}
		prevEnd = m.End
		if m.Key == "" || m.Type == "" || m.Why == "" {
			t.Fatalf("mention %d %q: empty key, type or why: %+v", i, m.Text, m)
		}
		if m.Demonym && m.Type != news.EntityLocation {
			t.Fatalf("mention %d %q: demonym of type %s", i, m.Text, m.Type)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("Russian President Vladimir Putin met General Abdourahamane Tiani in Niamey.")
	f.Add("The Alliance of Sahel States (AES) and U.S.-based ACLED. Ilyushin 76 plane, Su-25.")
	f.Add("“We are here,” said al-Qaeda's leader. Idrissa Maiga, head of the L'Enqueteur newspaper,")
	f.Add("Since March, Niger-Nigeria... (X) ( ) A-1 É É.É. Mr. Dr. Gen. of the and")
	r, seg := load(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, text, r.Find(text, seg.Split(text)))
		checkInvariants(t, text, r.Find(text, nil))
		// Sentences that do not fit the text are ignored, not trusted.
		checkInvariants(t, text, r.Find(text, []news.Sentence{{Start: 0, End: len(text) + 5}, {Start: 3, End: 1}}))
	})
}

func TestInvariantsExample(t *testing.T) {
	for _, d := range readExample(t) {
		checkInvariants(t, d, find(t, d))
	}
}

func BenchmarkFind(b *testing.B) {
	docs := ecbDocs(b, 0)
	r, seg := load(b)
	sents := make([][]news.Sentence, len(docs))
	size := 0
	for i, d := range docs {
		sents[i] = seg.Split(d)
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			r.Find(d, sents[i])
		}
	}
}

// A state body or company named with its nationality keeps it: the
// ministries of two countries must not share a key.
func TestBodyWithNationality(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The French Foreign Ministry issued a statement on Monday.", "French Foreign Ministry"},
		{"Officials at the German Ministry of Finance declined to comment.", "German Ministry of Finance"},
		{"The Russian President Vladimir Putin spoke on Monday.", "Vladimir Putin"},
	}
	for _, tt := range tests {
		found := false
		for _, m := range find(t, tt.in) {
			if m.Text == tt.want {
				found = true
			}
		}
		if !found {
			t.Errorf("Find(%q) has no mention %q: %+v", tt.in, tt.want, find(t, tt.in))
		}
	}
}
