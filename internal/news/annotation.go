package news

import "time"

// Annotations are made on an article's cleaned Text. Every one carries the
// byte span [Start, End) of its text in Article.Text and the index of the
// sentence it lies in, so that evidence can always be cited verbatim.

// Sentence is one sentence of a cleaned text.
type Sentence struct {
	Index     int `json:"-"`
	Paragraph int `json:"paragraph"`
	Start     int `json:"start"`
	End       int `json:"end"`
}

// EntityType is the kind of thing an entity is.
type EntityType string

// Entity types, as in the dossier schema.
const (
	EntityPerson       EntityType = "person"
	EntityOrganization EntityType = "organization"
	EntityLocation     EntityType = "location"
	EntityEquipment    EntityType = "equipment"
	EntityOther        EntityType = "other"
)

// Mention is one mention of a named entity.
type Mention struct {
	Text     string     `json:"text"`
	Type     EntityType `json:"type"`
	Start    int        `json:"start"`
	End      int        `json:"end"`
	Sentence int        `json:"-"`
	// Key is a normalised form shared by the mentions of one entity within
	// the article: the folded full name, or the country's name for a
	// demonym ("Russian" → "russia").
	Key string `json:"key"`
	// Demonym is set when the mention is an adjective of nationality
	// ("Nigerien") linked to its country rather than an entity of its own.
	Demonym bool `json:"demonym,omitempty"`
	// Labels are the titles and descriptions the article attaches to the
	// mention ("General", "junta leader").
	Labels []string `json:"labels,omitempty"`
	// Place is what the gazetteer knows a location mention to be (a
	// country, a region, a capital, a city); "" for the rest.
	Place PlaceKind `json:"place,omitempty"`
	// ReadAs is set when a later stage reads the mention otherwise than the
	// recogniser did: a demonym taken for another country's (a machine
	// translation's look-alike). Key is then the new reading's.
	ReadAs *Reading `json:"read_as,omitempty"`
	// Why says which evidence typed the mention (gazetteer, title, cue word,
	// document) for those who debug or distrust a type. It is for people:
	// stages read Type, Place and ReadAs.
	Why string `json:"why,omitempty"`
}

// Reading is a later stage's reading of a mention.
type Reading struct {
	Key  string `json:"key"`  // the entity key it is read as
	From string `json:"from"` // the key the recogniser gave
}

// PlaceKind is what a gazetteer knows a place to be.
type PlaceKind string

// The kinds of place.
const (
	PlaceCountry PlaceKind = "country"
	PlaceRegion  PlaceKind = "region"
	PlaceCapital PlaceKind = "capital"
	PlaceCity    PlaceKind = "city"
)

// Quantity is a stated amount: a count, a sum of money, a percentage, a
// measure, or an explicit statement that the amount is not known.
type Quantity struct {
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"-"`
	// Value is the number as stated (nil for an unspecified quantity).
	Value *float64 `json:"value"`
	// Low and High bound the amount the qualifier allows (nil for an
	// open side): "more than 100" is (100, nil), "about 100" (90, 110).
	Low  *float64 `json:"low"`
	High *float64 `json:"high"`
	// Unit is "" for a count, a currency code ("USD"), "%", or a unit of
	// measure ("km").
	Unit string `json:"unit"`
	// Noun is the counted noun phrase ("military trainers").
	Noun      string `json:"noun"`
	Qualifier string `json:"qualifier"`
	// Unspecified marks "whose number is not specified", "an unknown number
	// of".
	Unspecified bool `json:"unspecified,omitempty"`
	// Against is the second number of a score or a vote tally ("31-24",
	// "passed 97-1"), whose Unit is "tally" and Value the first.
	Against *float64 `json:"against,omitempty"`
}

// Granularity is the precision of a date.
type Granularity string

// Granularities, finest first.
const (
	GranularityDay      Granularity = "day"
	GranularityWeek     Granularity = "week"
	GranularityMonth    Granularity = "month"
	GranularityQuarter  Granularity = "quarter"
	GranularityYear     Granularity = "year"
	GranularityInterval Granularity = "interval"
)

// TimeRef is a temporal expression normalised to a calendar interval.
type TimeRef struct {
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"-"`
	// Value is ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, or an interval A/B;
	// "" when the expression could not be placed on the calendar.
	Value       string      `json:"value"`
	Granularity Granularity `json:"granularity"`
	// Resolved is false when the expression is relative and the article
	// has no date to anchor it on.
	Resolved bool `json:"resolved"`
	// Relative marks expressions that need an anchor ("Wednesday", "last
	// July"), as opposed to absolute ones ("April 10, 2024").
	Relative bool `json:"relative,omitempty"`
	// Inferred marks a value anchored on the story rather than on the
	// article's own publication date.
	Inferred bool `json:"inferred,omitempty"`
	// From and Until bound the interval (Until exclusive); zero when
	// unresolved.
	From  time.Time `json:"-"`
	Until time.Time `json:"-"`
}

// Quotation is a direct quotation in one article and who said it. (A
// dossier's Quote groups the quotations of several articles.)
type Quotation struct {
	// Text is the quoted words, without the quote marks.
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"-"`
	// Speaker is the speaker as the article names or describes them ("a
	// man in camouflage uniform"); "" when no speaker is found.
	Speaker string `json:"speaker"`
	// SpeakerStart and SpeakerEnd span Speaker in the text (0, 0 when
	// absent).
	SpeakerStart int `json:"speaker_start,omitempty"`
	SpeakerEnd   int `json:"speaker_end,omitempty"`
	// SpeakerKey is the Key of the entity mention the speaker resolves to,
	// "" when the speaker is described rather than named.
	SpeakerKey string `json:"speaker_key,omitempty"`
	// Cue is the verb or phrase of attribution ("said", "according to").
	Cue string `json:"cue"`
	// Partial marks a quoted fragment inside a sentence of the reporter's.
	Partial bool `json:"partial,omitempty"`
}

// Annotated is an article with its annotations.
type Annotated struct {
	Article    *Article
	Sentences  []Sentence
	Mentions   []Mention
	Quantities []Quantity
	Dates      []TimeRef
	Quotes     []Quotation
	// Faults lists the annotation stages that failed on this article
	// ("entities: internal error: ..."); their annotations are empty.
	Faults []string
}
