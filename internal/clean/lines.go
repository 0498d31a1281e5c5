package clean

import (
	"strings"
	"unicode"

	"github.com/triangulate/triangulate/internal/lazyre"
)

// classifyLines gives each block the role it has on its own, without
// looking at its neighbours: date and metadata lines, bylines, credits,
// appeals, navigation, related links, footers and adverts.
func classifyLines(bs []*block) {
	for _, b := range bs {
		b.role, b.reason = classifyLine(b.text, b.words)
	}
}

var (
	bylineRE = lazyre.New(`^(?i:by)\s+([\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3}(?:\s*(?:,|and|&)\s*[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3})*)\s*$`)

	relatedRE  = lazyre.New(`(?i)^(?:read more|read also|also read|see also|related(?: articles?| stories| coverage| content| news)?|more on (?:this|that)(?: story)?|recommended(?: for you)?|you may also like|you might also like|further reading|more from [\w ]+)\s*[:|»>\-–—]|^(?:you may also like|you might also like)\b`)
	readMoreRE = lazyre.New(`(?i)^(?:read more|continue reading|read the full (?:story|article)|more stories|load more)\W*$`)
	navRE      = lazyre.New(`(?i)^(?:follow us|follow (?:@|[\w ]+ on (?:twitter|x|facebook|instagram|telegram|whatsapp))|share (?:this|on|via|the)|share$|click here|tap here|listen to (?:this|the) (?:article|story)|skip to|back to top|download (?:our|the) app|tags?\s*:|topics?\s*:|filed under|print this|email this|comments?\s*\(\d+\)|jump to|like this (?:story|article)\W+share it|you must (?:be )?log(?:ged)? in to (?:post a )?comment)\b`)
	advertRE   = lazyre.New(`(?i)^(?:advertisement|advertising|sponsored(?: content)?|ad|promoted(?: content)?|(?:story|article) continues below(?: advertisement)?|continue reading below|scroll to continue(?: with content)?)\W*$`)
	// footerRE is anchored at the start of the line; "all rights
	// reserved" is looked for apart (rightsReserved): in one
	// regexp, its unanchored branch made the matcher try every position of
	// every line, a sixth of the cleaning time of a text article.
	footerRE = lazyre.New(`(?i)^(?:\(?\s*(?:source|sources)\s*:|\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|translated|produced) by\b|©|\(c\)\s|copyright\b|this (?:article|story|report|piece) (?:was|has been|is) (?:originally )?(?:published|updated|produced|adapted|first published))`)
)

func classifyLine(s string, words int) (role, string) {
	if words == 0 {
		return roleNavigation, "no words"
	}
	if words <= 15 {
		if ok, keyed := isDateLine(s); ok {
			if keyed {
				return roleMetadata, "metadata line"
			}
			return roleDateLine, "date line"
		}
		if readMoreRE.MatchString(s) {
			return roleFooter, "read-more link"
		}
		if relatedRE.MatchString(s) {
			return roleRelated, "related link"
		}
		if advertRE.MatchString(s) {
			return roleAdvert, "advert marker"
		}
		if navRE.MatchString(s) {
			return roleNavigation, "navigation"
		}
		if words <= 8 && bylineRE.MatchString(s) {
			return roleByline, "byline"
		}
		if isCredit(s) {
			return roleCredit, "photo credit"
		}
	}
	if words <= 40 && (footerRE.MatchString(s) || rightsReserved(s, words)) {
		return roleFooter, "source or copyright line"
	}
	if words <= 8 && supportRE.MatchString(s) {
		return roleAppeal, "appeal to support the outlet"
	}
	if words > 12 && appealTriggers(s) < 2 {
		return roleBody, "" // a long block needs two cues: the common case stops here
	}
	score, strong := appealScores(s)
	switch {
	case words <= 12 && (score >= 2 || (score >= 1 && appealShape(s))):
		return roleAppeal, "appeal to the reader"
	case words > 12 && score >= 2 && strong >= 1 && addressesReader(s):
		// A long paragraph is an appeal only when the outlet asks for
		// itself (support, donations, membership) and speaks to the
		// reader: commercial words alone ("sign up", "subscription",
		// "per month") are the matter of articles about streaming
		// services and deals, and were removing their body paragraphs.
		return roleAppeal, "appeal to the reader"
	}
	return roleBody, ""
}

