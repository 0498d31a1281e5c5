package eval

// BCubed scores a clustering against gold classes with the B-cubed metric
// (Bagga and Baldwin, 1998), as the ECB+ clustering benchmark reports it:
// for each item, precision is the share of its predicted cluster that
// shares its gold class, recall the share of its gold class that shares its
// predicted cluster (both counting the item itself); precision and recall
// are the averages over items, and F1 their harmonic mean. pred and gold
// give each item's cluster and class, item by item; items are only compared
// by label equality, so labels of the two sides need not correspond.
//
// Hand-written: the metric is ten lines over two count tables, and its
// tests pin it to cases worked out by hand.
type BCubed struct {
	Precision, Recall, F1 float64
}

// ScoreBCubed computes B³ over len(pred) items; pred and gold must have
// the same length. No item gives zero scores.
func ScoreBCubed(pred, gold []string) BCubed {
	n := len(pred)
	if n == 0 || len(gold) != n {
		return BCubed{}
	}
	type pair struct{ p, g string }
	both := map[pair]int{}
	inPred := map[string]int{}
	inGold := map[string]int{}
	for i := range pred {
		both[pair{pred[i], gold[i]}]++
		inPred[pred[i]]++
		inGold[gold[i]]++
	}
	var p, r float64
	for i := range pred {
		shared := float64(both[pair{pred[i], gold[i]}])
		p += shared / float64(inPred[pred[i]])
		r += shared / float64(inGold[gold[i]])
	}
	s := BCubed{Precision: p / float64(n), Recall: r / float64(n)}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}
