package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/triangulate/triangulate/internal/news"
)

// streamPeek is how much of a file is looked at to tell JSON Lines: enough
// for several lines of articles.
const streamPeek = 64 << 10

// Stream reads the inputs as Read does, but hands each document to emit as
// soon as it is read, in input order, instead of returning them all. A
// file of JSON Lines (told by its content) is read a line at a time: the
// size limit (Options.MaxBytes) applies to each article rather than to the
// file, and the memory used does not grow with the file, so an archive of
// a million articles goes through. A file holding a JSON array of articles
// is read an element at a time, likewise. Other inputs are read whole, as
// Read reads them.
//
// Each failure goes to report as one *InputError (an article of a JSON
// Lines file is named "input#N", N counting its non-blank lines, as Read
// names it), and the rest is still read. An error from emit stops the
// reading and is returned, as is ctx's error when ctx ends.
func Stream(ctx context.Context, inputs []string, opts Options, emit func(news.Document) error, report func(error)) error {
	opts = opts.withDefaults()
	slots := expand(ctx, inputs)
	opts, done := withClient(opts, slots)
	defer done()
	for i := range slots {
		s := &slots[i]
		if err := ctx.Err(); err != nil {
			return err
		}
		if s.err != nil {
			report(&InputError{Input: s.input, Err: s.err})
			continue
		}
		if s.kind == sourceFile {
			done, err := streamJSONLines(ctx, s.input, opts.MaxBytes, emit, report)
			if err == nil && !done {
				done, err = streamJSONArray(ctx, s.input, opts.MaxBytes, emit, report)
			}
			if err != nil {
				return err
			}
			if done {
				continue
			}
		}
		docs, errs := readSource(ctx, s, opts)
		for _, e := range errs {
			report(e)
		}
		for _, d := range docs {
			if err := emit(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// streamJSONLines reads the file at path line by line when it holds JSON
// Lines, and reports whether it did (false: the caller reads it whole).
func streamJSONLines(ctx context.Context, path string, limit int64, emit func(news.Document) error, report func(error)) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, nil // readSource reports it
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, streamPeek)
	head, _ := r.Peek(streamPeek)
	// Whole lines only: a line cut at the end of the peek would not parse.
	if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
		head = head[:i+1]
	} else {
		return false, nil
	}
	if Detect(head) != FormatJSONLines {
		return false, nil
	}

	var (
		n, offset int
		line      []byte
	)
	out := &itemSender{path: path, emit: emit, report: report}
	first := true
	for {
		if err := ctx.Err(); err != nil {
			return true, err
		}
		raw, tooLong, err := readLine(r, limit, &line)
		if err != nil && !errors.Is(err, io.EOF) {
			report(&InputError{Input: path, Err: pathError(err)})
			return true, nil
		}
		if len(raw) > 0 || tooLong {
			if first {
				offset, raw = len(raw)-len(trimBOM(raw)), trimBOM(raw) // offsets count the BOM, as Read's do
				first = false
			}
			start := offset
			n++
			offset += len(raw)
			if trimmed := bytes.TrimSpace(raw); len(trimmed) > 0 || tooLong {
				it := jsonLineItem(raw, trimmed, n, start)
				if tooLong {
					it = jsonItem{err: reason(fmt.Sprintf("line %d is over %d bytes", n, limit), ErrTooLarge)}
				}
				if err := out.add(it); err != nil {
					return true, err
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	return true, out.finish()
}

// itemSender hands the articles of one file to emit as they are read,
// named as Read names them: "path#N", or the path alone when the file
// holds one article (so the first is held until a second shows up).
type itemSender struct {
	path    string
	emit    func(news.Document) error
	report  func(error)
	pending *jsonItem
	count   int
}

// add sends one more article; only emit's error is returned.
func (s *itemSender) add(it jsonItem) error {
	s.count++
	switch s.count {
	case 1:
		keep := it
		keep.raw = bytes.Clone(it.raw)
		s.pending = &keep
		return nil
	case 2:
		if err := s.send(*s.pending, 1, false); err != nil {
			return err
		}
		s.pending = nil
	}
	return s.send(it, s.count, false)
}

// finish sends a lone article under the file's name, or reports a file
// without any.
func (s *itemSender) finish() error {
	switch {
	case s.pending != nil:
		return s.send(*s.pending, 1, true)
	case s.count == 0:
		s.report(&InputError{Input: s.path, Err: reason("no articles", ErrEmpty)})
	}
	return nil
}

func (s *itemSender) send(it jsonItem, number int, alone bool) error {
	name := fmt.Sprintf("%s#%d", s.path, number)
	if alone {
		name = s.path
	}
	doc, err := it.document(name)
	if err != nil {
		s.report(&InputError{Input: name, Err: err})
		return nil
	}
	return s.emit(doc)
}

// streamJSONArray reads the file at path an element at a time when it
// holds a JSON array of objects, and reports whether it did (false: the
// caller reads it whole, and says what is wrong with it). The size limit
// applies to each element: a longer one is reported and skipped. An array
// that breaks off (a truncated file) keeps the articles before the break
// and reports the rest as one error.
func streamJSONArray(ctx context.Context, path string, limit int64, emit func(news.Document) error, report func(error)) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, nil // readSource reports it
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, streamPeek)
	peek, _ := r.Peek(streamPeek)
	head := bytes.TrimLeft(trimBOM(peek), " \t\r\n")
	if len(head) == 0 || head[0] != '[' || !bytes.HasPrefix(bytes.TrimLeft(head[1:], " \t\r\n"), []byte("{")) {
		return false, nil
	}
	if bytes.HasPrefix(peek, utf8BOM) {
		r.Discard(len(utf8BOM))
	}
	// The decoder would hold a huge element whole; the guard stops it at
	// twice the limit, past which no element is read.
	guard := &elementGuard{r: r, max: 2*limit + streamPeek}
	dec := json.NewDecoder(guard)
	if _, err := dec.Token(); err != nil {
		return false, nil
	}
	out := &itemSender{path: path, emit: emit, report: report}
	for dec.More() {
		if err := ctx.Err(); err != nil {
			return true, err
		}
		guard.read = 0
		before := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			report(&InputError{Input: fmt.Sprintf("%s#%d", path, out.count+1), Err: reason("invalid json from here on: "+err.Error(), ErrMalformed, err)})
			return true, nil
		}
		it := jsonItem{raw: raw}
		switch {
		case dec.InputOffset()-before > limit:
			it = jsonItem{err: reason(fmt.Sprintf("article %d is over %d bytes", out.count+1, limit), ErrTooLarge)}
		case len(raw) == 0 || raw[0] != '{':
			it.err = reason("not a json object", ErrMalformed)
		}
		if err := out.add(it); err != nil {
			return true, err
		}
	}
	return true, out.finish()
}

// elementGuard fails a read once more than max bytes were read since read
// was last reset: one element of a JSON array never takes more.
type elementGuard struct {
	r         io.Reader
	read, max int64
}

func (g *elementGuard) Read(p []byte) (int, error) {
	if g.read > g.max {
		return 0, reason(fmt.Sprintf("an element over %d bytes", g.max), ErrTooLarge)
	}
	n, err := g.r.Read(p)
	g.read += int64(n)
	return n, err
}

// readLine reads one line (its newline included) into *buf, reusing it. A
// line over limit is read to its end but not kept: tooLong is set and raw
// is empty.
func readLine(r *bufio.Reader, limit int64, buf *[]byte) (raw []byte, tooLong bool, err error) {
	*buf = (*buf)[:0]
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if int64(len(*buf)+len(chunk)) > limit {
				tooLong, *buf = true, (*buf)[:0]
			} else {
				*buf = append(*buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		return *buf, false, err
	}
}
