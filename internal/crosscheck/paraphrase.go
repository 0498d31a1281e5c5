package crosscheck

import (
	"strings"

	"github.com/triangulate/triangulate/internal/terms"
)

// Paraphrase classes: words that news reports use interchangeably for the
// same thing, so that "instructors arrived" and "trainers landed" align.
// Each class maps the stems of its members to one class term. The classes
// are general English news vocabulary (military, disasters, politics,
// justice, economy), written from knowledge of the language; they are not
// drawn from any one story. A word belongs to at most one class.
var paraphraseClasses = map[string][]string{
	// people sent to teach or advise
	"@trainer": {"trainer", "instructor", "adviser", "advisor", "mentor"},
	// armed people
	"@troops": {"troops", "troop", "soldier", "servicemen", "serviceman", "personnel", "forces", "force", "contingent", "militaryman"},
	// movement into a place
	"@arrive": {"arrive", "arrival", "land", "landed", "landing", "reach", "deploy", "deployment", "send", "sent", "dispatch"},
	// entering a facility: a hospital, a clinic, a hotel, a prison
	"@enter": {"enter", "admit", "hospitalize", "hospitalise"},
	// leaving
	"@withdraw": {"withdraw", "withdrawal", "pull", "pullout", "leave", "depart", "departure", "exit", "evacuate"},
	// air defence
	"@airdefense": {"anti-aircraft", "antiaircraft", "air-defense", "air-defence", "surface-to-air"},
	// aircraft
	"@aircraft": {"plane", "aircraft", "airplane", "aeroplane", "jet", "airliner", "transporter", "airlifter"},
	// broadcasters
	"@broadcaster": {"television", "tv", "broadcaster", "broadcast", "channel", "radio"},
	// military rulers
	"@junta": {"junta", "regime", "rulers", "putschist"},
	// people counted
	"@people": {"people", "person", "persons", "resident", "residents", "inhabitant", "civilian", "villager", "individual"},
	// talks by telephone
	"@phone": {"phone", "telephone"},
	// agreements
	"@agreement": {"agreement", "accord", "deal", "pact", "treaty", "arrangement"},
	// ending an agreement
	"@revoke": {"revoke", "revocation", "cancel", "terminate", "denounce", "scrap", "annul", "renounce"},
	// cooperation
	"@cooperation": {"cooperation", "cooperate", "collaboration", "partnership", "ties", "relations"},
	// equipment
	"@equipment": {"equipment", "gear", "materiel", "material", "hardware", "weapon", "weaponry", "arms"},
	// dying
	"@die": {"die", "dead", "death", "kill", "fatality", "fatalities", "toll"},
	// hurting
	"@injure": {"injure", "injury", "wound", "hurt"},
	// arresting
	"@arrest": {"arrest", "detain", "detention", "custody", "apprehend", "imprison", "jail"},
	// saying publicly
	"@announce": {"announce", "declare", "confirm", "report"},
	// showing pictures
	"@show": {"show", "footage", "image", "video", "picture"},
	// earthquakes and their strength
	"@quake": {"earthquake", "quake", "tremor", "temblor"},
	// money
	"@cost": {"cost", "price", "worth", "value"},
	// fighting groups
	"@insurgent": {"insurgent", "militant", "jihadist", "rebel", "fighter", "islamist"},
	// coups
	"@coup": {"coup", "putsch", "takeover"},
	// displacement
	"@displace": {"displace", "displacement", "refugee", "flee", "uproot"},
}

// actionClasses are the paraphrase classes that name what happened (as
// opposed to who or what was involved, or how it was reported).
var actionClasses = map[string]bool{"@arrive": true, "@withdraw": true, "@revoke": true, "@die": true, "@injure": true,
	"@arrest": true, "@quake": true, "@coup": true, "@displace": true, "@phone": true}

// British and American spellings that the stemmer leaves apart.
var spellings = map[string]string{
	"defence": "defense", "offence": "offense", "licence": "license", "programme": "program", "centre": "center",
	"neighbour": "neighbor", "neighbouring": "neighboring", "neighbours": "neighbors", "favour": "favor",
	"colour": "color", "honour": "honor", "labour": "labor", "harbour": "harbor", "rumour": "rumor",
	"armour": "armor", "armoured": "armored", "behaviour": "behavior", "organisation": "organization",
	"destabilising": "destabilizing", "jewellery": "jewelry", "travelled": "traveled", "cancelled": "canceled",
	"fuelled": "fueled", "modelled": "modeled", "labelled": "labeled", "signalled": "signaled",
}

// paraphraseOf maps a stem to its class term; built once.
var paraphraseOf = func() map[string]string {
	m := map[string]string{}
	for class, words := range paraphraseClasses {
		for _, w := range words {
			m[terms.Stem(strings.ToLower(w))] = class
			m[w] = class // the lemma as the lexicon gives it
		}
	}
	return m
}()

// weakWords are adjectives and adverbs that say nothing of what happened
// ("the new rulers", "the former colonies"): two sentences sharing them
// share nothing.
var weakWords = map[string]bool{"new": true, "former": true, "latest": true, "first": true, "last": true, "recent": true,
	"current": true, "several": true, "many": true, "later": true, "already": true, "now": true, "well": true, "like": true,
	"one": true, "two": true, "three": true, "four": true, "five": true, "year": true, "years": true, "week": true,
	"month": true, "day": true, "time": true}

// normTerm is the comparable term of a word for alignment: its spelling
// unified, stemmed, then mapped to its paraphrase class when it has one.
// It returns "" for a function word.
func normTerm(word string) string {
	f := terms.Fold(word)
	if weakWords[f] {
		return ""
	}
	if s, ok := spellings[f]; ok {
		word = s
	}
	t := terms.Term(word)
	if t == "" {
		return ""
	}
	if c, ok := paraphraseOf[t]; ok {
		return c
	}
	return t
}
