package eval

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/internal/crosscheck"
)

// Slot pairs: whether the cross-check takes two values of two articles
// for one slot (the same date, the same count), scored against ECB+'s
// chains. A value is paired with the gold mention its span overlaps: a
// time mention for a date, an entity mention for a number ("23 pirates",
// "35-year-old Gomes"). Two values of two articles fill one slot in the
// gold when their mentions are in one cross-document chain; when both are
// annotated and their chains differ (or one is a singleton), they do not.
// Values no gold mention covers are not scored.

// SlotPairs scores one kind of value.
type SlotPairs struct {
	Kind string
	PRF
	// Why counts the gold pairs the cross-check kept apart, by its
	// reason.
	Why map[string]int
}

// slotGold is the gold mention a value overlaps, "" chain for a singleton.
type slotGold struct {
	ok    bool
	chain string
}

func scoreSlots(rep *CrosscheckReport, ev *ecbEvent, det *crosscheck.Detail) {
	gold := make([]slotGold, len(det.Values))
	for i, v := range det.Values {
		gold[i] = valueGold(ev.docs[v.Source], v)
	}
	for i, x := range det.Values {
		if !gold[i].ok || x.Kind == "name" {
			continue
		}
		for j := i + 1; j < len(det.Values); j++ {
			y := det.Values[j]
			if !gold[j].ok || y.Kind != x.Kind || y.Source == x.Source {
				continue
			}
			g := gold[i].chain != "" && gold[i].chain == gold[j].chain
			why := det.SlotWhy(i, j)
			sp := rep.slotPairs(x.Kind)
			sp.add(why == "", g)
			if g && why != "" {
				sp.Why[why]++
			}
		}
	}
}

// valueGold finds the gold mention of a value: the time mention (for a
// date) or entity mention (for a number) of a validated sentence that
// overlaps it most.
func valueGold(d *ecbDoc, v crosscheck.ValueRef) slotGold {
	want := "entity"
	if v.Kind != "number" {
		want = "time"
	}
	best, bestOver := slotGold{}, 0
	for _, m := range d.gold.Mentions {
		if m.Kind != want {
			continue
		}
		s := d.gold.sentenceOf(m.Sentence)
		if s == nil || !s.Validated {
			continue
		}
		start, end, ok := d.cleaned(m.Sentence, m.Start, m.End)
		if !ok {
			continue
		}
		if over := min(end, v.End) - max(start, v.Start); over > bestOver {
			chain := m.Chain
			if !crossDocChain(chain) {
				chain = ""
			}
			best, bestOver = slotGold{ok: true, chain: chain}, over
		}
	}
	return best
}

func (rep *CrosscheckReport) slotPairs(kind string) *SlotPairs {
	for i := range rep.Slots {
		if rep.Slots[i].Kind == kind {
			return &rep.Slots[i]
		}
	}
	rep.Slots = append(rep.Slots, SlotPairs{Kind: kind, Why: map[string]int{}})
	slices.SortFunc(rep.Slots, func(a, b SlotPairs) int { return strings.Compare(a.Kind, b.Kind) })
	return rep.slotPairs(kind)
}

// writeSlots prints the slot pair scores.
func writeSlots(w io.Writer, rep CrosscheckReport) {
	if len(rep.Slots) == 0 {
		return
	}
	fmt.Fprintln(w, "slot pairs (two values of two articles taken for one slot; gold: one ECB+ chain):")
	for _, sp := range rep.Slots {
		fmt.Fprintf(w, "  %-10s precision %.3f  recall %.3f  (tp %d fp %d fn %d)\n", sp.Kind, sp.Precision(), sp.Recall(), sp.TP, sp.FP, sp.FN)
		whys := slices.Collect(maps.Keys(sp.Why))
		slices.SortFunc(whys, func(a, b string) int {
			if c := sp.Why[b] - sp.Why[a]; c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		var parts []string
		for _, k := range whys {
			parts = append(parts, fmt.Sprintf("%s %d", k, sp.Why[k]))
		}
		if len(parts) > 0 {
			fmt.Fprintf(w, "    kept apart: %s\n", strings.Join(parts, ", "))
		}
	}
}
