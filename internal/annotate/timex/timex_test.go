package timex

import (
	"fmt"
	"github.com/triangulate/triangulate/internal/corpus"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/segment"
)

// brief renders refs as "text=value/granularity" for comparison; an
// unresolved ref shows "?" for its value.
func brief(refs []news.TimeRef) []string {
	out := []string{}
	for _, r := range refs {
		v := r.Value
		if !r.Resolved {
			v = "?"
		}
		out = append(out, fmt.Sprintf("%s=%s/%s", r.Text, v, r.Granularity))
	}
	return out
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFind(t *testing.T) {
	// Friday 12 April 2024, unless a case says otherwise.
	const pub = "2024-04-12"
	tests := []struct {
		in   string
		pub  string
		want []string
	}{
		// Absolute dates.
		{"The plant opened on May 3, 2013, in Ohio.", pub, []string{"May 3, 2013=2013-05-03/day"}},
		{"It was signed on 10 April 2024 in Niamey.", pub, []string{"10 April 2024=2024-04-10/day"}},
		{"Published 2024-04-12 by the agency.", pub, []string{"2024-04-12=2024-04-12/day"}},
		{"Prices rose in March 2024.", pub, []string{"March 2024=2024-03/month"}},
		{"In December 2023, the leaders met.", pub, []string{"December 2023=2023-12/month"}},
		{"The army took power in a July 2023 coup.", pub, []string{"July 2023=2023-07/month"}},
		{"Updated Tuesday, February 3, 2009 at noon.", pub, []string{"Tuesday, February 3, 2009=2009-02-03/day"}},
		{"It happened on December 15th, 2008.", pub, []string{"December 15th, 2008=2008-12-15/day"}},
		{"It was signed on the 5th of May, 2010.", pub, []string{"5th of May, 2010=2010-05-05/day"}},
		{"Deadline: Sept. 12, 2013.", pub, []string{"Sept. 12, 2013=2013-09-12/day"}},
		// Years used as times, and numbers that are not years.
		{"The firm was founded in 2009.", pub, []string{"2009=2009/year"}},
		{"Soon after the 2023 coup, talks ended.", pub, []string{"2023=2023/year"}},
		{"Since 2020, coups have spread.", pub, []string{"Since 2020=2020/2024-04-12/interval"}},
		{"Since 2020, coups have spread.", "", []string{"Since 2020=2020/year"}},
		{"He played for them from 1995-99.", pub, []string{"1995-99=1995/1999/interval"}},
		{"The economy shrank in mid-2023.", pub, []string{"mid-2023=2023-05-01/2023-08-31/interval"}},
		{"He was born in the year 1955.", pub, []string{"the year 1955=1955/year"}},
		{"The film (2007) was a hit.", pub, []string{"2007=2007/year"}},
		{"Some 2,023 people and 1,000 troops were there.", pub, []string{}},
		{"About 2000 troops and 1500 police were sent in 2000 trucks.", pub, []string{}},
		{"The Boeing 737 and the Su-25 flew; he paid $2024.", pub, []string{}},
		{"It is a decade-old fight; he came second.", pub, []string{}},
		// Weekdays, placed on or before publication unless the verb is future.
		{"Troops arrived in Niger on Wednesday.", pub, []string{"Wednesday=2024-04-10/day"}},
		{"State TV announced late Thursday that Moscow will help.", pub, []string{"late Thursday=2024-04-11/day"}},
		{"A plane landed on Wednesday night.", pub, []string{"Wednesday night=2024-04-10/day"}},
		{"The broadcaster reported on Thursday evening.", pub, []string{"Thursday evening=2024-04-11/day"}},
		{"On Tuesday the talks will resume.", pub, []string{"Tuesday=2024-04-16/day"}},
		{"The minister is due to visit on Monday.", pub, []string{"Monday=2024-04-15/day"}},
		{"They met last Tuesday.", pub, []string{"last Tuesday=2024-04-09/day"}},
		{"They will meet next Friday.", pub, []string{"next Friday=2024-04-19/day"}},
		{"The vote was held on Friday.", pub, []string{"Friday=2024-04-12/day"}},
		{"Russian instructors arrived on Wednesday April 10, TV said.", pub, []string{"Wednesday April 10=2024-04-10/day"}},
		{"Black Friday sales and the Sunday Times poll.", pub, []string{}},
		// Months and days without a year.
		{"Tiani spoke with Putin on March 26.", pub, []string{"March 26=2024-03-26/day"}},
		{"The coup happened on July 26.", pub, []string{"July 26=2023-07-26/day"}},
		{"The summit will be held on July 26.", pub, []string{"July 26=2024-07-26/day"}},
		{"In mid-March, Niger ended the accord.", pub, []string{"mid-March=2024-03-11/2024-03-20/interval"}},
		{"They agreed in early April.", pub, []string{"early April=2024-04-01/2024-04-10/interval"}},
		{"They spoke at the end of March.", pub, []string{"the end of March=2024-03-21/2024-03-31/interval"}},
		{"They spoke in late March.", pub, []string{"late March=2024-03-21/2024-03-31/interval"}},
		{"The government agreed in January to help.", pub, []string{"January=2024-01/month"}},
		{"The election will take place in June.", pub, []string{"June=2024-06/month"}},
		{"The election took place in June.", pub, []string{"June=2023-06/month"}},
		{"Until the military coup last July, it was calm.", pub, []string{"last July=2023-07/month"}},
		{"It rained in July last year.", pub, []string{"July last year=2023-07/month"}},
		{"As of March, 3 million were displaced.", pub, []string{"March=2024-03/month"}},
		{"In March and April, prices rose.", pub, []string{"March=2024-03/month", "April=2024-04/month"}},
		{"The January incident cut the cable.", pub, []string{"January=2024-01/month"}},
		// Month names that are not months.
		{"It may be late. Theresa May spoke. A march for peace; the march ended.", pub, []string{}},
		{"Prime Minister May said in a speech by May that March participants chanted.", pub, []string{}},
		// Relative days, weeks, months, years.
		{"He said yesterday that today and tomorrow matter.", pub, []string{"yesterday=2024-04-11/day", "today=2024-04-12/day", "tomorrow=2024-04-13/day"}},
		{"It happened last night.", pub, []string{"last night=2024-04-11/day"}},
		{"Earlier this week, the army moved.", pub, []string{"Earlier this week=2024-04-08/2024-04-11/interval"}},
		{"Talks were held last week.", pub, []string{"last week=2024-04-01/2024-04-07/week"}},
		{"This week the talks resumed.", pub, []string{"This week=2024-04-08/2024-04-14/week"}},
		{"Prices rose this year and fell last year.", pub, []string{"this year=2024/year", "last year=2023/year"}},
		{"They will vote next month.", pub, []string{"next month=2024-05/month"}},
		{"It sent three planes in the past month.", pub, []string{"the past month=2024-03-12/2024-04-12/interval"}},
		{"Fighting grew over the last two weeks.", pub, []string{"the last two weeks=2024-03-29/2024-04-12/interval"}},
		{"He left two years ago.", pub, []string{"two years ago=2022/year"}},
		{"Growth slowed in the first quarter of 2024.", pub, []string{"the first quarter of 2024=2024-01-01/2024-03-31/quarter"}},
		{"It ended late last year.", pub, []string{"late last year=2023-09-01/2023-12-31/interval"}},
		{"He spent a year in jail; the year was hard.", pub, []string{}},
	}
	for _, tt := range tests {
		var p time.Time
		if tt.pub != "" {
			p = day(tt.pub)
		}
		got := brief(Find(tt.in, nil, Options{Published: p}))
		if !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Without a publication date, relative expressions stay unresolved but
// keep their granularity; absolute ones resolve.
func TestFindUnanchored(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Troops arrived on Wednesday.", []string{"Wednesday=?/day"}},
		{"Until the coup last July, it was calm.", []string{"last July=?/month"}},
		{"They met on April 10 and on April 10, 2024.", []string{"April 10=?/day", "April 10, 2024=2024-04-10/day"}},
		{"It sent planes in the past month, yesterday.", []string{"the past month=?/interval", "yesterday=?/day"}},
		{"It hit a high in 2023 and fell last year.", []string{"2023=2023/year", "last year=?/year"}},
		{"In mid-March, the accord ended.", []string{"mid-March=?/interval"}},
	}
	for _, tt := range tests {
		refs := Find(tt.in, nil, Options{})
		got := brief(refs)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, r := range refs {
			if !r.Resolved && (!r.Relative || r.Value != "" || !r.From.IsZero()) {
				t.Errorf("Find(%q): %q unresolved but Relative=%v Value=%q From=%v", tt.in, r.Text, r.Relative, r.Value, r.From)
			}
		}
	}
}

func TestResolve(t *testing.T) {
	anchor := day("2024-04-12")
	tests := []struct {
		in, want string
	}{
		{"Until the coup last July, it was calm.", "last July=2023-07/month"},
		{"Troops arrived on Wednesday.", "Wednesday=2024-04-10/day"},
		{"In March, the junta ended it.", "March=2024-03/month"},
		{"The coup came on July 26.", "July 26=2023-07-26/day"},
		{"In mid-March, the accord ended.", "mid-March=2024-03-11/2024-03-20/interval"},
		{"Since last year, it grew.", "Since last year=2023/2024-04-12/interval"},
		{"It was 2023.", "2023=2023/year"}, // absolute or not found: unchanged
	}
	for _, tt := range tests {
		refs := Find(tt.in, nil, Options{})
		if tt.in == "It was 2023." {
			refs = []news.TimeRef{{Text: "2023", Start: 7, End: 11, Value: "2023", Granularity: news.GranularityYear, Resolved: true}}
		}
		if len(refs) != 1 {
			t.Fatalf("Find(%q) = %q, want one ref", tt.in, brief(refs))
		}
		r := Resolve(refs[0], anchor, true)
		if got := brief([]news.TimeRef{r})[0]; got != tt.want {
			t.Errorf("Resolve(%q) = %q, want %q", refs[0].Text, got, tt.want)
		}
		if r.Start != refs[0].Start || r.End != refs[0].End || r.Text != refs[0].Text {
			t.Errorf("Resolve(%q) moved the span to [%d,%d) %q", refs[0].Text, r.Start, r.End, r.Text)
		}
		if r.Inferred != refs[0].Relative {
			t.Errorf("Resolve(%q).Inferred = %v, want %v", refs[0].Text, r.Inferred, refs[0].Relative)
		}
	}
	// A zero anchor changes nothing.
	refs := Find("They met on Tuesday.", nil, Options{})
	if r := Resolve(refs[0], time.Time{}, true); r.Resolved || r.Inferred {
		t.Errorf("Resolve(%q, zero) = %+v, want unresolved", refs[0].Text, r)
	}
}

// Options.Anchor places relative expressions as Inferred and keeps the
// tense of their sentence, which Resolve cannot see.
func TestFindAnchor(t *testing.T) {
	refs := Find("The talks will resume on Tuesday.", nil, Options{Anchor: day("2024-04-12")})
	if got := brief(refs); !slices.Equal(got, []string{"Tuesday=2024-04-16/day"}) || !refs[0].Inferred {
		t.Errorf("Find with Anchor = %q (Inferred %v), want [Tuesday=2024-04-16/day] inferred", got, refs[0].Inferred)
	}
	refs = Find("It was signed on May 3, 2013.", nil, Options{Anchor: day("2024-04-12")})
	if len(refs) != 1 || refs[0].Inferred {
		t.Errorf("Find with Anchor: an absolute date must not be Inferred: %+v", refs)
	}
}

// Sentences: a ref carries its sentence's index, and nothing spans two.
func TestFindSentences(t *testing.T) {
	seg, err := segment.New()
	if err != nil {
		t.Fatal(err)
	}
	text := "The talks ended in March. Officials met again on Tuesday, April 9, 2024.\n\nThey will meet next week."
	sents := seg.Split(text)
	refs := Find(text, sents, Options{Published: day("2024-04-12")})
	want := []struct {
		text     string
		sentence int
	}{{"March", 0}, {"Tuesday, April 9, 2024", 1}, {"next week", 2}}
	if len(refs) != len(want) {
		t.Fatalf("Find(%q) = %q, want %d refs", text, brief(refs), len(want))
	}
	for i, w := range want {
		if refs[i].Text != w.text || refs[i].Sentence != w.sentence {
			t.Errorf("Find(%q)[%d] = %q in sentence %d, want %q in %d", text, i, refs[i].Text, refs[i].Sentence, w.text, w.sentence)
		}
	}
}

func TestConcurrent(t *testing.T) {
	text := strings.Repeat("On Wednesday, April 10, troops arrived; last July a coup took place in 2023. ", 20)
	opts := Options{Published: day("2024-04-12")}
	want := Find(text, nil, opts)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got := Find(text, nil, opts)
				if !slices.Equal(brief(got), brief(want)) {
					t.Errorf("Find concurrent = %q, want %q", brief(got), brief(want))
					return
				}
			}
		})
	}
	wg.Wait()
}

