package crosscheck

import (
	"testing"

	"github.com/triangulate/triangulate/internal/news"
)

func TestSameNameTypes(t *testing.T) {
	for _, c := range []struct {
		a, b news.EntityType
		want bool
	}{
		{news.EntityLocation, news.EntityOther, true}, // typed in one report, untyped in another
		{news.EntityOther, news.EntityPerson, true},
		{news.EntityOrganization, news.EntityOther, true},
		{news.EntityLocation, news.EntityLocation, true},
		{news.EntityLocation, news.EntityPerson, false}, // "Jordan" the country, "Jordan" the player
		{news.EntityPerson, news.EntityOrganization, false},
	} {
		if got := sameNameTypes(c.a, c.b); got != c.want {
			t.Errorf("sameNameTypes(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestEntityTypeIgnoresUntyped(t *testing.T) {
	nodes := []*node{
		{typ: news.EntityOther, mentions: []int{0, 1, 2}},
		{typ: news.EntityLocation, mentions: []int{0}},
	}
	if got := entityType(nodes); got != news.EntityLocation {
		t.Errorf("entityType = %s, want location: untyped mentions do not outvote a type", got)
	}
	if got := entityType(nodes[:1]); got != news.EntityOther {
		t.Errorf("entityType of untyped mentions only = %s, want other", got)
	}
	nodes = append(nodes, &node{typ: news.EntityOrganization, mentions: []int{0, 1}})
	if got := entityType(nodes); got != news.EntityOrganization {
		t.Errorf("entityType = %s, want organization (more mentions)", got)
	}
}

// The end of a span is no day of a happening.
func TestRangeEnd(t *testing.T) {
	for before, want := range map[string]bool{
		"charged with polygamy between May 1, 2005, and ": true,
		"open from Monday to ":                            true,
		"closed until ":                                   true,
		"arrested on Sunday and ":                         false,
		"flew to ":                                        false,
		"":                                                false,
	} {
		if got := rangeEnd(before); got != want {
			t.Errorf("rangeEnd(%q) = %v, want %v", before, got, want)
		}
	}
}

// Short forms of given names agree in a name slot.
func TestSameGiven(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"mo", "maurice", true}, {"bill", "william", true}, {"katie", "kathryn", true}, {"fred", "frederick", true},
		{"elias", "ilias", true}, {"jon", "john", true}, {"daniel", "lindsay", false}, {"ann", "linda", false},
		{"mark", "daniel", false},
	} {
		if got := sameGiven(tt.a, tt.b); got != tt.want {
			t.Errorf("sameGiven(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
