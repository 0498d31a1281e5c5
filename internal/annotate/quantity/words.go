package quantity

// Word lists of English, compiled for this package: the closed classes
// (determiners, prepositions, pronouns, auxiliaries) are complete enough
// for news prose; the verb list holds the irregular past forms and the
// reporting verbs that follow a counted noun.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stopWords end a noun phrase: function words, adverbs of place and time,
// and the verbs most often found right after a counted noun.
var stopWords = set(
	// determiners and quantifiers
	"a", "an", "the", "this", "that", "these", "those", "each", "every",
	"all", "both", "either", "neither", "some", "any", "no", "more", "most",
	"less", "least", "other", "another", "such", "same", "many", "much",
	"few", "several", "own",
	// prepositions and conjunctions
	"and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from",
	"by", "with", "without", "into", "onto", "over", "under", "above",
	"below", "about", "around", "after", "before", "since", "until", "till",
	"during", "per", "than", "as", "like", "between", "among", "amongst",
	"across", "through", "throughout", "via", "against", "within", "off",
	"out", "up", "down", "near", "including", "according", "amid", "amidst",
	"despite", "toward", "towards", "upon", "beyond", "behind", "inside",
	"outside", "along", "alongside", "beside", "besides", "onboard",
	"aboard", "while", "whilst", "if", "because", "though", "although",
	"whether", "unless", "whereas", "so", "yet", "then", "plus", "minus",
	"versus", "vs", "except", "whom", "whose", "who", "which",
	"what", "where", "when", "why", "how", "once",
	// pronouns
	"it", "its", "he", "she", "they", "them", "their", "theirs", "his",
	"her", "hers", "we", "our", "ours", "you", "your", "yours", "i", "me",
	"my", "mine", "him", "us", "itself", "themselves", "himself", "herself",
	"one", "ones",
	// auxiliaries and modals
	"is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
	"had", "having", "do", "does", "did", "will", "would", "shall",
	"should", "can", "could", "may", "might", "must", "ought", "isn't",
	"aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "won't",
	"wouldn't", "can't", "couldn't", "didn't", "doesn't", "don't",
	// adverbs
	"there", "here", "now", "also", "already", "still", "just", "only",
	"even", "too", "very", "not", "never", "ever", "again", "ago",
	"later", "earlier", "away", "long", "old", "apart", "ahead", "back",
	"alone", "last", "next", "today", "yesterday", "tomorrow", "tonight",
	"altogether", "apiece", "overall", "instead",
	"together", "soon", "almost", "nearly", "about", "approximately",
	"roughly", "currently", "reportedly", "allegedly", "previously",
	"recently", "respectively", "daily", "annually", "yearly", "monthly",
	"weekly", "hourly", "abroad", "nationwide", "worldwide",
	"overseas", "underway", "onwards", "whereby", "knows", "prior", "yes", "worth",
	"north", "south", "east", "west", "northeast", "northwest",
	"southeast", "southwest", "northward", "southward", "eastward",
	"westward", "downstream", "upstream", "offshore", "inland",
	// verbs often found right after a counted noun
	"said", "says", "say", "told", "tell", "added", "went", "came", "come",
	"left", "fled", "fell", "rose", "took", "made", "got", "gave", "saw",
	"met", "ran", "hit", "struck", "shot", "held", "led", "lost", "won",
	"sent", "spent", "stood", "sat", "broke", "began", "became", "brought",
	"built", "bought", "caught", "fought", "found", "flew", "grew", "heard",
	"kept", "knew", "paid", "put", "sold", "set", "spoke", "stole",
	"taught", "thought", "threw", "understood", "wore", "wrote", "drew",
	"drove", "ate", "forgot", "hid", "laid", "lay", "meant", "shook",
	"sank", "swam", "woke", "withdrew", "arrive", "remain", "remained",
	"live", "die", "go", "get", "make", "take", "need", "want", "face",
	"include", "includes", "included", "involve", "involving", "mark",
	"marks", "marked", "follow", "following", "to-date", "awaiting",
	"whereabouts",
)

