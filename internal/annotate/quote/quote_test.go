package quote

import (
	"github.com/triangulate/triangulate/internal/corpus"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/internal/clean"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/segment"
)

var (
	segOnce sync.Once
	seg     *segment.Segmenter
)

func splitter(t testing.TB) *segment.Segmenter {
	segOnce.Do(func() {
		s, err := segment.New()
		if err != nil {
			t.Fatalf("segment.New() = %v", err)
		}
		seg = s
	})
	return seg
}

// find runs Find over text with its sentences.
func find(t testing.TB, text string, mentions []news.Mention) []news.Quotation {
	return Find(text, splitter(t).Split(text), mentions)
}

// want describes one expected quotation: the quote that contains Has.
type want struct {
	Has     string // a substring of the quote's Text
	Text    string // the exact Text, when not ""
	Speaker string
	Span    string // text[SpeakerStart:SpeakerEnd] when it differs from Speaker (pronouns)
	Key     string
	Cue     string
	Partial bool
	Sent    int // the sentence index; -1 to skip the check
}

func check(t *testing.T, name, text string, got []news.Quotation, w want) {
	t.Helper()
	for _, q := range got {
		if !strings.Contains(q.Text, w.Has) {
			continue
		}
		if w.Text != "" && q.Text != w.Text {
			t.Errorf("%s: Find(%q).Text = %q, want %q", name, w.Has, q.Text, w.Text)
		}
		if q.Speaker != w.Speaker {
			t.Errorf("%s: Find(%q).Speaker = %q, want %q", name, w.Has, q.Speaker, w.Speaker)
		}
		span := w.Span
		if span == "" {
			span = w.Speaker
		}
		if got := text[q.SpeakerStart:q.SpeakerEnd]; got != span {
			t.Errorf("%s: Find(%q) speaker span = %q, want %q", name, w.Has, got, span)
		}
		if q.SpeakerKey != w.Key {
			t.Errorf("%s: Find(%q).SpeakerKey = %q, want %q", name, w.Has, q.SpeakerKey, w.Key)
		}
		if q.Cue != w.Cue {
			t.Errorf("%s: Find(%q).Cue = %q, want %q", name, w.Has, q.Cue, w.Cue)
		}
		if q.Partial != w.Partial {
			t.Errorf("%s: Find(%q).Partial = %v, want %v", name, w.Has, q.Partial, w.Partial)
		}
		if w.Sent >= 0 && q.Sentence != w.Sent {
			t.Errorf("%s: Find(%q).Sentence = %d, want %d", name, w.Has, q.Sentence, w.Sent)
		}
		return
	}
	t.Errorf("%s: Find() = %s, want a quote with %q", name, texts(got), w.Has)
}

func texts(qs []news.Quotation) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("[" + q.Text + " | " + q.Speaker + "] ")
	}
	return b.String()
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("../../../examples/niger-2024", name))
	if err != nil {
		t.Fatalf("reading example: %v", err)
	}
	return news.JoinParagraphs(clean.Text(string(raw), clean.Options{}).Paragraphs)
}

// mentionsOf builds mentions by hand for the names given: the entity
// recogniser is a stage of its own.
func mentionsOf(text string, names map[string]news.EntityType) []news.Mention {
	var ms []news.Mention
	for name, typ := range names {
		for from := 0; ; {
			i := strings.Index(text[from:], name)
			if i < 0 {
				break
			}
			s := from + i
			ms = append(ms, news.Mention{Text: name, Type: typ, Start: s, End: s + len(name), Key: strings.ToLower(name)})
			from = s + len(name)
		}
	}
	return ms
}

