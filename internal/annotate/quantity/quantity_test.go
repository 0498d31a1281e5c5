package quantity

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/news"
)

// show renders a quantity compactly for table tests:
// text|value|low|high|unit|noun|qualifier, "-" for a nil number and a
// leading "?" for an unspecified quantity.
func show(q news.Quantity) string {
	f := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatFloat(*p, 'g', -1, 64)
	}
	u := ""
	if q.Unspecified {
		u = "?"
	}
	return fmt.Sprintf("%s%s|%s|%s|%s|%s|%s|%s", u, q.Text, f(q.Value), f(q.Low), f(q.High), q.Unit, q.Noun, q.Qualifier)
}

func showAll(qs []news.Quantity) []string {
	out := []string{}
	for _, q := range qs {
		out = append(out, show(q))
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		// counts and their nouns
		{"Russia has sent 100 military trainers to Niger.", []string{"100 military trainers|100|100|100||military trainers|"}},
		{"The accord governed roughly 1,000 U.S. military personnel there.", []string{"roughly 1,000 U.S. military personnel|1000|900|1100||U.S. military personnel|roughly"}},
		{"A first set of about 100 Russian advisers had arrived.", []string{"about 100 Russian advisers|100|90|110||Russian advisers|about"}},
		{"Russia has now sent three cargo planes of military material.", []string{"three cargo planes|3|3|3||cargo planes|"}},
		{"Gunmen killed at least 12 people in the attack.", []string{"at least 12 people|12|12|-||people|at least"}},
		{"One instructor was quoted on television.", []string{"One instructor|1|1|1||instructor|"}},
		{"Police arrested 100 armed men and 3 million displaced people fled.", []string{"100 armed men|100|100|100||armed men|", "3 million displaced people|3e+06|3e+06|3e+06||displaced people|"}},
		{"Twelve dead and 40 injured were reported.", []string{"Twelve dead|12|12|12||dead|", "40 injured|40|40|40||injured|"}},
		{"Soldiers seized seven AK-47 assault rifles and two other rifles.", []string{"seven AK-47 assault rifles|7|7|7||AK-47 assault rifles|", "two other rifles|2|2|2||other rifles|"}},
		{"Two of the instructors spoke.", []string{"Two of the instructors|2|2|2||instructors|"}},
		{"It sent twenty-five engineers and one hundred and fifty guards.", []string{"twenty-five engineers|25|25|25||engineers|", "one hundred and fifty guards|150|150|150||guards|"}},
		{"A hundred people and a million refugees, half a dozen ships.", []string{"A hundred people|100|100|100||people|", "a million refugees|1e+06|1e+06|1e+06||refugees|", "half a dozen ships|6|6|6||ships|"}},
		// qualifiers
		{"The army has some 1,000 troops there.", []string{"some 1,000 troops|1000|900|1100||troops|some"}},
		{"It questions the presence of just 1,000 American troops.", []string{"just 1,000 American troops|1000|1000|1000||American troops|just"}},
		{"Reports cite over 8,000 people killed.", []string{"over 8,000 people|8000|8000|-||people|over"}},
		{"As of March, over 3 million people were displaced.", []string{"over 3 million people|3e+06|3e+06|-||people|over"}},
		{"Nearly 500 homes burned.", []string{"Nearly 500 homes|500|450|500||homes|nearly"}},
		{"Fewer than 20 students came, up to 5,000 people left.", []string{"Fewer than 20 students|20|-|20||students|fewer than", "up to 5,000 people|5000|-|5000||people|up to"}},
		{"An estimated 2,000 people and 100 or more cars.", []string{"An estimated 2,000 people|2000|1800|2200||people|an estimated", "100 or more cars|100|100|-||cars|or more"}},
		{"About a dozen ships sailed.", []string{"About a dozen ships|12|10.8|13.2||ships|about"}},
		// vague amounts
		{"Dozens of protesters gathered.", []string{"Dozens of protesters|-|24|132||protesters|dozens of"}},
		{"Hundreds of people and tens of thousands of workers marched.", []string{"Hundreds of people|-|200|999||people|hundreds of", "tens of thousands of workers|-|20000|99000||workers|tens of thousands of"}},
		{"Several hundred migrants waited a few days.", []string{"Several hundred migrants|-|300|900||migrants|several hundred", "a few days|-|2|5|days||a few"}},
		{"It cost millions of dollars.", []string{"millions of dollars|-|2e+06|9.999999e+06|USD||millions of"}},
		// additional amounts
		{"The first 100 Russian military personnel landed in January, with 200 more to follow.", []string{"100 Russian military personnel|100|100|100||Russian military personnel|", "200 more|200|200|200|||more"}},
		{"Another 200 troops arrived.", []string{"Another 200 troops|200|200|200||troops|another"}},
		// money
		{"The base was built at a cost of more than $100 million.", []string{"more than $100 million|1e+08|1e+08|-|USD||more than"}},
		{"It was built at a cost of about $100 million.", []string{"about $100 million|1e+08|9e+07|1.1e+08|USD||about"}},
		{"The bank lost €2.5bn, £300m and US$5 million.", []string{"€2.5bn|2.5e+09|2.5e+09|2.5e+09|EUR||", "£300m|3e+08|3e+08|3e+08|GBP||", "US$5 million|5e+06|5e+06|5e+06|USD||"}},
		{"They paid 100 million dollars, 500 million yuan and Rs 5 crore.", []string{"100 million dollars|1e+08|1e+08|1e+08|USD||", "500 million yuan|5e+08|5e+08|5e+08|CNY||", "Rs 5 crore|5e+07|5e+07|5e+07|INR||"}},
		{"He signed a $200 million offer and 5 billion CFA francs.", []string{"$200 million offer|2e+08|2e+08|2e+08|USD|offer|", "5 billion CFA francs|5e+09|5e+09|5e+09|XOF||"}},
		// percentages
		{"Fatalities rose by 38% compared with the previous year.", []string{"38%|38|38|38|%||"}},
		{"Turnout was 38 percent, and 12 per cent of voters abstained.", []string{"38 percent|38|38|38|%||", "12 per cent of voters|12|12|12|%|voters|"}},
		{"Less than 10% of the budget.", []string{"Less than 10% of the budget|10|-|10|%|budget|less than"}},
		// ranges
		{"Between 200 and 300 soldiers, 200-300 people, 200 to 300 cars.", []string{"Between 200 and 300 soldiers|-|200|300||soldiers|", "200-300 people|-|200|300||people|", "200 to 300 cars|-|200|300||cars|"}},
		{"It lasts two or three days and costs $5-6 million.", []string{"two or three days|-|2|3|days||", "$5-6 million|-|5e+06|6e+06|USD||"}},
		// measures and ages
		{"A 6.1-magnitude earthquake struck the region.", []string{"6.1-magnitude earthquake|6.1|6.1|6.1|magnitude|earthquake|"}},
		{"A magnitude 5.2 quake, 58km (36 miles) away.", []string{"magnitude 5.2 quake|5.2|5.2|5.2|magnitude|quake|", "58km|58|58|58|km||", "36 miles|36|36|36|miles||"}},
		{"They shipped 10 tonnes of food over 300 square kilometres.", []string{"10 tonnes of food|10|10|10|tonnes|food|", "over 300 square kilometres|300|300|-|km²||over"}},
		{"A 33-year-old man began a 90-day stint.", []string{"33-year-old man|33|33|33|years|man|age", "90-day stint|90|90|90|days|stint|"}},
		{"Reid, 33, was charged; she was aged 40.", []string{"33|33|33|33|years||age", "aged 40|40|40|40|years||age"}},
		{"Arcade Joseph Comeaux Jr., 49, escaped.", []string{"49|49|49|49|years||age"}},
		{"Temperatures fell to minus 20 degrees Celsius.", []string{"minus 20 degrees Celsius|-20|-20|-20|°C||"}},
		{"A 12-member team and a 100-strong force.", []string{"12-member|12|12|12||member|", "100-strong force|100|100|100||force|"}},
		// not quantities
		{"In 2023 the junta, since 2020 in power after a 2023 coup, met in 2021.", nil},
		{"They spoke on March 26 and July 26; it landed April 10, 2024, or 26 March 2024.", nil},
		{" date 2024-04-12 WORLD", nil},
		{"The call was at 10 a.m., the raid at 7:35 and the strike at 2045 GMT.", nil},
		{"State TV showed an Ilyushin 76 plane, the Ilyochin-76, F-16 and Su-25 jets.", nil},
		{"He flew a Boeing 737 jet. Injured 12 times, he retired.", []string{"12 times|12|12|12||times|"}},
		{"COVID-19 spread; see page 20, No. 1 and flight 370.", nil},
		{"Call 555-1234 or +44 20 7946 0958 or 0845 125 2222.", nil},
		{"They won in the 1990s with version 2.7.1 on 24/7 duty.", nil},
		// magnitudes and ages at death
		{"A quake measuring 5.9 on the Richter scale, then one with a magnitude of 4.7.", []string{"5.9|5.9|5.9|5.9|magnitude||", "magnitude of 4.7|4.7|4.7|4.7|magnitude||"}},
		{"Esther Williams dies at 91; he died at 10 p.m. on Sunday.", []string{"91|91|91|91|years||age"}},
		// scores and vote tallies
		{"They won a 31-24 victory; the Senate passed it 97-1.", []string{"31-24 victory|31|31|31|tally|victory|", "97-1|97|97|97|tally||"}},
		{"One of the instructors said he was the 36th.", nil},
		{"Between 1991 and 1998 he lived at 10 Downing Street and called 911.", nil},
		{"The Sixers (9-14) lost.", nil},
		// unspecified amounts
		{"Russian military instructors, whose number is not specified, arrived.", []string{"?Russian military instructors, whose number is not specified|-|-|-||Russian military instructors|unspecified"}},
		{"Gunmen killed an unknown number of villagers.", []string{"?an unknown number of villagers|-|-|-||villagers|unspecified"}},
		{"The number of casualties was not disclosed.", []string{"?The number of casualties was not disclosed|-|-|-||casualties|unspecified"}},
		{"Officials did not say how many troops were deployed.", []string{"?not say how many troops|-|-|-||troops|unspecified"}},
		{"It was not immediately clear how many people were hurt.", []string{"?not immediately clear how many people|-|-|-||people|unspecified"}},
		{"The army declined to give the number of soldiers killed.", []string{"?declined to give the number of soldiers|-|-|-||soldiers|unspecified"}},
		{"The number of soldiers rose sharply.", nil},
		// ECB+ style: separators split by the corpus' tokenizer
		{"More than 6, 000 fans came around €60, 000 worth.", []string{"More than 6, 000 fans|6000|6000|-||fans|more than", "around €60, 000|60000|54000|66000|EUR||around"}},
		{"He got a three-year, $37. 5 million contract.", []string{"three-year|3|3|3|years||", "$37. 5 million contract|3.75e+07|3.75e+07|3.75e+07|USD|contract|"}},
		{"At least 70 people have died, police said at about 2045 GMT.", []string{"At least 70 people|70|70|-||people|at least"}},
		{"The Colts (10-5, 4-4 away) won at 1: 30 a. m.", nil},
	}
	for _, tt := range tests {
		got := showAll(Find(tt.in, nil))
		want := tt.want
		if want == nil {
			want = []string{}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("Find(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

func TestFindSentences(t *testing.T) {
	text := "In 2023 nothing.\n\nThen 5 ships came. Later 7 more."
	sents := []news.Sentence{
		{Index: 0, Start: 0, End: 16},
		{Index: 1, Paragraph: 1, Start: 18, End: 37},
		{Index: 2, Paragraph: 1, Start: 38, End: 50},
	}
	got := Find(text, sents)
	want := []struct {
		text string
		sent int
	}{{"5 ships", 1}, {"7 more", 2}}
	if len(got) != len(want) {
		t.Fatalf("Find(%q) = %q, want %d quantities", text, showAll(got), len(want))
	}
	for i, w := range want {
		if got[i].Text != w.text || got[i].Sentence != w.sent {
			t.Errorf("Find(%q)[%d] = %q in sentence %d, want %q in %d", text, i, got[i].Text, got[i].Sentence, w.text, w.sent)
		}
	}
	// Out-of-range sentences are clamped, never a panic.
	if got := Find("5 ships", []news.Sentence{{Start: -3, End: 99}}); len(got) != 1 || got[0].Text != "5 ships" {
		t.Errorf("Find with a wide sentence = %q, want [5 ships]", showAll(got))
	}
	if got := Find("", nil); got != nil {
		t.Errorf("Find(\"\") = %q, want nil", showAll(got))
	}
}

func TestExclusive(t *testing.T) {
	tests := []struct {
		in        string
		low, high bool
	}{
		{"more than", true, false},
		{"over", true, false},
		{"at least", false, false},
		{"under", false, true},
		{"up to", false, false},
		{"about", false, false},
		{"fewer than hundreds of", false, true},
		{"plus", true, false},
		{"", false, false},
	}
	for _, tt := range tests {
		low, high := Exclusive(tt.in)
		if low != tt.low || high != tt.high {
			t.Errorf("Exclusive(%q) = %v, %v, want %v, %v", tt.in, low, high, tt.low, tt.high)
		}
	}
}

// checkInvariants reports what is wrong with qs as the quantities of text.
func checkInvariants(text string, sents []news.Sentence, qs []news.Quantity) error {
	prevEnd := 0
	for i, q := range qs {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
			return fmt.Errorf("quantity %d: bad span [%d, %d) in %d bytes", i, q.Start, q.End, len(text))
		}
		if text[q.Start:q.End] != q.Text {
			return fmt.Errorf("quantity %d: Text %q, span holds %q", i, q.Text, text[q.Start:q.End])
		}
		if q.Start < prevEnd {
			return fmt.Errorf("quantity %d (%q) overlaps or precedes the one before", i, q.Text)
		}
		prevEnd = q.End
		if sents != nil {
			ok := false
			for _, s := range sents {
				if s.Index == q.Sentence && s.Start <= q.Start && q.End <= s.End {
					ok = true
				}
			}
			if !ok {
				return fmt.Errorf("quantity %d (%q) is not inside its sentence %d", i, q.Text, q.Sentence)
			}
		}
		for _, p := range []*float64{q.Value, q.Low, q.High} {
			if p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0)) {
				return fmt.Errorf("quantity %d (%q): non-finite number", i, q.Text)
			}
		}
		if q.Unspecified && (q.Value != nil || q.Low != nil || q.High != nil) {
			return fmt.Errorf("quantity %d (%q): unspecified with a number", i, q.Text)
		}
		if q.Value != nil && q.Low != nil && *q.Low > *q.Value || q.Value != nil && q.High != nil && *q.Value > *q.High {
			return fmt.Errorf("quantity %d (%q): value outside [low, high]", i, show(q))
		}
		if q.Low != nil && q.High != nil && *q.Low > *q.High {
			return fmt.Errorf("quantity %d (%q): low above high", i, show(q))
		}
		if !q.Unspecified && q.Value == nil && q.Low == nil && q.High == nil {
			return fmt.Errorf("quantity %d (%q): no number and not unspecified", i, q.Text)
		}
	}
	return nil
}

// lineSentences splits text at line breaks, a stand-in for the segmenter
// that needs no model.
func lineSentences(text string) []news.Sentence {
	var out []news.Sentence
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if i > start {
				out = append(out, news.Sentence{Index: len(out), Start: start, End: i})
			}
			start = i + 1
		}
	}
	return out
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Russia sent 100 military trainers and about $100 million.",
		"Between 200 and 300 soldiers, 200-300 people\n38% of 3 million people.",
		"Russian military instructors, whose number is not specified, arrived.",
		"It was not immediately clear how many people were hurt.",
		"More than 6, 000 fans paid $37. 5 million at 1: 30 a. m. on March 26, 2024.",
		"a 6.1-magnitude quake; €2.5bn; minus 20 degrees; twenty-five; half a dozen",
		"2024-04-12 555-1234 +44 20 F-16 COVID-19 24/7 1.2.3 .308 10-5",
		"99999999999999999999999999999999999999 trillion trillion dollars",
		"tens of thousands of hundreds of millions several dozen a few hundred",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, sents := range [][]news.Sentence{nil, lineSentences(text)} {
			qs := Find(text, sents)
			if err := checkInvariants(text, sents, qs); err != nil {
				t.Fatalf("Find(%q): %v", text, err)
			}
		}
	})
}

// A tally keeps its second number.
func TestTallyAgainst(t *testing.T) {
	qs := Find("The Senate passed the bill 97-1 and the Colts won 31-24.", nil)
	if len(qs) != 2 || qs[0].Against == nil || *qs[0].Against != 1 || qs[1].Against == nil || *qs[1].Against != 24 {
		t.Fatalf("tallies = %+v", qs)
	}
}