// Credits. A photo credit is a short run of names (agencies, photographers)
// joined by "/" or "via", or introduced by "Photo:", "Image:", "©"; apart
// from a few function words every word is capitalised. Running text always
// has lower-case words, which is what keeps this rule precise.

var (
	creditMarkerRE  = lazyre.New(`(?i)/|\bvia\b|^\W*(?:photo|photograph|photos|image|images|picture|credit|credits|illustration|video|courtesy)\b\s*(?::|by\b)|©|\bgetty images\b|\bhandout\b|\bfile (?:photo|picture|image)\b|\b(?:ap|afp|reuters|epa) photo\b`)
	creditFuncWords = map[string]bool{
		"via": true, "and": true, "by": true, "of": true, "for": true, "the": true, "de": true, "du": true, "la": true, "le": true,
		"von": true, "van": true, "der": true, "photo": true, "file": true, "courtesy": true, "handout": true, "images": true,
		"image": true, "pool": true, "staff": true, "photographer": true, "picture": true, "photos": true, "credit": true, "al": true,
	}
)

// isCredit reports whether s is a photo or video credit.
func isCredit(s string) bool {
	if len(s) > 120 || !mayBeCredit(s) || !creditMarkerRE.MatchString(s) {
		return false
	}
	if endsSentenceStrict(s) {
		return false
	}
	n, named := 0, false
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '/' }) {
		tok = strings.Trim(tok, `:;,.()[]{}"'“”‘’«»|-–—©`)
		if tok == "" {
			continue
		}
		n++
		named = named || letterWord(tok)
		r := []rune(tok)[0]
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			continue
		}
		if !creditFuncWords[strings.ToLower(tok)] {
			return false
		}
	}
	// A credit names someone: an agency or a person ("EPA", "Evan
	// Vucci"). Codes alone ("[M1 / MP]", a list of sources a wiki cites
	// after a paragraph) name no one.
	return named && n >= 1 && n <= 10
}

// letterWord reports whether tok is a word of three letters or more.
func letterWord(tok string) bool {
	n := 0
	for _, r := range tok {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 3
}

// creditTriggers are literals without which creditMarkerRE cannot match.
var creditTriggers = []string{"/", "via", "©", "photo", "image", "picture", "credit", "illustration", "video", "courtesy", "getty", "handout", "file"}

func mayBeCredit(s string) bool {
	lower := strings.ToLower(s)
	for _, t := range creditTriggers {
		if strings.Contains(lower, t) {
			return true
		}
	}
	return false
}

// endsSentenceStrict: a credit never ends with a full stop after a
// lower-case word; it may end with an initial or an abbreviation.
func endsSentenceStrict(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ".") {
		return false
	}
	f := strings.Fields(s)
	last := strings.TrimSuffix(f[len(f)-1], ".")
	return len(last) > 2 && strings.ToLower(last) == last
}