func TestFindExamples(t *testing.T) {
	cases := []struct {
		file     string
		mentions map[string]news.EntityType
		wants    []want
	}{
		{"000_39b2320ab47e5126.txt", nil, []want{
			{Has: "We are here to train", Text: "We are here to train the Nigerien army … (and) to develop military cooperation between Russia and Niger", Speaker: "a man in camouflage uniform", Cue: "said", Sent: 3},
			{Has: "Our airspace will now be better protected", Speaker: "the broadcaster", Cue: "said", Sent: 6},
		}},
		{"001_5336212670dde1c1.txt", nil, []want{
			{Has: "install an air defence system", Text: "install an air defence system ... to ensure complete control of our airspace", Speaker: "Russian state television", Cue: "announced", Partial: true, Sent: 1},
			{Has: "We are here to train", Text: "We are here to train the Niger army and help it use the equipment that has just arrived. The equipment is for different military specialities.", Speaker: "One instructor", Cue: "quoted as saying", Sent: 10},
			{Has: "the latest military equipment", Speaker: "The Tele Sahel broadcaster", Span: "It", Cue: "said", Partial: true, Sent: 9},
		}},
		{"002_90da4d6f662283ee.txt", nil, []want{
			{Has: "We are here to train", Speaker: "a hooded, light-skinned man in a military uniform", Cue: "said to the camera", Sent: 7},
			// Unattributed, but long: kept with no speaker.
			{Has: "strengthening cross-sectoral", Partial: true, Sent: 9},
		}},
		{"003_0eea9b79ea90de4d.txt", map[string]news.EntityType{"Télé Sahel": news.EntityOrganization, "Russia": news.EntityLocation}, []want{
			{Has: "We are here to train", Text: "We are here to train the Niger Army and use the military equipment that has just arrived. It is equipment of various military specialties.", Speaker: "One of the Russian instructors", Cue: "announced", Sent: 4},
			{Has: "We are here to develop", Text: "We are here to develop military cooperation between Russia and Niger.", Speaker: "One of the Russian instructors", Cue: "announced", Sent: 6},
			// Never closed: cut before the sentence of attribution glued to it.
			{Has: "We helped", Speaker: "Public television Télé Sahel", Key: "télé sahel", Cue: "announced", Sent: 1},
			{Has: "For efficient use of this system", Speaker: "Télé Sahel", Key: "télé sahel", Cue: "said", Partial: true, Sent: 3},
			{Has: "Intensify", Text: "Intensify", Speaker: "Russia", Key: "russia", Cue: "announced", Partial: true, Sent: 15},
		}},
		{"004_dc24a2c5f03b1ac8.txt", nil, []want{
			{Has: "unilaterally imposed", Text: "unilaterally imposed", Speaker: "Niger's military regime", Span: "It", Cue: "said", Partial: true, Sent: 7},
		}},
	}
	for _, c := range cases {
		text := readExample(t, c.file)
		got := find(t, text, mentionsOf(text, c.mentions))
		for _, w := range c.wants {
			check(t, c.file, text, got, w)
		}
		checkInvariants(t, text, got)
		for _, q := range got {
			// No quote swallows a paragraph of narration.
			if strings.Contains(q.Text, "\n\n") || len(q.Text) > 400 {
				t.Errorf("%s: Find() holds a quote of %d bytes: %q", c.file, len(q.Text), q.Text)
			}
		}
	}
}

// Scare quotes and titles are left out: the example's "Africa Corps" and
// "presumed".
func TestFindLeavesOutScareQuotes(t *testing.T) {
	for _, file := range []string{"002_90da4d6f662283ee.txt", "004_dc24a2c5f03b1ac8.txt"} {
		text := readExample(t, file)
		for _, q := range find(t, text, nil) {
			if q.Text == "Africa Corps" || q.Text == "presumed" {
				t.Errorf("%s: Find() = %q, a scare quote", file, q.Text)
			}
		}
	}
}

