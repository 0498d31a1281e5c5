package news

import "slices"

// SchemaID is the value of Dossier.Schema: the version of the public JSON
// contract in spec/dossier.schema.json.
const SchemaID = "triangulate.dossier/v1"

// Dossier is one story cross-checked across its sources. Its JSON form is
// the public contract of spec/dossier.schema.json: fields may be added, the
// required ones keep their meaning.
type Dossier struct {
	Schema   string   `json:"schema"`
	Story    Story    `json:"story"`
	Sources  []Source `json:"sources"`
	Entities []Entity `json:"entities"`
	Facts    []Fact   `json:"facts"`
	// Happenings group the sentences that report one happening, however
	// they word it and whatever else they say: what the sources report of
	// the event, above the facts' exact claims.
	Happenings []Happening `json:"happenings,omitempty"`
	Conflicts  []Conflict  `json:"conflicts"`
	Timeline   []Event     `json:"timeline"`
	Quotes     []Quote     `json:"quotes"`
	Summary    []Summary   `json:"summary"`
}

// Story identifies the story a dossier is about.
type Story struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	FirstPublished string `json:"first_published,omitempty"`
	LastPublished  string `json:"last_published,omitempty"`
}

// Source is one article of the story as the dossier shows it.
type Source struct {
	ID    string `json:"id"`
	Input string `json:"input"`
	URL   string `json:"url,omitempty"`
	// Outlet is null unless the input names its publisher.
	Outlet      *string     `json:"outlet"`
	OutletBasis OutletBasis `json:"outlet_basis,omitempty"`
	Title       string      `json:"title"`
	// TitleDerived marks a title taken from the first sentence because the
	// input had no headline.
	TitleDerived      bool      `json:"title_derived,omitempty"`
	Standfirst        string    `json:"standfirst,omitempty"`
	Dateline          string    `json:"dateline,omitempty"`
	Published         *string   `json:"published"`
	PublishedBasis    *Basis    `json:"published_basis"`
	Authors           []string  `json:"authors,omitempty"`
	Language          string    `json:"language"`
	MachineTranslated bool      `json:"machine_translated"`
	TranslationSigns  []string  `json:"translation_signs,omitempty"`
	Text              string    `json:"text"`
	Removed           []Removed `json:"removed"`
	Captions          []string  `json:"captions"`
	Warnings          []string  `json:"warnings,omitempty"`
	// Extractor names the HTML extractor whose main text Text was cleaned
	// from; absent for text input.
	Extractor string `json:"extractor,omitempty"`
}

// Evidence ties a statement to a verbatim piece of a source's cleaned text.
type Evidence struct {
	Source string `json:"source"`
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Entity is a person, organization, place or thing, merged across sources.
type Entity struct {
	ID      string              `json:"id"`
	Name    string              `json:"name"`
	Type    string              `json:"type"`
	Aliases []string            `json:"aliases"`
	Sources []string            `json:"sources"`
	Labels  map[string][]string `json:"labels,omitempty"`
	// Demonyms are the adjectives of nationality linked to the entity
	// ("Russian"), as written.
	Demonyms []string `json:"demonyms,omitempty"`
	// Mentions counts the entity's mentions across sources.
	Mentions int `json:"mentions,omitempty"`
	// Merges records why variants were merged into this entity, one line
	// each ("Abdurahamane Diani ~ Abdourahamane Tiani: spelling 0.91, same
	// title General, both beside Vladimir Putin").
	Merges []string `json:"merges,omitempty"`
}

// FactStatus says how far the sources back a fact (schema: facts[].status).
type FactStatus string

// Fact statuses.
const (
	StatusCorroborated FactStatus = "corroborated"
	StatusSingleSource FactStatus = "single-source"
	StatusDisputed     FactStatus = "disputed"
)

// Fact is one statement and the sources that make it.
type Fact struct {
	ID                 string     `json:"id"`
	Text               string     `json:"text"`
	Status             FactStatus `json:"status"`
	IndependentSources int        `json:"independent_sources"`
	Evidence           []Evidence `json:"evidence"`
	// ContradictedBy lists the sources that state a conflicting value (the
	// ✗ of the facts × sources matrix).
	ContradictedBy []string `json:"contradicted_by,omitempty"`
	// Copies lists sources whose sentence repeats another source's wording
	// (wire copy, reprint) or that share its publisher: they back the fact
	// but are not counted again in IndependentSources.
	Copies []string `json:"copies,omitempty"`
	// Conflicts lists the ids of the conflicts this fact is a side of.
	Conflicts []string `json:"conflicts,omitempty"`
}

// Happening is one happening the sources report, with every sentence
// that reports it.
type Happening struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	// IndependentSources counts the publishers that report it (copies once).
	IndependentSources int        `json:"independent_sources"`
	Sources            []string   `json:"sources"`
	Evidence           []Evidence `json:"evidence"`
	// Facts are the ids of the facts of two sources or more that state
	// part of it.
	Facts []string `json:"facts,omitempty"`
}

// Conflict is a point on which sources disagree, with every side.
type Conflict struct {
	ID       string    `json:"id"`
	About    string    `json:"about"`
	Kind     string    `json:"kind"`
	Variants []Variant `json:"variants"`
	// Note says what may explain the disagreement, when the sources show
	// it ("the figures rise with the sources' publication dates..."); "".
	Note string `json:"note,omitempty"`
}

// Variant is one side of a conflict.
type Variant struct {
	Value    string     `json:"value"`
	Evidence []Evidence `json:"evidence"`
}

// Event is a dated entry of the timeline.
type Event struct {
	Date     string     `json:"date"`
	End      string     `json:"end,omitempty"`
	Text     string     `json:"text"`
	Evidence []Evidence `json:"evidence"`
	// Fact is the id of the fact the event is, when it is one.
	Fact string `json:"fact,omitempty"`
	// Inferred lists the sources whose date for the event was anchored on
	// the story's dates because they state no publication date of their own.
	Inferred []string `json:"inferred,omitempty"`
}

// Quote is one quotation, grouped across the sources that print it.
type Quote struct {
	Speaker       *string    `json:"speaker"`
	SpeakerEntity *string    `json:"speaker_entity"`
	Text          string     `json:"text"`
	Evidence      []Evidence `json:"evidence"`
}

// Summary is one sentence of the dossier's summary with its sources.
type Summary struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
	// Dates place the relative days the sentence names ("Wednesday") on
	// the calendar, as the timeline does.
	Dates []SummaryDate `json:"dates,omitempty"`
}

// SummaryDate is the calendar day of a relative day in a summary sentence.
type SummaryDate struct {
	Text string `json:"text"`
	Date string `json:"date"`
	// Inferred marks a day placed on the story's dates because the
	// source states no publication date.
	Inferred bool `json:"inferred,omitempty"`
}

// EvidenceSources lists the distinct source ids of evs in order of first
// appearance.
func EvidenceSources(evs []Evidence) []string {
	var ids []string
	for _, e := range evs {
		if !slices.Contains(ids, e.Source) {
			ids = append(ids, e.Source)
		}
	}
	return ids
}
