package ingest

import (
	"errors"
	"strings"
	"testing"

	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/triangulate/triangulate/internal/news"
)

// Real pages are messy bytes: a stray NUL or control character does not
// make a page binary; a file signature or a content mostly of control
// bytes does.
func TestMessyBytes(t *testing.T) {
	body := strings.Repeat("The council approved the budget after a long debate. ", 20)
	utf16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(body)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		content string
		kind    news.InputKind
		binary  bool
	}{
		{"html with one NUL", "<!doctype html><html><body><p>" + body + "\x00</p></body></html>", news.KindHTML, false},
		{"text with a NUL and a control", "\x00" + body + "\x01\x1b", news.KindText, false},
		{"UTF-16 text with a BOM", utf16, news.KindText, false},
		{"a PNG", "\x89PNG\r\n\x1a\n" + body, "", true},
		{"a PDF", "%PDF-1.7\n" + body, "", true},
		{"mostly NUL", strings.Repeat("\x00\x01ab", 200), "", true},
	}
	for _, tt := range tests {
		docs, errs := Parse(tt.name, []byte(tt.content), "", "")
		if tt.binary {
			if len(errs) != 1 || !errors.Is(errs[0], ErrBinary) {
				t.Errorf("%s: errors %v, want binary content", tt.name, errs)
			}
			continue
		}
		if len(errs) > 0 || len(docs) != 1 {
			t.Errorf("%s: %d documents, errors %v", tt.name, len(docs), errs)
			continue
		}
		d := docs[0]
		if d.Kind != tt.kind || strings.ContainsAny(d.Content, "\x00\x01\x1b") || !strings.Contains(d.Content, "approved the budget") {
			t.Errorf("%s: kind %s, content %.80q", tt.name, d.Kind, d.Content)
		}
	}
}
