package quote

import "strings"

// The word lists below are small closed classes of English (auxiliaries,
// determiners, prepositions, conjunctions) and the reporting verbs of news
// prose, written by hand for this package from general knowledge of the
// language; no list comes from, or names anything in, a particular article.

// Word classes, as bit flags on a lower-cased word.
const (
	fCue        uint32 = 1 << iota // a verb of saying: "said", "announced"
	fAux                           // auxiliary or modal: "was", "has", "will"
	fAdv                           // adverb that may sit between subject and verb: "also", "later"
	fDet                           // determiner or possessive: "the", "a", "its"
	fPrepNP                        // preposition that may sit inside a noun phrase: "of", "in"
	fPrep                          // other prepositions, which end a noun phrase
	fStop                          // conjunctions, subordinators and other phrase breakers
	fRel                           // relative words: "who", "which"
	fPron                          // subject pronouns: "he", "it"
	fVerb                          // common verb forms that are not regular -ed participles
	fTime                          // time words: "Monday", "yesterday", "morning"
	fAdjunct                       // nouns of the manner of saying: "statement", "interview"
	fListener                      // who a thing is said to: "reporters", "camera"
	fPerson                        // nouns for people: "man", "minister", "instructor"
	fOrg                           // words that make a name an organisation: "ministry", "television"
	fLang                          // language names: "French"
	fSmall                         // small words left lower-case inside a title: "of", "the"
	fFirst                         // first and second person: "I", "we", "you"
	fTransitive                    // verbs of saying whose object is the listener: "told X"
)

// lexicon maps a lower-cased word to its classes. It is built once when
// the package loads and only read afterwards.
var lexicon = buildLexicon()

