package clean

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/triangulate/triangulate/internal/news"
)

func TestClassifyLine(t *testing.T) {
	tests := []struct {
		in   string
		want role
	}{
		// date and metadata lines, as scrapers leave them above a story
		{" date 2024-04-12 WORLD", roleMetadata},
		{"Published: 14 March 2023 | 10:32 GMT", roleMetadata},
		{"April 12, 2024", roleDateLine},
		{"UPDATED 05 / 03 / 2013 at 11: 00 AM EDT", roleDateLine},
		{"11/30/09 05:40 PM ET", roleDateLine},
		{"Last updated 13: 26 14 / 09 / 2013", roleDateLine},
		{"Friday, April 12, 2024 10:32 AM", roleDateLine},
		{"Updated 3 May 2021", roleDateLine},
		{"April 12, 2024: the day the talks failed", roleBody},
		// credits of photo agencies and photographers
		{"RTN/Handout via REUTERS", roleCredit},
		{"EPA/ISSIFOU DJIBO/TASS", roleCredit},
		{"(FILE PHOTO: AFP) / AFP", roleCredit},
		{"Photo: Jane Doe/The Daily Planet", roleCredit},
		{"AFP via Getty Images", roleCredit},
		{"The deal was struck via intermediaries in Doha.", roleBody},
		{"Biden/Harris", roleCredit},
		{"Peace talks between Kyiv/Moscow stall", roleBody},
		{"AP/EPA", roleCredit},
		{"[M1 / MP / MP SP]", roleBody}, // a wiki's list of sources: codes name no one
		// appeals, footers, navigation, bylines
		{"Support The Moscow Times!", roleAppeal},
		{"Sign up for our newsletter to get the news in your inbox.", roleAppeal},
		{"Donors pledged $2 billion for reconstruction at the conference.", roleBody},
		{"SOURCE:TRTWorld and agencies", roleFooter},
		{"(Reporting by Jane Doe; Editing by John Roe)", roleFooter},
		{"© 2024 Example Media. All rights reserved.", roleFooter},
		{"Example Media 2024, ALL RIGHTS RESERVED", roleFooter},
		{"The court ruled that all rights reserved to the states remain with them after the treaty.", roleBody},
		{"Read more", roleFooter},
		{"Read more: Ukraine war latest", roleRelated},
		{"Follow us on Twitter", roleNavigation},
		{"Advertisement", roleAdvert},
		{"Continue Reading Below", roleAdvert},
		{"You may also like Who will make the Hall of Fame in 2020", roleRelated},
		{"Like this story? Share it with a friend!", roleNavigation},
		{"You must log in to post a comment.", roleNavigation},
		{"Disney's teams patched the software as the company continued to sign up additional subscribers throughout the night, analysts said.", roleBody},
		{"If you just want the basic plan, you can sign up for a free 7-day trial. Afterwards you'll pay $6.99 per month.", roleBody},
		{"We need your support: donate to keep our independent journalism free for every reader, every month.", roleAppeal},
		{"By Jane Doe and John Roe", roleByline},
		{"By Tuesday the army had withdrawn.", roleBody},
		// ordinary sentences stay body
		{"The Pentagon later said U.S. officials had expressed concerns.", roleBody},
		{"Strengthening cooperation between the two countries", roleBody},
	}
	for _, tt := range tests {
		s := collapseSpace(tt.in)
		if got, _ := classifyLine(s, countWords(s)); got != tt.want {
			t.Errorf("classifyLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-04-12", "2024-04-12"},
		{"2024-04-12T09:30:00+02:00", "2024-04-12"},
		{"Fri, 12 Apr 2024 09:30:00 GMT", "2024-04-12"},
		{"April 12, 2024", "2024-04-12"},
		{"12 April 2024", "2024-04-12"},
		{"Sept. 3, 2023", "2023-09-03"},
		{"April 31, 2024", ""},
		{"last Thursday", ""},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestOutletName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"REUTERS", "Reuters"},
		{"TRTWorld", "TRT World"},
		{"BBCNews", "BBC News"},
		{"AFP", "AFP"},
		{"McClatchy", "McClatchy"},
		{"The Moscow Times", "The Moscow Times"},
		{"agencies", ""},
	}
	for _, tt := range tests {
		if got := outletName(tt.in); got != tt.want {
			t.Errorf("outletName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitBlocks(t *testing.T) {
	wrapped := "The minister said on Tuesday that the government would\nreview the decision after talks with the unions and\nemployers, who have opposed the plan for months.\n\nA second paragraph."
	if got := SplitBlocks(wrapped); len(got) != 2 {
		t.Errorf("SplitBlocks(hard-wrapped) = %d blocks, want 2: %q", len(got), got)
	}
	stacked := "Headline of the story\nA caption line under it. REUTERS/Jane Doe\nApril 12, 2024\n\nBody."
	if got := SplitBlocks(stacked); len(got) != 4 {
		t.Errorf("SplitBlocks(stacked header) = %d blocks, want 4: %q", len(got), got)
	}
}

func TestDropDoubledCap(t *testing.T) {
	tests := []struct{ in, want, cut string }{
		{"RRussia has sent", "Russia has sent", "R"},
		{"Russia has sent", "Russia has sent", ""},
		{"AAA batteries", "AAA batteries", ""},
		{"II", "II", ""},
	}
	for _, tt := range tests {
		if got, cut := dropDoubledCap(tt.in); got != tt.want || cut != tt.cut {
			t.Errorf("dropDoubledCap(%q) = %q, %q, want %q, %q", tt.in, got, cut, tt.want, tt.cut)
		}
	}
}

func TestTranslationSigns(t *testing.T) {
	clean := `The minister said: “We will act.” Talks resume on Monday.`
	if got := TranslationSigns(clean); got != nil {
		t.Errorf("TranslationSigns(clean text) = %q, want none", got)
	}
	mt := `The army will “to give” support and “Establish control” can “To ensure total control”The country said.It added that it had agreed“Intensify” ties [la] today.`
	if got := TranslationSigns(mt); len(got) < 2 {
		t.Errorf("TranslationSigns(machine-translated) = %q, want at least two signs", got)
	}
}

// A generic article laid out the way scrapers leave them, with none of the
// example's strings: the rules must find the same furniture.
func TestParagraphsGenericLayout(t *testing.T) {
	in := strings.Join([]string{
		"Published: 3 May 2021 | 08:15 GMT",
		"Floods force thousands from homes in northern Italy",
		"Rescue workers evacuate residents in Faenza, Italy, May 2, 2021. REUTERS/Jane Roe",
		"By Anna Bianchi",
		"FAENZA, Italy (AP) — Heavy rain flooded towns across Emilia-Romagna on Tuesday, forcing 5,000 people from their homes.",
		"The regional governor said 14 rivers had burst their banks.",
		"Read more: Europe's wettest spring in a century",
		"Officials expect more rain on Thursday.",
		"Support independent journalism. Become a member today and get unlimited access.",
		"Subscribe",
		"Follow us on Facebook",
	}, "\n\n")
	r := Text(in, Options{})
	wantBody := []string{
		"Heavy rain flooded towns across Emilia-Romagna on Tuesday, forcing 5,000 people from their homes.",
		"The regional governor said 14 rivers had burst their banks.",
		"Officials expect more rain on Thursday.",
	}
	if !slices.Equal(r.Paragraphs, wantBody) {
		t.Errorf("Paragraphs = %q, want %q", r.Paragraphs, wantBody)
	}
	if r.Title != "Floods force thousands from homes in northern Italy" {
		t.Errorf("Title = %q", r.Title)
	}
	if got := r.Published.Format("2006-01-02"); got != "2021-05-03" {
		t.Errorf("Published = %s, want 2021-05-03 (not the caption's date)", got)
	}
	if len(r.Outlets) == 0 || r.Outlets[0] != (Mention{"AP", "dateline"}) {
		t.Errorf("Outlets = %v, want AP from the dateline first", r.Outlets)
	}
	if !slices.Equal(r.Authors, []string{"Anna Bianchi"}) {
		t.Errorf("Authors = %q", r.Authors)
	}
	if r.Dateline != "FAENZA" {
		t.Errorf("Dateline = %q, want FAENZA", r.Dateline)
	}
	if len(r.Captions) != 1 || !strings.HasPrefix(r.Captions[0], "Rescue workers") {
		t.Errorf("Captions = %q", r.Captions)
	}
	kinds := map[news.RemovalKind]int{}
	for _, x := range r.Removed {
		kinds[x.Kind]++
	}
	for k, n := range map[news.RemovalKind]int{news.RemovedMetadata: 3, news.RemovedHeader: 1, news.RemovedCaption: 1, news.RemovedCredit: 1, news.RemovedRelated: 1, news.RemovedAppeal: 2, news.RemovedNavigation: 1} {
		if kinds[k] != n {
			t.Errorf("removed %s = %d, want %d (removed: %v)", k, kinds[k], n, r.Removed)
		}
	}
}

// The bundled example: every piece of furniture named in VISION.md is
// removed with a fitting kind, and every body paragraph is kept in order.
func TestExample(t *testing.T) {
	dir := filepath.Join("..", "..", "examples", "niger-2024")
	type want struct {
		title, published string
		outlet           string
		removed          map[string]news.RemovalKind // a piece of removed text → its kind
		firstBody        string
		lastBody         string
		paragraphs       int
		translated       bool
	}
	cases := map[string]want{
		"000_39b2320ab47e5126.txt": {
			title: "Russia Sends Military Trainers and Air-defence System to Niger, Says Niger State TV", outlet: "Reuters",
			removed: map[string]news.RemovalKind{
				"RTN/Handout via REUTERS":           news.RemovedCredit,
				"in this still image obtained from": news.RemovedCaption,
				"NIAMEY (Reuters) –":                news.RemovedMetadata,
			},
			firstBody: "Military instructors and personnel from Russia’s defence ministry arrived",
			lastBody:  "the International Organization of Migration said on Monday.", paragraphs: 12,
		},
		"001_5336212670dde1c1.txt": {
			title: "Russian military trainers and air defence system arrive in Niger", published: "2024-04-12", outlet: "TRT World",
			removed: map[string]news.RemovalKind{
				"date 2024-04-12 WORLD":                              news.RemovedMetadata,
				"(FILE PHOTO: AFP) / AFP":                            news.RemovedCredit,
				"Ties between Niger and Russia":                      news.RemovedCaption,
				"April 12, 2024":                                     news.RemovedMetadata,
				"SOURCE:TRTWorld and agencies":                       news.RemovedFooter,
				"The new Niger government has made a complete pivot": news.RemovedHeader,
			},
			firstBody: "Equipped with an air defence system", lastBody: "Washington has curbed assistance to the government.", paragraphs: 12,
		},
		"002_90da4d6f662283ee.txt": {
			removed:   map[string]news.RemovalKind{"R": news.RemovedOther},
			firstBody: "Russia has sent an air defense system and 100 military trainers", lastBody: "ever closer common foreign and security policy.", paragraphs: 6,
		},
		"003_0eea9b79ea90de4d.txt": {
			title: "Russian instructors and military equipment arrived in Niamey", published: "2024-04-12",
			removed:   map[string]news.RemovalKind{"date 2024-04-12 April 12, 2024": news.RemovedMetadata},
			firstBody: "Russian instructors arrived in Niger on Wednesday April 10", lastBody: "Agreements on strengthening military cooperation were then signed.", paragraphs: 10,
			translated: true,
		},
		"004_dc24a2c5f03b1ac8.txt": {
			title: "Niger Receives New Russian Advisers, Equipment", outlet: "The Moscow Times",
			removed: map[string]news.RemovalKind{
				"Support The Moscow Times!":         news.RemovedAppeal,
				"EPA/ISSIFOU DJIBO/TASS":            news.RemovedCredit,
				"Protesters display Russian":        news.RemovedCaption,
				"we have a small favor to ask":      news.RemovedAppeal,
				"We, the journalists of The Moscow": news.RemovedAppeal,
				"please support us monthly":         news.RemovedAppeal,
				"paiment methods":                   news.RemovedAppeal,
				"Not ready to support today?":       news.RemovedAppeal,
				"Remind me later.":                  news.RemovedAppeal,
				"Read more":                         news.RemovedFooter,
			},
			firstBody: "New Russian military advisers and military equipment have arrived in Niger", lastBody: "installation of Russian listening devices in official buildings.", paragraphs: 12,
		},
	}
	for name, w := range cases {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		r := Text(string(raw), Options{})
		if r.Title != w.title {
			t.Errorf("%s: Title = %q, want %q", name, r.Title, w.title)
		}
		pub := ""
		if !r.Published.IsZero() {
			pub = r.Published.Format("2006-01-02")
		}
		if pub != w.published {
			t.Errorf("%s: Published = %q, want %q", name, pub, w.published)
		}
		outlet := ""
		if len(r.Outlets) > 0 {
			outlet = r.Outlets[0].Name
		}
		if outlet != w.outlet {
			t.Errorf("%s: outlet = %q, want %q", name, outlet, w.outlet)
		}
		text := news.JoinParagraphs(r.Paragraphs)
		for piece, kind := range w.removed {
			found := false
			for _, x := range r.Removed {
				if strings.Contains(x.Text, piece) {
					found = true
					if x.Kind != kind {
						t.Errorf("%s: %q removed as %s, want %s", name, piece, x.Kind, kind)
					}
				}
			}
			if !found {
				t.Errorf("%s: %q not in removed", name, piece)
			}
			if len(piece) > 3 && strings.Contains(text, piece) {
				t.Errorf("%s: %q still in the text", name, piece)
			}
		}
		if len(r.Paragraphs) != w.paragraphs {
			t.Errorf("%s: %d paragraphs, want %d", name, len(r.Paragraphs), w.paragraphs)
		} else {
			if !strings.HasPrefix(r.Paragraphs[0], w.firstBody) {
				t.Errorf("%s: first paragraph = %.80q, want prefix %q", name, r.Paragraphs[0], w.firstBody)
			}
			if last := r.Paragraphs[len(r.Paragraphs)-1]; !strings.HasSuffix(last, w.lastBody) {
				t.Errorf("%s: last paragraph = …%q, want suffix %q", name, last[max(0, len(last)-80):], w.lastBody)
			}
		}
		if got := r.TranslationSigns != nil; got != w.translated {
			t.Errorf("%s: machine translated = %v (%q), want %v", name, got, r.TranslationSigns, w.translated)
		}
		checkAccounting(t, string(raw), r)
	}
}

// checkAccounting asserts the invariant of cleaning: it only removes, so
// the letters and digits of the input are exactly those of the cleaned
// paragraphs plus the removed pieces.
func checkAccounting(t *testing.T, in string, r Result) {
	t.Helper()
	out := strings.Join(r.Paragraphs, " ")
	for _, x := range r.Removed {
		out += " " + x.Text
	}
	if a, b := alnum(in), alnum(out); a != b {
		t.Errorf("cleaning changed the words: %d letters and digits in, %d out", a, b)
	}
	for _, p := range r.Paragraphs {
		if p == "" || strings.Contains(p, "\n") || p != strings.TrimSpace(p) {
			t.Errorf("bad paragraph %q", p)
		}
	}
}

func alnum(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func FuzzText(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "niger-2024", "*.txt"))
	for _, name := range files {
		b, _ := os.ReadFile(name)
		f.Add(string(b))
	}
	f.Add("RRussia\n\nSupport Us!\n\nA/B via C\n\nApril 1, 2024")
	f.Fuzz(func(t *testing.T, in string) {
		r := Text(in, Options{})
		checkAccounting(t, in, r)
	})
}

func BenchmarkText(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "niger-2024", "*.txt"))
	var texts []string
	size := 0
	for _, name := range files {
		raw, _ := os.ReadFile(name)
		texts = append(texts, string(raw))
		size += len(raw)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, s := range texts {
			Text(s, Options{})
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "articles/s")
}

// A headline is one clause: a full stop inside it is an abbreviation's.
func TestLooksLikeHeadline(t *testing.T) {
	for s, want := range map[string]bool{
		"1 dead, 2 hurt in Mich. office shooting; police say suspect had worked there": true,
		"U.S. troops leave Niger":                                  true,
		"Dr. Gupta offered surgeon general post":                   true,
		"Troops left. Talks resumed on Monday":                     false,
		"The army said it had withdrawn from the town on Tuesday.": false,
	} {
		if got := looksLikeHeadline(s, countWords(s)); got != want {
			t.Errorf("looksLikeHeadline(%q) = %v, want %v", s, got, want)
		}
	}
}