func TestFind(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		ment  map[string]news.EntityType
		wants []want
		none  []string // quotes that must not be found
	}{
		// Attribution frames.
		{name: "adverb is no speaker", text: `"We are ready," However said.`,
			wants: []want{{Has: "ready", Text: "We are ready", Speaker: "", Sent: 0}}},
		{name: "X said after", text: `"We will rebuild the school," Mayor Jane Smith said on Tuesday.`,
			ment:  map[string]news.EntityType{"Jane Smith": news.EntityPerson},
			wants: []want{{Has: "rebuild", Text: "We will rebuild the school", Speaker: "Mayor Jane Smith", Key: "jane smith", Cue: "said", Sent: 0}}},
		{name: "said X inverted", text: `"The fire spread quickly," said fire chief Tom Brown, who arrived at dawn.`,
			wants: []want{{Has: "fire spread", Speaker: "fire chief Tom Brown", Cue: "said", Sent: 0}}},
		{name: "X said colon", text: `The minister said: "Nobody was hurt in the blast."`,
			wants: []want{{Has: "Nobody", Text: "Nobody was hurt in the blast.", Speaker: "The minister", Cue: "said", Sent: 0}}},
		{name: "X told reporters", text: `Police chief Ann Lee told reporters on Monday: "The suspect is in custody."`,
			wants: []want{{Has: "suspect", Speaker: "Police chief Ann Lee", Cue: "told", Sent: 0}}},
		{name: "told after", text: `"We want a party, not a talk show," Mark told Reuters.`,
			wants: []want{{Has: "party", Speaker: "Mark", Cue: "told", Sent: 0}}},
		{name: "according to", text: `According to the company, "sales rose sharply in the spring."`,
			wants: []want{{Has: "sales rose", Speaker: "the company", Cue: "According to", Sent: 0}}},
		{name: "appositive", text: `"It was a terrible day," Steven Moffat, the show's lead writer, said.`,
			wants: []want{{Has: "terrible day", Speaker: "Steven Moffat", Cue: "said", Sent: 0}}},
		{name: "appositive name", text: `His sister, Mary Gray, told the station: "He never carried a gun."`,
			wants: []want{{Has: "never carried", Speaker: "Mary Gray", Cue: "told", Sent: 0}}},
		{name: "tokenised corpus marks", text: "``We are ready for the season,'' coach Bill Jones said.",
			wants: []want{{Has: "ready", Text: "We are ready for the season", Speaker: "coach Bill Jones", Cue: "said", Sent: 0}}},
		{name: "quoted as saying", text: `The general was quoted as saying that "the border is now secure."`,
			wants: []want{{Has: "border", Speaker: "The general", Cue: "quoted as saying", Sent: 0}}},
		{name: "guillemets", text: `« Nous resterons ici », a déclaré le ministre. The envoy added: « We stay. »`,
			wants: []want{{Has: "We stay", Text: "We stay.", Speaker: "The envoy", Cue: "added", Sent: -1}}},
		{name: "single quotes", text: `'We have no comment at this time,' a spokeswoman for the airline said.`,
			wants: []want{{Has: "no comment", Speaker: "a spokeswoman for the airline", Cue: "said", Sent: 0}}},

		// Partial quotes.
		{name: "partial before", text: `The agency said the plan was "deeply flawed" and would be revised.`,
			wants: []want{{Has: "deeply flawed", Speaker: "The agency", Cue: "said", Partial: true, Sent: 0}}},
		{name: "partial after", text: `Talks covered "regional security" and "trade routes", officials said.`,
			wants: []want{{Has: "regional security", Speaker: "officials", Cue: "said", Partial: true, Sent: 0}}},

		// Pronouns.
		{name: "pronoun he from previous quote", text: "\"We lost,\" Barak said.\n\n\"We will be back next year,\" he added.",
			wants: []want{{Has: "back next year", Speaker: "Barak", Span: "he", Cue: "added", Sent: 1}}},
		{name: "pronoun it from subject", text: `The ministry of health, which runs the hospitals, published its figures. It said the numbers were "alarming but stable".`,
			wants: []want{{Has: "alarming", Speaker: "The ministry of health", Span: "It", Cue: "said", Partial: true, Sent: 1}}},
		{name: "pronoun from mention", text: `Yesterday Acme Corp. and the union met again. It said later that "no deal is near".`,
			ment:  map[string]news.EntityType{"Acme Corp.": news.EntityOrganization},
			wants: []want{{Has: "no deal", Speaker: "Acme Corp.", Span: "It", Key: "acme corp.", Cue: "said", Sent: 1}}},
		{name: "pronoun unresolved", text: `"I am tired," she said.`,
			wants: []want{{Has: "tired", Speaker: "she", Cue: "said", Sent: 0}}},
		{name: "mention inside a description is not the key", text: `"We are ready," Niger's military regime said.`,
			ment:  map[string]news.EntityType{"Niger": news.EntityLocation},
			wants: []want{{Has: "ready", Speaker: "Niger's military regime", Cue: "said", Sent: 0}}},
		{name: "expletive it is no speaker", text: `In a statement, it was confirmed, "The actress has checked into rehab."`,
			wants: []want{{Has: "actress", Partial: true, Sent: 0}}},

		// Multi-sentence and continued quotes.
		{name: "multi-sentence", text: `Smith said: "We came here to help. We will stay as long as needed. Nobody will be left behind."`,
			wants: []want{{Has: "came here", Text: "We came here to help. We will stay as long as needed. Nobody will be left behind.", Speaker: "Smith", Cue: "said", Sent: 0}}},
		{name: "next sentence inherits", text: `"The water rose fast," said Ana Ruiz. "We barely got out."`,
			wants: []want{{Has: "barely", Speaker: "Ana Ruiz", Cue: "said", Sent: 1}}},
		{name: "continued paragraph", text: "\"Make no mistake, this case is about the law.\n\n\"It is not about any religion,\" the prosecutor said.",
			wants: []want{
				{Has: "Make no mistake", Speaker: "the prosecutor", Cue: "said", Sent: 0},
				{Has: "any religion", Speaker: "the prosecutor", Cue: "said", Sent: 1},
			}},

		// Broken marks.
		{name: "curly closed by straight", text: `“We are here to stay," the colonel said.`,
			wants: []want{{Has: "here to stay", Text: "We are here to stay", Speaker: "the colonel", Cue: "said", Sent: 0}}},
		{name: "unclosed then attribution", text: `“We helped the army. The transfer went well.The defence ministry announced.`,
			wants: []want{{Has: "We helped", Text: "We helped the army. The transfer went well.", Speaker: "The defence ministry", Cue: "announced", Sent: 0}}},
		{name: "glued closer", text: `The team will “train the pilots”Radio Nord said.`,
			wants: []want{{Has: "train the pilots", Text: "train the pilots", Speaker: "Radio Nord", Cue: "said", Partial: true, Sent: 0}}},

		// Scare quotes and titles.
		{name: "title", text: `He also appears in "World War Z" as a doctor.`, none: []string{"World War Z"}},
		{name: "nickname", text: `Salvatore "Sammy the Bull" Gravano testified.`, none: []string{"Sammy the Bull"}},
		{name: "term", text: `The law brands them "foreign agents" and curbs their funding.`, none: []string{"foreign agents"}},
		{name: "apostrophes", text: `It’s the instructors' arrival, Niger’s army said, and the rock 'n' roll of it.`, none: []string{"s arrival", "n"}},
		{name: "stray closer", text: `If we don't, then we'll move on. "`, none: []string{""}},
	}
	for _, c := range cases {
		got := find(t, c.text, mentionsOf(c.text, c.ment))
		for _, w := range c.wants {
			check(t, c.name, c.text, got, w)
		}
		if c.none != nil && len(got) > 0 {
			t.Errorf("%s: Find(%q) = %s, want none", c.name, c.text, texts(got))
		}
		checkInvariants(t, c.text, got)
	}
}

