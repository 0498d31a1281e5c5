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

// TestTagSetsMatchPerTag checks that one walk over a set of tags leaves the
// tree as stripping or deleting the tags one by one does.
func TestTagSetsMatchPerTag(t *testing.T) {
	const page = `<div><span>a<b>b<i>c</i></b>d</span>tail<em>e<span>f</span></em>g<b>h</b>i<u>j<u>k</u></u>end</div>`
	tags := map[string]struct{}{"span": {}, "b": {}, "u": {}}
	render := func(n *html.Node) string {
		var sb strings.Builder
		if err := html.Render(&sb, n); err != nil {
			t.Fatal(err)
		}
		return sb.String()
	}
	parse := func() *html.Node {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	for _, keepTail := range []bool{false, true} {
		one, set := parse(), parse()
		for tag := range tags {
			StripElements(one, keepTail, tag)
		}
		StripElementSet(set, keepTail, tags)
		if a, b := render(one), render(set); a != b {
			t.Errorf("delete, keepTail %v: per tag %s, set %s", keepTail, a, b)
		}
	}
	one, set := parse(), parse()
	for tag := range tags {
		StripTags(one, tag)
	}
	StripTagSet(set, tags)
	if a, b := render(one), render(set); a != b {
		t.Errorf("strip: per tag %s, set %s", a, b)
	}
}