// checkRefs asserts the invariants of any Find result.
func checkRefs(t *testing.T, text string, refs []news.TimeRef, opts Options) {
	t.Helper()
	last := -1
	for _, r := range refs {
		if r.Start < 0 || r.End > len(text) || r.Start >= r.End {
			t.Fatalf("Find(%q): bad span [%d,%d)", text, r.Start, r.End)
		}
		if text[r.Start:r.End] != r.Text {
			t.Fatalf("Find(%q): Text %q != text[%d:%d] %q", text, r.Text, r.Start, r.End, text[r.Start:r.End])
		}
		if r.Start < last {
			t.Fatalf("Find(%q): refs not sorted or overlapping at %q", text, r.Text)
		}
		last = r.End
		if r.Granularity == "" {
			t.Fatalf("Find(%q): %q has no granularity", text, r.Text)
		}
		if r.Resolved != (r.Value != "") || r.Resolved != r.From.Before(r.Until) {
			t.Fatalf("Find(%q): %q Resolved=%v Value=%q From=%v Until=%v", text, r.Text, r.Resolved, r.Value, r.From, r.Until)
		}
		if r.Resolved && !strings.HasPrefix(r.Value, r.From.Format("2006")) {
			t.Fatalf("Find(%q): %q Value %q does not start at From %v", text, r.Text, r.Value, r.From)
		}
		if opts.Published.IsZero() && opts.Anchor.IsZero() && r.Relative && r.Resolved {
			t.Fatalf("Find(%q): relative %q resolved without an anchor", text, r.Text)
		}
		if r.Inferred && (opts.Anchor.IsZero() || !opts.Published.IsZero()) {
			t.Fatalf("Find(%q): %q inferred without an anchor", text, r.Text)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"On Wednesday April 10, 2024-04-12, troops arrived; last July a coup.",
		"mid-March, the end of March, late Thursday, the past two weeks, 1995-99",
		"since 2020 in 2,023 the 2023 coup (2007) Q1 2024 the first quarter of 2024",
		"May. 3 Sept. the 5th of May 1930's earlier this week two years ago",
		"", "2024-", "Mid-", "the end of", "à l’été 2023 ’s",
	} {
		f.Add(s, int64(0))
		f.Add(s, day("2024-04-12").Unix())
	}
	seg, err := segment.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, pub int64) {
		var opts Options
		if pub != 0 {
			opts.Published = time.Unix(pub%(1<<36), 0).UTC()
		}
		refs := Find(text, seg.Split(text), opts)
		checkRefs(t, text, refs, opts)
		checkRefs(t, text, Find(text, nil, opts), opts)
		for _, r := range refs {
			rr := Resolve(r, day("2024-04-12"), true)
			if rr.Text != r.Text || rr.Start != r.Start || rr.End != r.End {
				t.Fatalf("Resolve(%q) moved the span", r.Text)
			}
			if rr.Resolved != (rr.Value != "") {
				t.Fatalf("Resolve(%q) = %+v", r.Text, rr)
			}
		}
	})
}

