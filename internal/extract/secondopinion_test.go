package extract

import (
	"strings"
	"testing"
)

func TestAgreement(t *testing.T) {
	a := []string{"The harbour reopened on Monday after a storm closed it for three days."}
	if got := agreement(a, a); got != 1 {
		t.Errorf("agreement with itself = %v", got)
	}
	if got := agreement(a, []string{"Completely different words are written in this other sentence here."}); got != 0 {
		t.Errorf("agreement of unrelated texts = %v", got)
	}
	half := agreement(a, []string{"The harbour reopened on Monday after a storm.", "Readers also liked these stories about gardens and cooking tips."})
	if half <= 0 || half >= 1 {
		t.Errorf("partial agreement = %v", half)
	}
}

func TestPreferSecond(t *testing.T) {
	body := []string{
		"The harbour of Valdoria reopened on Monday after a storm closed it for three days, the harbour master said.",
		"Forty ships had waited offshore while crews cleared the main channel of debris, according to the port authority.",
	}
	comments := []string{
		"Comment by reader one: I always said this port would never cope with a real storm, and now we see it.",
		"Comment by reader two: the mayor should resign over this, nobody prepared anything for the fishermen at all.",
		"Comment by reader three: my cousin works there and says the cranes were already broken before the storm came.",
	}
	withComments := append(append([]string{}, body...), comments...)
	preferSecond := func(first, second []string) bool {
		keep, why := preferSecond(first, second)
		if why == "" {
			t.Error("preferSecond gave no reason")
		}
		return keep
	}
	if !preferSecond(withComments, body) {
		t.Error("the body alone was not preferred to the body with a comment thread")
	}
	if preferSecond(body, withComments) {
		t.Error("the longer extraction was preferred")
	}
	if preferSecond(body, body[:1]) && agreement(body, body[:1]) >= disagreeBelow {
		t.Error("two extractions that agree were not left alone")
	}
	if preferSecond(withComments, []string{"Too short to be the article."}) {
		t.Error("a thin second extraction was preferred")
	}
	if got := strings.Join(body, " "); preferSecond([]string{got}, []string{got}) {
		t.Error("identical extractions: the second was preferred")
	}
}
