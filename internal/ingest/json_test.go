package ingest

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/triangulate/triangulate/internal/news"
)

func TestDecodeJSONArticle(t *testing.T) {
	tests := []struct {
		in      string
		want    jsonArticle
		wantErr string
	}{
		// Known fields, nulls and unknown fields.
		{in: `{"title":"T","text":"x","html":null,"extra":[1,2]}`, want: jsonArticle{Title: "T", Text: "x"}},
		{in: `{"published":"11 April 2024"}`, want: jsonArticle{Published: "11 April 2024"}},
		{in: `{"published":1712829600}`, want: jsonArticle{Published: "1712829600"}},
		{in: `{"published":-1.5e3}`, want: jsonArticle{Published: "-1.5e3"}},
		// Keys are matched exactly.
		{in: `{"Text":"x"}`, want: jsonArticle{}},

		// Errors.
		{in: `{"text":5}`, wantErr: `field "text" is not a string`},
		{in: `{"published":true}`, wantErr: `field "published" is not a string`},
		{in: `[1]`, wantErr: "not a json object"},
		{in: `null`, wantErr: "not a json object"},
	}
	for _, tt := range tests {
		got, err := decodeJSONArticle([]byte(tt.in))
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr || !errors.Is(err, ErrMalformed) {
				t.Errorf("decodeJSONArticle(%s) = %+v, %v, want error %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("decodeJSONArticle(%s) = %+v, %v, want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestReadJSONEmpty(t *testing.T) {
	tests := []struct {
		in      string
		format  Format
		wantErr string
	}{
		{"[]", FormatJSON, "in: no articles"},
		{`{"text":"   "}`, FormatJSON, "in: empty input"},
		{`{}`, FormatJSON, "in: no text or html field"},
	}
	for _, tt := range tests {
		docs, errs := readJSON("in", []byte(tt.in), tt.format)
		if got := errorStrings(errs); len(docs) != 0 || len(got) != 1 || got[0] != tt.wantErr {
			t.Errorf("readJSON(%s) = %d documents, errors %q, want [%q]", tt.in, len(docs), got, tt.wantErr)
		}
	}
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`{"text":"a"}`, `[{"text":"a"},{"html":"<p>b</p>"}]`, "{\"text\":\"a\"}\n{oops\n",
		`{"published":1}`, `[]`, `[1,{}]`, "{\"text\":\"\xff\"}\n{\"text\":\"b\"}",
		"\ufeff{\"text\":\"a\"}\n{\"text\":\"b\"}", `{"text":"a\r\nb"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		format := Detect(content)
		if format != FormatJSON && format != FormatJSONLines {
			format = FormatJSONLines // read anything as lines too
		}
		docs, errs := readJSON("in", content, format)
		if len(docs)+len(errs) == 0 {
			t.Fatalf("readJSON(%q) = no documents and no errors, want at least one", content)
		}
		for _, d := range docs {
			if d.Kind != news.KindJSON || d.ContentKind != news.KindText && d.ContentKind != news.KindHTML {
				t.Errorf("readJSON(%q) document kinds = %q/%q, want json with text or html", content, d.Kind, d.ContentKind)
			}
			if strings.TrimSpace(d.Content) == "" || !utf8.ValidString(d.Content) || strings.Contains(d.Content, "\r") {
				t.Errorf("readJSON(%q) content = %q, want non-blank valid UTF-8 without CR", content, d.Content)
			}
			if !strings.HasPrefix(d.Input, "in") {
				t.Errorf("readJSON(%q) Input = %q, want it to start with the input", content, d.Input)
			}
		}
		for _, err := range errs {
			var ie *InputError
			if !errors.As(err, &ie) || strings.Contains(err.Error(), "\n") {
				t.Errorf("readJSON(%q) error %q (%T), want a one-line *InputError", content, err, err)
			}
		}
	})
}

// Truncated JSON is told as broken JSON, with where it broke; valid JSON
// of another shape as not an object.
func TestJSONArticlesMessages(t *testing.T) {
	for body, want := range map[string]string{
		`{"title": "broken`: "invalid json: unexpected end of JSON input",
		`[1, 2]`:            "not a json object",
	} {
		_, _, errs := JSONArticles("api", []byte(body))
		if len(errs) == 0 || !strings.Contains(errors.Join(errs...).Error(), want) {
			t.Errorf("JSONArticles(%s) errors %v, want %q", body, errs, want)
		}
	}
}