// Appeals. An appeal asks the reader for money, a subscription, a sign-up:
// it is recognised by its cue phrases, counted once each. Two cues make an
// appeal anywhere; in the tail of an article after an appeal, one does.
// Each cue has literal triggers checked first on the lower-cased text, so
// that the regular expression runs only where it can match (Go's regexp
// costs microseconds a call; paragraphs are many).
//
// A strong cue is the outlet asking for itself (support us, donate, become
// a member); the others are commercial words that articles about products
// and services use as much as appeals do.
var appealCues = []struct {
	triggers []string
	re       *lazyre.Regexp
	strong   bool
}{
	{[]string{"support"}, lazyre.New(`\bsupport (?:us|our|independent|quality|journalism|today|now)\b|\bsupport(?:ing)? (?:open|independent|free)\b`), true},
	{[]string{"donat"}, lazyre.New(`\bdonat(?:e|ion|ions|ing)\b`), true},
	{[]string{"subscri"}, lazyre.New(`\bsubscri(?:be|ption|ptions|ber|bers)\b`), false},
	{[]string{"to ask"}, lazyre.New(`\bfavou?r to ask\b`), true},
	{[]string{"your"}, lazyre.New(`\bwe need your (?:help|support)\b|\byour (?:support|help|contribution|donation|generosity)\b`), true},
	{[]string{"independent"}, lazyre.New(`\bindependent (?:journalism|news|media|reporting|voice)\b`), true},
	{[]string{"become a", "join"}, lazyre.New(`\bbecome a (?:member|supporter|subscriber|patron|friend)\b|\bjoin (?:us|our (?:community|members|readers))\b`), true},
	{[]string{"sign", "newsletter", "inbox"}, lazyre.New(`\bsign(?:ing)? up\b|\bnewsletters?\b|\binbox\b`), false},
	{[]string{"month", "one-off", "oneoff"}, lazyre.New(`\bmonthly\b|\bper month\b|\ba month\b|\bone-?off\b`), false},
	{[]string{"contribut", "chip in"}, lazyre.New(`\bcontribut(?:e|ion|ions)\b|\bchip in\b`), false},
	{[]string{"remind me", "not ready", "maybe later"}, lazyre.New(`\bremind me\b|\bnot ready to\b|\bmaybe later\b`), true},
	{[]string{"wall", "trial", "unlimited", "premium", "unlock"}, lazyre.New(`\bpay ?wall\b|\bfree trial\b|\bunlimited access\b|\bpremium\b|\bunlock\b`), false},
	{[]string{"thank"}, lazyre.New(`\bthank you\b|\bthanks for reading\b`), false},
	{[]string{"payment", "paypal", "credit card"}, lazyre.New(`\bpayment methods?\b|\bpaypal\b|\bcredit card\b`), false},
}

// readerRE finds the outlet or the reader addressed: an appeal speaks as
// "we" to "you".
var readerRE = lazyre.New(`(?i)\b(?:we|us|our|you|your)\b`)

func addressesReader(s string) bool { return readerRE.MatchString(s) }

// appealTriggers counts the cues whose literal triggers occur in s: an
// upper bound of appealScore at the cost of a few substring searches.
// rightsReserved reports a copyright notice that does not open with its
// mark: "all rights reserved" in a short line, or closing a longer one
// ("Example Media 2024, all rights reserved."), not in running text
// ("the court ruled that all rights reserved to the states remain").
func rightsReserved(s string, words int) bool {
	const phrase = "all rights reserved"
	if words <= 12 {
		return containsFold(s, phrase)
	}
	t := strings.TrimRight(s, " .!)]\"'")
	return len(t) >= len(phrase) && strings.EqualFold(t[len(t)-len(phrase):], phrase)
}

// containsFold reports whether s contains the lower-case ASCII needle,
// ignoring ASCII case, without lowering s.
func containsFold(s, needle string) bool {
	for i := 0; i+len(needle) <= len(s); i++ {
		if c := s[i] | 0x20; c == needle[0] && strings.EqualFold(s[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

func appealTriggers(s string) int {
	lower := strings.ToLower(s)
	n := 0
	for _, c := range appealCues {
		for _, t := range c.triggers {
			if strings.Contains(lower, t) {
				n++
				break
			}
		}
	}
	return n
}

func appealScore(s string) int {
	n, _ := appealScores(s)
	return n
}

// appealScores counts the appeal cues of s, and the strong ones among them.
func appealScores(s string) (n, strong int) {
	lower := strings.ToLower(s)
	for _, c := range appealCues {
		for _, t := range c.triggers {
			if strings.Contains(lower, t) {
				if c.re.MatchString(lower) {
					n++
					if c.strong {
						strong++
					}
				}
				break
			}
		}
	}
	return n, strong
}

var appealShapeRE = lazyre.New(`(?i)^(?:support|donate|subscribe|sign up|join|become|give|contribute|help)\b|[!?]$`)

// appealShape: an imperative or a question or exclamation, as short appeals
// are written ("Support us!", "Not ready to subscribe?").
func appealShape(s string) bool { return appealShapeRE.MatchString(s) }
