package ingest

import (
	"bufio"
	"bytes"
	"context"
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
// a million articles goes through. Other inputs are read whole, as Read
// reads them.
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
			if err != nil || done {
				if err != nil {
					return err
				}
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
		pending   *jsonItem // the first article, named once it is known whether a second follows
		line      []byte
		count     int
	)
	send := func(it jsonItem, number int, alone bool) error {
		name := fmt.Sprintf("%s#%d", path, number)
		if alone {
			name = path
		}
		doc, err := it.document(name)
		if err != nil {
			report(&InputError{Input: name, Err: err})
			return nil
		}
		return emit(doc)
	}
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
				count++
				it := jsonLineItem(raw, trimmed, n, start)
				if tooLong {
					it = jsonItem{err: reason(fmt.Sprintf("line %d is over %d bytes", n, limit), ErrTooLarge)}
				}
				switch {
				case count == 1:
					keep := it
					keep.raw = bytes.Clone(it.raw)
					pending = &keep
				case count == 2:
					if err := send(*pending, 1, false); err != nil {
						return true, err
					}
					pending = nil
					fallthrough
				default:
					if err := send(it, count, false); err != nil {
						return true, err
					}
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	switch {
	case pending != nil:
		return true, send(*pending, 1, true)
	case count == 0:
		report(&InputError{Input: path, Err: reason("no articles", ErrEmpty)})
	}
	return true, nil
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
