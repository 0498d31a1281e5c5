package extract

import (
	nurl "net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"
)

// declaredLanguage returns the language the page declares, as a canonical
// BCP 47 tag, or "". The sources, most specific first: <html lang> (or
// xml:lang), <meta http-equiv="content-language">, <meta name="language">
// or dc.language, og:locale. A list ("en, fr") gives its first entry.
func declaredLanguage(doc *html.Node) string {
	var fromHTML, fromHeader, fromMeta, fromLocale string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Html:
			if fromHTML == "" {
				fromHTML = attr(n, "lang")
			}
			if fromHTML == "" {
				fromHTML = attr(n, "xml:lang")
			}
		case atom.Meta:
			content := attr(n, "content")
			switch {
			case strings.EqualFold(attr(n, "http-equiv"), "content-language"):
				fromHeader = first(fromHeader, content)
			case isOneOf(attr(n, "name"), "language", "dc.language", "dcterms.language", "content-language"):
				fromMeta = first(fromMeta, content)
			case strings.EqualFold(attr(n, "property"), "og:locale"):
				fromLocale = first(fromLocale, content)
			}
		case atom.Body:
			// <meta> belongs in <head>; html.Parse moves stray ones there
			// only when they come before <body>. Stop here: a page's
			// language is stated before its content.
			return firstTag(fromHTML, fromHeader, fromMeta, fromLocale)
		}
	}
	return firstTag(fromHTML, fromHeader, fromMeta, fromLocale)
}

// firstTag returns the first of values that parses as a language tag.
func firstTag(values ...string) string {
	for _, v := range values {
		v, _, _ = strings.Cut(v, ",")
		v = strings.TrimSpace(strings.ReplaceAll(v, "_", "-"))
		if v == "" {
			continue
		}
		tag, err := language.Parse(v)
		if err != nil || tag == language.Und {
			continue
		}
		return tag.String()
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func first(have, v string) string {
	if have != "" {
		return have
	}
	return v
}

func isOneOf(s string, names ...string) bool {
	for _, n := range names {
		if strings.EqualFold(s, n) {
			return true
		}
	}
	return false
}

// sitename tidies trafilatura's site name. A bare hostname (trafilatura's
// answer when the page names no publisher, and some pages' og:site_name)
// still says who published, so it is kept, without "www."; a URL given as
// the name is cut down to its host.
func sitename(s string) string {
	s = collapseSpace(s)
	if u, err := nurl.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		s = u.Hostname()
	}
	if !strings.Contains(s, " ") && strings.Contains(s, ".") && len(s) > 4 && strings.EqualFold(s[:4], "www.") {
		s = s[4:]
	}
	return s
}

// splitAuthors turns trafilatura's author string into one name per entry.
//
// trafilatura already splits bylines and joins the names with "; ", but
// JSON-LD names and some meta tags reach it whole ("Jane Doe and John
// Roe"). So the names are split again on ";", "/", "&", "|" and the word
// "and" (also "und", as trafilatura does); and on "," only when every part
// has at least two words, so that "Doe, Jane" stays one name while
// "Jane Doe, John Roe" becomes two. Each name is then cleaned (see
// cleanAuthor), job titles are dropped when a name remains beside them
// ("TOM KRISHER; AP Auto Writer"), and duplicates (ignoring case) go.
func splitAuthors(s string) []string {
	var names, roles []string
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ';' || r == '/' || r == '&' || r == '|'
	}) {
		for _, part := range splitWord(part, "and", "und") {
			for _, name := range splitCommas(part) {
				name = cleanAuthor(name)
				key := strings.ToLower(name)
				if name == "" || seen[key] {
					continue
				}
				seen[key] = true
				if isRole(name) {
					roles = append(roles, name)
				} else {
					names = append(names, name)
				}
			}
		}
	}
	if len(names) == 0 {
		return roles
	}
	return names
}

// cleanAuthor removes what trafilatura's byline reader leaves around a
// name on some pages: a leading "Analysis by", trailing dates ("Jeff
// Foust Monday", "Carrie Arnold November") and "Published"/"Updated"
// labels. The word lists are English, like most bylines trafilatura reads.
func cleanAuthor(name string) string {
	words := strings.Fields(strings.Trim(name, " ,.:"))
	for i, w := range words {
		if i > 0 && i <= 2 && strings.EqualFold(w, "by") {
			words = words[i+1:]
			break
		}
	}
	for len(words) > 0 && bylineNoise[strings.ToLower(strings.Trim(words[len(words)-1], ",."))] {
		words = words[:len(words)-1]
	}
	return strings.Trim(strings.Join(words, " "), " ,.:")
}

var bylineNoise = map[string]bool{
	"published": true, "updated": true, "posted": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// isRole reports whether a byline entry is a job title, not a name.
func isRole(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch strings.Trim(w, ",.") {
		case "writer", "editor", "editor-at-large", "correspondent", "reporter", "columnist", "contributor":
			return true
		}
	}
	return false
}

// splitWord splits s around the whole words given, case-insensitively.
func splitWord(s string, words ...string) []string {
	fields := strings.Fields(s)
	var parts []string
	start := 0
	for i, f := range fields {
		if isOneOf(f, words...) {
			parts = append(parts, strings.Join(fields[start:i], " "))
			start = i + 1
		}
	}
	return append(parts, strings.Join(fields[start:], " "))
}

func splitCommas(s string) []string {
	parts := strings.Split(s, ",")
	for _, p := range parts {
		if countFields(p) < 2 {
			return []string{s}
		}
	}
	return parts
}
