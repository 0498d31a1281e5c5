package render

import (
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// The synthetic dossier of the tests: three reports of the founding example
// (shared/seeds), cut down. s3's outlet is unknown and it is machine
// translated; s1 has no publication date.
var (
	s1Text = "NIAMEY (Reuters) - Russian military instructors have arrived in Niger with an air defence system, Niger's state television reported on Thursday.\n\n" +
		"\"We are here to train the Nigerien army,\" one of the instructors said.\n\n" +
		"Niger's junta leader Abdourahamane Tiani spoke with Russian President Vladimir Putin on March 26."
	s2Text = "Russian military instructors have arrived in Niger to help the West African nation secure its borders.\n\n" +
		"Russian state television announced late Thursday that Moscow will help \"install an air defence system\".\n\n" +
		"One instructor was quoted as saying that \"We are here to train the Niger army and help it use the equipment that has just arrived.\"\n\n" +
		"The Tele Sahel broadcaster showed a Russian transport plane arriving at Niamey airport on Wednesday night, carrying 100 military trainers | a figure no one else gave."
	s3Text = "Russian military instructors arrived in Niger on Wednesday, according to Nigerian state television.\n\n" +
		"The number of instructors is not specified.\n\n" +
		"General Abdurahamane Diani, head of the military regime, spoke with Vladimir Putin at the end of March."
)

// ev builds evidence for sentence in text, with its byte offsets.
func ev(source, text, sentence string) news.Evidence {
	start := strings.Index(text, sentence)
	if start < 0 {
		panic("test evidence not in text: " + sentence)
	}
	return news.Evidence{Source: source, Text: sentence, Start: start, End: start + len(sentence)}
}

func ptr[T any](v T) *T { return &v }

func syntheticDossier() news.Dossier {
	arrive1 := ev("s1", s1Text, "NIAMEY (Reuters) - Russian military instructors have arrived in Niger with an air defence system, Niger's state television reported on Thursday.")
	arrive2 := ev("s2", s2Text, "Russian military instructors have arrived in Niger to help the West African nation secure its borders.")
	arrive3 := ev("s3", s3Text, "Russian military instructors arrived in Niger on Wednesday, according to Nigerian state television.")
	count2 := ev("s2", s2Text, "The Tele Sahel broadcaster showed a Russian transport plane arriving at Niamey airport on Wednesday night, carrying 100 military trainers | a figure no one else gave.")
	count3 := ev("s3", s3Text, "The number of instructors is not specified.")
	tv2 := ev("s2", s2Text, "Russian state television announced late Thursday that Moscow will help \"install an air defence system\".")
	call1 := ev("s1", s1Text, "Niger's junta leader Abdourahamane Tiani spoke with Russian President Vladimir Putin on March 26.")
	call3 := ev("s3", s3Text, "General Abdurahamane Diani, head of the military regime, spoke with Vladimir Putin at the end of March.")
	quote1 := ev("s1", s1Text, "\"We are here to train the Nigerien army,\" one of the instructors said.")
	quote2 := ev("s2", s2Text, "One instructor was quoted as saying that \"We are here to train the Niger army and help it use the equipment that has just arrived.\"")

	return news.Dossier{
		Schema: news.SchemaID,
		Story: news.Story{
			ID:             "st-niger",
			Title:          "Russian military instructors arrive in Niger",
			FirstPublished: "2024-04-11",
			LastPublished:  "2024-04-12",
		},
		Sources: []news.Source{
			{
				ID: "s1", Input: "examples/niger-2024/000_39b2320ab47e5126.txt",
				Outlet: ptr("Reuters"), OutletBasis: "dateline",
				Title: "Russian military instructors arrive in Niger with an air defence system", TitleDerived: true,
				Dateline: "NIAMEY (Reuters)",
				Language: "en", Text: s1Text,
				Removed: []news.Removed{
					{Kind: news.RemovedCredit, Text: "REUTERS/Mahamadou Hamidou/File Photo Purchase Licensing Rights", Reason: "photo credit line"},
					{Kind: news.RemovedCaption, Text: "Supporters of Niger's National Council for the Safeguard of the Homeland (CNSP) hold a flag of Russia, in Niamey, Niger, August 20, 2023."},
				},
				Captions: []string{"Supporters of Niger's National Council for the Safeguard of the Homeland (CNSP) hold a flag of Russia, in Niamey, Niger, August 20, 2023."},
			},
			{
				ID: "s2", Input: "https://www.trtworld.com/africa/russian-military-trainers-arrive-in-niger", URL: "https://www.trtworld.com/africa/russian-military-trainers-arrive-in-niger",
				Outlet: ptr("TRT World"), OutletBasis: "footer",
				Title:          "Russian military trainers and air defence system arrive in Niger",
				Standfirst:     "The new Niger government has made a complete pivot to Russia.",
				Published:      ptr("2024-04-12"),
				PublishedBasis: ptr(news.BasisMetadata),
				Language:       "en", Text: s2Text,
				Removed: []news.Removed{
					{Kind: news.RemovedMetadata, Text: " date 2024-04-12 WORLD", Reason: "metadata line"},
					{Kind: news.RemovedFooter, Text: "SOURCE:TRTWorld and agencies"},
				},
				Captions: []string{},
			},
			{
				ID: "s3", Input: "examples/niger-2024/003_0eea9b79ea90de4d.txt",
				Title:             "Russian instructors land in Niamey",
				Published:         ptr("2024-04-11"),
				PublishedBasis:    ptr(news.BasisInferred),
				Language:          "en",
				MachineTranslated: true,
				TranslationSigns:  []string{"\"Nigerian\" for Nigerien", "mangled quotation marks"},
				Text:              s3Text,
				Removed:           []news.Removed{},
				Captions:          []string{},
				Warnings:          []string{"charset guessed as windows-1252"},
			},
		},
		Entities: []news.Entity{
			{
				ID: "e1", Name: "Abdourahamane Tiani", Type: "person",
				Aliases: []string{"Abdourahamane Tiani", "Abdurahamane Diani"},
				Sources: []string{"s1", "s3"},
				Labels: map[string][]string{
					"s3": {"head of the military regime"},
					"s1": {"junta leader"},
				},
			},
			{
				ID: "e2", Name: "Niger", Type: "location",
				Aliases: []string{"Niger"},
				Sources: []string{"s1", "s2", "s3"},
			},
		},
		Facts: []news.Fact{
			{
				ID: "f1", Text: arrive2.Text, Status: news.StatusCorroborated, IndependentSources: 3,
				Evidence: []news.Evidence{arrive1, arrive2, arrive3},
			},
			{
				ID: "f2", Text: count2.Text, Status: news.StatusDisputed, IndependentSources: 1,
				Evidence: []news.Evidence{count2}, ContradictedBy: []string{"s3"},
			},
			{
				ID: "f3", Text: call1.Text, Status: news.StatusCorroborated, IndependentSources: 2,
				Evidence: []news.Evidence{call1, call3},
			},
		},
		Conflicts: []news.Conflict{
			{
				ID: "c1", About: "which state television made the announcement", Kind: "attribution",
				Variants: []news.Variant{
					{Value: "Niger state television", Evidence: []news.Evidence{arrive1, arrive3}},
					{Value: "Russian state television", Evidence: []news.Evidence{tv2}},
				},
			},
			{
				ID: "c2", About: "number of Russian trainers", Kind: "quantity",
				Note: "one source says the number was not given",
				Variants: []news.Variant{
					{Value: "100", Evidence: []news.Evidence{count2}},
					{Value: "unspecified", Evidence: []news.Evidence{count3}},
				},
			},
		},
		// Out of order on purpose: renderers sort the timeline.
		Timeline: []news.Event{
			{Date: "2024-04-10", Text: "Russian military instructors arrive in Niamey.", Evidence: []news.Evidence{arrive3, count2}},
			{Date: "2024-03-26", Text: "Tiani and Putin speak by telephone.", Evidence: []news.Evidence{call1, call3}},
		},
		Quotes: []news.Quote{
			{
				Text:     "We are here to train the Niger army and help it use the equipment that has just arrived.",
				Evidence: []news.Evidence{quote1, quote2},
			},
		},
		Summary: []news.Summary{
			{Text: "Russian military instructors arrived in Niger with an air defence system on 10 April 2024.", Sources: []string{"s1", "s2", "s3"}},
			{Text: "The sources disagree on whose state television announced it, and only one gives the number of trainers (100).", Sources: []string{"s1", "s2", "s3"}},
		},
	}
}