// months are the month names that make a neighbouring number a day; the
// short ones only count when capitalised.
var months = set(
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "jan", "feb",
	"mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)

// weekdays end a noun phrase ("23 points Friday").
var weekdays = set(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
	"sat", "sun",
)

// referenceWords make the number after them an identifier rather than an
// amount: "page 20", "No. 1", "flight 370".
var referenceWords = set(
	"page", "pages", "p", "pp", "section", "sections", "chapter", "article",
	"paragraph", "clause", "footnote", "note", "figure", "fig", "table",
	"line", "verse", "item", "rule", "no", "nos", "number", "num", "flight",
	"route", "highway", "interstate", "platform", "gate", "room", "row",
	"seat", "exit", "channel", "track", "version", "v", "ver", "release",
	"level", "grade", "episode", "season", "volume", "vol", "issue",
	"category", "phase", "stage", "step", "game", "round", "lap", "zone",
	"sector", "block", "unit", "ward", "district", "precinct", "floor",
	"apartment", "apt", "suite", "box", "top", "class", "type", "model",
	"series", "mark", "mk", "code", "id", "tier", "division", "group",
	"pool", "heat", "match", "week", "day", "ranked", "rank", "no.",
	"hole", "pier", "berth", "terminal", "bus", "train", "tram", "ticket",
	"resolution", "amendment", "decree",
	"avenue", "street", "road", "st", "ave", "rd", "building",
	"lot", "plot", "parcel", "docket",
	"calibre", "caliber", "gauge", "size", "jersey", "shirt", "version",
	"covid", "ps", "windows", "ios", "android", "iphone", "galaxy",
)

// clockWords make the number before them a clock time.
var clockWords = set(
	"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "utc", "est", "edt",
	"cst", "cdt", "pst", "pdt", "mst", "mdt", "bst", "cet", "cest", "eet",
	"wat", "eat", "ist", "jst", "o'clock", "o’clock", "h",
)

// modelFollowers make the number before them a name: ".357 caliber".
var modelFollowers = set("caliber", "calibre", "gauge", "series")

// irregularPlurals are plural heads that do not end in -s, and adjectives
// used as plural nouns after a number ("12 dead and 40 injured").
var irregularPlurals = set(
	"people", "personnel", "police", "men", "women", "children", "staff",
	"cattle", "livestock", "crew", "militia", "youth", "clergy", "infantry",
	"media", "data", "aircraft", "sheep", "fish", "deer", "offspring",
	"feet", "teeth", "geese", "mice", "folk", "kin", "spacecraft",
	"dead", "injured", "wounded", "missing", "homeless", "displaced",
	"unemployed", "hostages", "faithful", "elderly", "poor", "troops",
	"swine", "poultry", "headcount", "servicemen", "servicewomen",
	"policemen", "policewomen", "firemen", "gunmen", "militiamen",
	"tribesmen", "fishermen", "workmen", "kinsmen", "countrymen",
	"townspeople", "salespeople", "gentlemen", "chairmen", "businessmen",
	"congressmen", "noblemen", "horsemen", "frontiersmen", "craftsmen",
)

// adjectivalHeads are the irregularPlurals that can also modify a noun
// ("100 injured soldiers"); they head the phrase only when nothing follows.
var adjectivalHeads = set(
	"dead", "injured", "wounded", "missing", "homeless", "displaced",
	"unemployed", "elderly", "poor", "faithful",
)

// notPlural end in -s without being plurals.
var notPlural = set(
	"news", "series", "species", "gas", "bus", "lens", "means", "physics",
	"economics", "politics", "mathematics", "status", "bonus", "virus",
	"crisis", "analysis", "basis", "chassis", "thesis", "atlas", "canvas",
	"census", "campus", "consensus", "corpus", "focus", "genus", "nexus",
	"radius", "stimulus", "surplus", "apparatus", "citrus", "cactus",
	"fungus", "onus", "us", "this", "his", "was", "has", "is", "its",
	"yes", "plus", "minus", "versus", "whereas", "perhaps", "alias",
	"bias", "iris", "diabetes", "measles", "mumps", "rabies", "herpes",
	"arms", "aids", "jesus", "paris", "texas", "kansas", "arkansas",
	"athens", "brussels", "wales", "tunis", "lagos", "caracas",
)

// unknownWords say an amount is not known: "an undisclosed number of".
var unknownWords = set(
	"unknown", "undisclosed", "unspecified", "undetermined", "unconfirmed",
	"indeterminate", "uncounted", "untold", "unclear", "uncertain",
	"unnamed", "unstated", "unreported", "unverified",
)

// knownWords follow a negation to say an amount is not known: "not
// specified", "not immediately clear".
var knownWords = set(
	"specified", "known", "disclosed", "given", "revealed", "released",
	"stated", "announced", "clear", "confirmed", "public", "reported",
	"provided", "published", "available", "determined", "counted",
	"established", "communicated", "indicated", "mentioned", "precised",
	"detailed", "made", "shared", "divulged", "verified", "identified",
)

// discloseVerbs are the verbs of a negated disclosure: "did not say how
// many", "without giving the number of".
var discloseVerbs = set(
	"say", "said", "saying", "give", "gave", "given", "giving", "disclose",
	"disclosed", "disclosing", "reveal", "revealed", "revealing", "specify",
	"specified", "specifying", "provide", "provided", "providing",
	"release", "released", "releasing", "confirm", "confirmed",
	"confirming", "state", "stated", "stating", "announce", "announced",
	"announcing", "mention", "mentioned", "mentioning", "publish",
	"published", "publishing", "know", "knew", "known", "indicate",
	"indicated", "indicating", "elaborate", "detail", "detailing",
	"tell", "told", "telling", "knows", "share", "shared", "sharing", "report",
	"reported", "reporting", "clear", "estimate", "estimated", "count",
	"counted", "determine", "determined", "divulge", "divulged",
)

// negations open a negated disclosure.
var negations = set(
	"not", "never", "no", "without", "declined", "refused", "declining",
	"refusing", "unable", "isn't", "wasn't", "weren't", "aren't", "didn't",
	"doesn't", "don't", "won't", "wouldn't", "couldn't", "hasn't",
	"haven't", "hadn't", "cannot", "can't", "unclear", "unknown",
	"isn’t", "wasn’t", "weren’t", "aren’t", "didn’t", "doesn’t", "don’t",
	"won’t", "wouldn’t", "couldn’t", "hasn’t", "haven’t", "hadn’t",
	"can’t",
)

// npDeterminers may follow "of" before a counted noun: "100 of the
// instructors".
var npDeterminers = set(
	"the", "these", "those", "his", "her", "its", "their", "our", "my",
	"your", "whose",
)

// ageWords turn the number after them into an age: "aged 33".
var ageWords = set("aged", "age", "ages")

// streetWords end the name of a street, which makes a number before it an
// address: "10 Downing Street".
var streetWords = set(
	"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd",
	"drive", "dr", "lane", "ln", "place", "pl", "court", "ct", "highway",
	"hwy", "parkway", "pkwy", "square", "sq", "terrace", "crescent",
	"close", "plaza", "strasse", "rue",
)