// checkInvariants: spans inside the text and verbatim, quotes sorted and
// not overlapping, a speaker span outside its quote and verbatim unless
// it is a pronoun standing for its antecedent.
func checkInvariants(t testing.TB, text string, got []news.Quotation) {
	t.Helper()
	prevEnd := -1
	for _, q := range got {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
			t.Fatalf("Find(%q) span [%d, %d) outside the text", text, q.Start, q.End)
		}
		if text[q.Start:q.End] != q.Text {
			t.Fatalf("Find(%q).Text = %q, want text[Start:End] = %q", text, q.Text, text[q.Start:q.End])
		}
		if q.Start < prevEnd {
			t.Fatalf("Find(%q): quote %q overlaps the one before or is out of order", text, q.Text)
		}
		prevEnd = q.End
		if q.Speaker == "" {
			if q.SpeakerStart != 0 || q.SpeakerEnd != 0 || q.SpeakerKey != "" || q.Cue != "" {
				t.Fatalf("Find(%q): quote %q has no speaker but speaker fields %+v", text, q.Text, q)
			}
			continue
		}
		if q.SpeakerStart < 0 || q.SpeakerEnd > len(text) || q.SpeakerStart >= q.SpeakerEnd {
			t.Fatalf("Find(%q): speaker span [%d, %d) outside the text", text, q.SpeakerStart, q.SpeakerEnd)
		}
		if q.SpeakerStart < q.End && q.SpeakerEnd > q.Start {
			t.Fatalf("Find(%q): speaker %q inside its quote %q", text, q.Speaker, q.Text)
		}
		if sp := text[q.SpeakerStart:q.SpeakerEnd]; sp != q.Speaker && pronounKind(strings.ToLower(sp)) == "" {
			t.Fatalf("Find(%q): speaker %q, span %q is neither it nor a pronoun", text, q.Speaker, sp)
		}
		if !strings.Contains(text, q.Speaker) {
			t.Fatalf("Find(%q): speaker %q is not in the text", text, q.Speaker)
		}
		if q.Cue == "" || !strings.Contains(text, q.Cue) {
			t.Fatalf("Find(%q): cue %q is not in the text", text, q.Cue)
		}
	}
}

