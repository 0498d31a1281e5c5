package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ECB+'s mention-level gold (shared/data/ecbplus/mentions.jsonl, see its
// README): for every document its sentences, which of them were validated
// (fully annotated), and its event, entity and time mentions with their
// cross-document chains, all as byte offsets into the document's bytes.

// GoldDoc is one document's gold annotation.
type GoldDoc struct {
	Doc       string         `json:"doc"`
	Sentences []GoldSentence `json:"sentences"`
	Mentions  []GoldMention  `json:"mentions"`
}

// GoldSentence is one sentence of a document.
type GoldSentence struct {
	N         int  `json:"n"`
	Start     int  `json:"start"`
	End       int  `json:"end"`
	Validated bool `json:"validated"`
}

// GoldMention is one annotated mention.
type GoldMention struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"` // event, entity, time
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Sentence is the N of the sentence of the mention's first token.
	Sentence int `json:"sentence"`
	// Chain is the coreference chain ("" for a singleton); chains that
	// start with "INTRA_" stay inside one document.
	Chain         string `json:"chain"`
	ChainName     string `json:"chain_name"`
	Discontinuous bool   `json:"discontinuous"`
}

// LoadGoldMentions reads dir/mentions.jsonl into a map by document name.
func LoadGoldMentions(dir string) (map[string]*GoldDoc, error) {
	name := filepath.Join(dir, "mentions.jsonl")
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("eval: mention gold: %w", err)
	}
	defer f.Close()
	out := map[string]*GoldDoc{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d GoldDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("eval: mention gold: %s line %d: %w", name, line, err)
		}
		if d.Doc == "" {
			return nil, fmt.Errorf("eval: mention gold: %s line %d: no doc", name, line)
		}
		out[d.Doc] = &d
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: mention gold: %s: %w", name, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("eval: mention gold: %s holds no document", name)
	}
	return out, nil
}

// sentenceOf returns the gold sentence numbered n, or nil.
func (d *GoldDoc) sentenceOf(n int) *GoldSentence {
	for i := range d.Sentences {
		if d.Sentences[i].N == n {
			return &d.Sentences[i]
		}
	}
	return nil
}

// crossDocChain reports whether a chain can link mentions of different
// documents.
func crossDocChain(chain string) bool { return chain != "" && !strings.HasPrefix(chain, "INTRA_") }

// nameMention reports whether a gold entity mention is a name ("Tara
// Reid", "the Chiefs", "at Betty Ford") rather than a pronoun or a
// description ("her", "a Newport Beach rehabilitation facility"): once a
// leading preposition or "the" is set aside, it starts with a capital and
// is no pronoun.
func nameMention(text string) bool {
	ws := strings.Fields(text)
	for len(ws) > 0 {
		switch strings.ToLower(ws[0]) {
		case "the", "at", "on", "in", "to", "from", "near", "of", "for", "by", "into", "with":
			ws = ws[1:]
			continue
		}
		break
	}
	if len(ws) == 0 {
		return false
	}
	switch strings.ToLower(strings.Trim(ws[0], ".,'’\"")) {
	case "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your", "him", "them",
		"this", "that", "these", "those", "who", "which", "a", "an", "one", "some", "all", "both", "each":
		return false
	}
	// Every word capitalised but connectives and numbers: "Gulf of
	// Aden", not "Oklahoma man" or "Mafia boss".
	for i, w := range ws {
		c := w[0]
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case i > 0 && nameConnective[strings.ToLower(w)]:
		default:
			return false
		}
	}
	return true
}

var nameConnective = map[string]bool{"of": true, "the": true, "and": true, "&": true, "de": true, "du": true, "la": true, "le": true,
	"von": true, "van": true, "der": true, "den": true, "al": true, "bin": true, "da": true, "di": true, "del": true, "for": true}
