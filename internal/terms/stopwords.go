package terms

// stopwords are English function words: articles, pronouns, auxiliaries,
// prepositions, conjunctions, and the reporting verbs every news sentence
// carries ("said", "told"), which say nothing about what happened. The list
// is the common core of the Snowball and Lucene English stop lists (BSD
// and Apache-2.0), plus the reporting verbs.
var stopwords = map[string]bool{}

func init() {
	for _, w := range []string{
		"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
		"be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
		"does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
		"her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
		"itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
		"only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some",
		"such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
		"those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
		"which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
		"may", "might", "must", "shall", "upon", "via", "per", "yet", "still", "even", "since", "however", "although",
		"though", "whether", "within", "without", "among", "amid", "across", "along", "around", "toward", "towards",
		"said", "says", "say", "saying", "told", "tells", "according", "reported", "reports", "added", "stated",
	} {
		stopwords[w] = true
	}
}
