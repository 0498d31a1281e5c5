package cluster

import (
	"math"

	"github.com/triangulate/triangulate/internal/terms"
)

// Near-duplicates (a wire story and its reprints, a page fetched twice) are
// found with MinHash over word shingles (Broder 1997): the share of equal
// signature positions estimates the Jaccard similarity of the shingle sets,
// and locality-sensitive hashing of bands of the signature finds the
// articles worth comparing without comparing every pair. Hand-written
// because it is forty lines and no Go library offers it without pulling in
// a search engine.
const (
	shingleWords = 3  // words per shingle
	numHashes    = 32 // signature length: Jaccard estimated within ±0.09
	bandRows     = 4  // rows per LSH band: a pair at Jaccard 0.8 shares a band with p ≈ 0.99
	numBands     = numHashes / bandRows
)

// minhash returns the signature of a text's word shingles (words compared
// without ASCII case); nil for a text too short to have one. words are
// the text's words (terms.Words).
func minhash(text string, words []terms.Word) []uint32 {
	if len(words) < shingleWords {
		return nil
	}
	hashes := make([]uint64, len(words))
	for i, w := range words {
		hashes[i] = wordHash(text[w.Start:w.End])
	}
	sig := make([]uint32, numHashes)
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for i := 0; i+shingleWords <= len(hashes); i++ {
		x := uint64(0x9e3779b97f4a7c15)
		for _, h := range hashes[i : i+shingleWords] {
			x = mix(x ^ h)
		}
		for k := range sig {
			// One hash function per position: the shingle's hash times an
			// odd constant of the position (multiply-shift hashing).
			v := uint32((x * seeds[k]) >> 32)
			if v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

// seeds are the odd multipliers of the signature's hash functions.
var seeds = func() (s [numHashes]uint64) {
	z := uint64(42)
	for i := range s {
		z += 0x9e3779b97f4a7c15
		s[i] = mix(z) | 1
	}
	return s
}()

// wordHash is FNV-1a over the word with ASCII letters lowered.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func mix(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// jaccard estimates the Jaccard similarity of two signatures.
func jaccard(a, b []uint32) float64 {
	if len(a) != numHashes || len(b) != numHashes {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / numHashes
}

// bandKeys returns the LSH bucket of each band of a signature.
func bandKeys(sig []uint32) []uint64 {
	if len(sig) != numHashes {
		return nil
	}
	keys := make([]uint64, numBands)
	for b := range keys {
		var h uint64 = uint64(b) + 1
		for _, v := range sig[b*bandRows : (b+1)*bandRows] {
			h = mix(h ^ uint64(v))
		}
		keys[b] = h
	}
	return keys
}