// ecbDir is the ECB+ corpus, relative to this package.

func ecbDocs(tb testing.TB) []string { return corpus.ECBTexts(tb, 0) }

// On real news: the invariants hold, the common forms are found, and the
// known false friends are not.
func TestCorpus(t *testing.T) {
	docs := ecbDocs(t)
	seg, err := segment.New()
	if err != nil {
		t.Fatal(err)
	}
	count := map[news.Granularity]int{}
	for _, d := range docs {
		opts := Options{Published: day("2013-06-15")}
		refs := Find(d, seg.Split(d), opts)
		checkRefs(t, d, refs, opts)
		for _, r := range refs {
			count[r.Granularity]++
			switch r.Text {
			case "march", "may", "Sun", "second", "year", "decade":
				t.Errorf("Find: false hit %q at %d", r.Text, r.Start)
			case "May", "March":
				// a bare month needs a preposition of time before it
				before := strings.ToLower(d[max(0, r.Start-8):r.Start])
				if !strings.HasSuffix(before, "in ") && !strings.HasSuffix(before, "since ") && !strings.HasSuffix(before, "until ") && !strings.HasSuffix(before, "of ") {
					t.Errorf("Find: false hit %q after %q", r.Text, before)
				}
			}
		}
	}
	// Floors well under what the rules find (about 1,900 days, 500 years),
	// so that a broken rule fails the test.
	if count[news.GranularityDay] < 1500 || count[news.GranularityYear] < 400 || count[news.GranularityMonth] < 150 {
		t.Errorf("Find on ECB+ found %v, want at least 1500 days, 400 years, 150 months", count)
	}
}

func BenchmarkFind(b *testing.B) {
	docs := ecbDocs(b)
	seg, err := segment.New()
	if err != nil {
		b.Fatal(err)
	}
	sents := make([][]news.Sentence, len(docs))
	n := 0
	for i, d := range docs {
		sents[i] = seg.Split(d)
		n += len(d)
	}
	opts := Options{Published: day("2013-06-15")}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			Find(d, sents[i], opts)
		}
	}
}

// A month and day that name an event are no date of the story.
func TestDatedEventNames(t *testing.T) {
	pub := time.Date(2024, time.December, 10, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text string
		want int
	}{
		{"They marked the anniversary of the Sept. 11 attacks.", 0},
		{"The July 4 holiday was quiet.", 0},
		{"The September 11, 2001 attacks changed the city.", 1},
		{"The vote is on Sept. 11 in the capital.", 1},
	} {
		if got := len(Find(c.text, nil, Options{Published: pub})); got != c.want {
			t.Errorf("Find(%q) gave %d expressions, want %d", c.text, got, c.want)
		}
	}
}
