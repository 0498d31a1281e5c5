package extract

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestSplitAuthors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		// trafilatura's own joining
		{"Jane Doe; John Roe", []string{"Jane Doe", "John Roe"}},
		{"", nil},
		// names that reach trafilatura whole
		{"Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"Jane Doe, John Roe and Ann Poe", []string{"Jane Doe", "John Roe", "Ann Poe"}},
		{"Jane Doe / John Roe", []string{"Jane Doe", "John Roe"}},
		{"Jane Doe & John Roe", []string{"Jane Doe", "John Roe"}},
		{"Anna Schmidt und Jan Meyer", []string{"Anna Schmidt", "Jan Meyer"}},
		// a comma that is not a list
		{"Doe, Jane", []string{"Doe, Jane"}},
		// words that contain "and"
		{"Alexander Sand", []string{"Alexander Sand"}},
		// duplicates and stray punctuation
		{"Jane Doe; jane doe; John Roe.", []string{"Jane Doe", "John Roe"}},
		// byline debris seen on real pages
		{"Analysis by Chris Cillizza; CNN Editor-at-large", []string{"Chris Cillizza"}},
		{"TOM KRISHER; AP Auto Writer", []string{"TOM KRISHER"}},
		{"Jeff Foust Monday; November", []string{"Jeff Foust"}},
		{"Detroit News wire services Published", []string{"Detroit News wire services"}},
		{"Staff Writer", []string{"Staff Writer"}},
		{"Nov", nil},
	}
	for _, tt := range tests {
		if got := splitAuthors(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSitename(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The Guardian", "The Guardian"},
		{"www.example.com", "example.com"},
		{"WWW.Example.com", "Example.com"},
		{"example.com", "example.com"},
		{"https://www.newsnation.in", "newsnation.in"},
		{"http://example.org/news/", "example.org"},
		{"www. Daily News", "www. Daily News"},
		{"  Wall  Street Journal ", "Wall Street Journal"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := sitename(tt.in); got != tt.want {
			t.Errorf("sitename(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDeclaredLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		// <html lang> first
		{`<html lang="en-us"><head><meta http-equiv="content-language" content="fr"></head></html>`, "en-US"},
		{`<html lang="de"></html>`, "de"},
		{`<html xml:lang="pt-BR"></html>`, "pt-BR"},
		// then the meta tags, in order of preference
		{`<html><head><meta http-equiv="Content-Language" content="fr_CA, en"></head></html>`, "fr-CA"},
		{`<html><head><meta name="language" content="es"><meta property="og:locale" content="it_IT"></head></html>`, "es"},
		{`<html><head><meta property="og:locale" content="en_GB"></head></html>`, "en-GB"},
		// invalid declarations are skipped
		{`<html lang="english"><head><meta property="og:locale" content="en_GB"></head></html>`, "en-GB"},
		{`<html lang=""></html>`, ""},
		{`<html><body><p lang="fr">Bonjour</p></body></html>`, ""},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := declaredLanguage(doc); got != tt.want {
			t.Errorf("declaredLanguage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
