package etree

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestStripMovesChildren checks the patched Strip: children, nested
// stripped elements and tails end up where upstream's cloning put them.
func TestStripMovesChildren(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<div id="d">x<span>a<b>b</b><span>c</span>d</span>tail<span>e</span></div>`))
	if err != nil {
		t.Fatal(err)
	}
	StripTags(doc, "span")
	var sb strings.Builder
	if err := html.Render(&sb, doc); err != nil {
		t.Fatal(err)
	}
	if want := `<div id="d">xa<b>b</b>cdtaile</div>`; !strings.Contains(sb.String(), want) {
		t.Errorf("after StripTags: %s, want %s", sb.String(), want)
	}
}