func TestFindNoSentences(t *testing.T) {
	text := "Intro.\n\n\"We will win,\" the coach said."
	got := Find(text, nil, nil)
	check(t, "nil sentences", text, got, want{Has: "We will win", Speaker: "the coach", Cue: "said", Sent: 1})
}

func TestFindConcurrent(t *testing.T) {
	text := readExample(t, "003_0eea9b79ea90de4d.txt")
	sents := splitter(t).Split(text)
	want := texts(Find(text, sents, nil))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if got := texts(Find(text, sents, nil)); got != want {
					t.Errorf("Find() = %s concurrently, want %s", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func ecbDocs(t testing.TB) []string { return corpus.ECBTexts(t, 0) }

// TestFindCorpus runs over the 982 ECB+ articles: invariants everywhere,
// and must-find checks on real sentences.
func TestFindCorpus(t *testing.T) {
	docs := ecbDocs(t)
	total, attributed := 0, 0
	for _, d := range docs {
		got := find(t, d, nil)
		checkInvariants(t, d, got)
		for _, q := range got {
			total++
			if q.Speaker != "" {
				attributed++
			}
		}
	}
	if total < 1500 || attributed*100 < total*70 {
		t.Errorf("Find() over ECB+ = %d quotes, %d attributed; want at least 1500, 70%% attributed", total, attributed)
	}
	musts := []struct{ has, speaker string }{
		{"We're being aggressive, really aggressive", "Epstein"},
		{"The allegations set forth in this report", "Ohio State president Karen Holbrook"},
		{"Hamas has so far sustained a very heavy blow", "Barak"},
		{"He has the integrity, the ability", "Harold L. Child Jr."},
	}
	for _, m := range musts {
		found := false
		for _, d := range docs {
			if !strings.Contains(d, m.has) {
				continue
			}
			for _, q := range find(t, d, nil) {
				if strings.Contains(q.Text, m.has) {
					found = true
					if q.Speaker != m.speaker {
						t.Errorf("Find(%q).Speaker = %q, want %q", m.has, q.Speaker, m.speaker)
					}
				}
			}
		}
		if !found {
			t.Errorf("Find() over ECB+ has no quote with %q", m.has)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		`"We will win," he said.`,
		"“We are here. One of them announced. We stay. »",
		`agreed“Intensify” Its system”Télé Sahel said.`,
		"``Yes,'' said Smith, a spokesman.\n\n\"Open",
		`'quoted' said X; it’s Niger’s and the instructors' "`,
		"« a » “ b \" c ” ‘ d ’ „ e “",
	} {
		f.Add(s)
	}
	sg := splitter(f)
	f.Fuzz(func(t *testing.T, text string) {
		got := Find(text, sg.Split(text), nil)
		checkInvariants(t, text, got)
		for _, q := range got {
			if q.Sentence < 0 {
				t.Fatalf("Find(%q).Sentence = %d", text, q.Sentence)
			}
		}
		// Without sentences and with bogus mentions, still no panic.
		Find(text, nil, []news.Mention{{Start: 0, End: len(text), Type: news.EntityPerson, Key: "k"}, {Start: 5, End: 2}})
	})
}

func BenchmarkFind(b *testing.B) {
	docs := ecbDocs(b)
	sg := splitter(b)
	sents := make([][]news.Sentence, len(docs))
	n := 0
	for i, d := range docs {
		sents[i] = sg.Split(d)
		n += len(d)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			Find(d, sents[i], nil)
		}
	}
}