func buildLexicon() map[string]uint32 {
	lexicon := map[string]uint32{}
	add := func(flag uint32, words string) {
		for _, w := range strings.Fields(words) {
			lexicon[w] |= flag
		}
	}
	// Verbs of saying. Present forms that are also common nouns or name
	// parts ("states", "notes", "reports", "claims", "posts") are left out:
	// "member states" and "bank notes" would otherwise speak.
	add(fCue, `said says say told tells added adds announced announces stated declared declares
		wrote writes posted tweeted tweets insisted insists warned warns noted explained explains
		continued continues asked asks replied replies responded responds claimed argued argues
		stressed stresses reported affirmed affirms confirmed confirms admitted admits acknowledged
		acknowledges recalled recalls remarked commented urged urges vowed vows promised pledged
		predicted concluded indicated observed suggested suggests shouted assured assures
		emphasized emphasised emphasizes emphasises underlined underscored cautioned contended
		countered conceded boasted complained complains lamented joked quipped recounted testified
		disclosed revealed alleged proclaimed exclaimed whispered yelled screamed pleaded demanded
		elaborated clarified specified maintained reiterated reiterates echoed blogged texted reads
		wondered mused snapped retorted`)

	add(fTransitive, `told tells tell urged urges asked asks assured assures warned warns promised
		reminded reminds`)
	add(fAux, `is are was were be been being am has have had having do does did will would can could
		shall should may might must 's 've 'd`)
	for _, w := range strings.Fields(`isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't
		didn't won't wouldn't can't couldn't shouldn't mustn't`) {
		add(fAux, w+" "+strings.ReplaceAll(w, "'", "’"))
	}
	add(fAdv, `also later then previously earlier reportedly again further recently once first
		separately repeatedly subsequently just only still already now too even allegedly
		apparently officially publicly similarly meanwhile however moreover instead finally
		initially originally yesterday`)
	add(fDet, `the a an this these those its his her their our my your some several many all both
		each every another other any no one two three four five six seven eight nine ten
		dozens hundreds thousands few most such`)
	add(fPrepNP, `of in from with for at near inside`)
	add(fPrep, `on over under after before during about against between into through toward towards
		upon via by like per among across around behind beyond despite without within onto
		amid amidst throughout until till since than off out up down`)
	add(fStop, `and or nor but so yet because while although though if unless as whether whereas
		not to there here how what why also then`)
	add(fRel, `who whom whose which that where when`)
	add(fPron, `he she it they we i you`)
	add(fFirst, `i we you me us my our your`)
	add(fVerb, `took made came went gave sent met held left won lost got began became spoke broke saw
		found kept brought thought knew ran put set led fought flew fell rose told wants want says
		seems seemed appears appeared took taken given gone done seen known shown spoken written
		takes makes comes goes gives sends meets holds leaves wins gets begins becomes speaks
		sees finds keeps brings thinks knows runs leads arrives arrived called calls showed shows`)
	add(fTime, `monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
		tomorrow morning afternoon evening night week weekend month year time moment hour hours
		day days weeks months years january february march april june july august september
		october november december jan feb mar apr jun jul aug sep sept oct nov dec late early
		earlier last next midnight noon dawn`)
	add(fAdjunct, `statement statements interview interviews speech speeches post posting posts tweet
		tweets message messages video videos broadcast broadcasts letter letters email e-mail
		release briefing conference address report comments remarks testimony camera cameras
		writing response reply blog podcast column editorial communique communiqué op-ed
		telephone phone call televised radio television tv note notes decree declaration`)
	add(fListener, `reporters journalists camera cameras press media crowd audience viewers listeners
		parliament lawmakers supporters`)
	add(fLang, `english french arabic russian german spanish portuguese italian chinese mandarin
		hausa swahili turkish persian farsi urdu hindi hebrew japanese korean dutch polish
		ukrainian greek amharic wolof bambara`)
	add(fSmall, `of the and for in on a an de la le du des to at by with von van der den al el`)
	add(fPerson, `man woman men women boy girl boys girls person people official officials spokesman
		spokeswoman spokesperson spokesmen minister ministers president leader leaders instructor
		instructors trainer trainers soldier soldiers commander commanders general officer
		officers chief chiefs director secretary ambassador witness witnesses resident residents
		doctor doctors expert experts analyst analysts lawyer lawyers attorney judge senator
		governor mayor chairman chairwoman ceo founder manager coach player players actor actress
		singer star author writer journalist reporter correspondent negotiator envoy diplomat
		diplomats premier king queen prince princess pope priest father mother son daughter wife
		husband brother sister friend friends neighbor neighbour neighbours neighbors victim
		victims survivor survivors suspect teacher student students worker workers farmer captain
		colonel sergeant lieutenant prosecutor prosecutors detective inspector sheriff deputy aide
		aides adviser advisers advisor advisors source sources member members citizen citizens
		villager villagers activist activists protester protesters fan fans owner representative
		lawmaker lawmakers legislator candidate voter voters agent guard pilot driver passenger
		nurse surgeon scientist scientists researcher researchers professor economist historian
		producer executive investor banker mercenary mercenaries fighter fighters rebel rebels
		militant militants official spokesmen investigator investigators eyewitness eyewitnesses
		relative relatives chancellor dictator monarch cleric imam bishop rabbi`)
	add(fOrg, `ministry department agency television tv radio corps group council party company
		corporation inc ltd news times post press army navy force forces government office
		commission committee union association organization organisation bank fund university
		institute police court parliament congress senate assembly federation republic kingdom
		states nations network broadcasting broadcaster service authority board bureau church
		club team embassy junta regime administration cabinet kremlin pentagon military
		command coalition alliance movement front brigade battalion regiment ministry's
		newspaper magazine channel station agency's website`)
	return lexicon
}

func flags(w string) uint32 { return lexicon[w] }

// titleAbbrevs end in a period that belongs to the word ("Mr.", "Lt.").
var titleAbbrevs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`mr mrs ms dr lt gen col sgt capt gov sen rep st jr sr prof maj
		cpl adm cmdr rev mt ft inc co corp ltd vs pres sec dept amb`) {
		m[w] = true
	}
	return m
}()
