// Package ingest turns what the user gives — file paths, directories, "-"
// for standard input, http(s) URLs — into news.Document values: raw article
// bodies decoded to UTF-8 plus whatever metadata the container stated.
//
// Each input goes through detect → parse → normalise, in the manner of
// gofeed's parser: the format is told from the content (Detect), not from a
// file name, then read by the reader for that format (text, HTML, JSON,
// JSON Lines, RSS/Atom/RDF feed). Every input is held in memory, so each is
// bounded by Options.MaxBytes and refused with ErrTooLarge rather than
// truncated. A failed input yields one *InputError and the rest are still
// read.
package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/triangulate/triangulate/internal/news"
)

// Defaults for the zero Options.
const (
	DefaultMaxBytes    = 10 << 20 // 10 MiB
	DefaultTimeout     = 30 * time.Second
	DefaultUserAgent   = "triangulate/0.1 (+https://github.com/triangulate/triangulate)"
	DefaultConcurrency = 4
	// MaxRedirects is how many redirects the default client follows.
	MaxRedirects = 10
)

// Options controls Read. The zero value works: every field left zero takes
// the default named in its comment.
type Options struct {
	// MaxBytes is the most one input may hold (after gzip decoding for
	// URLs); a larger input is refused with ErrTooLarge, never truncated.
	// Default DefaultMaxBytes (10 MiB).
	MaxBytes int64
	// Timeout bounds one URL fetch, body included. Default 30s.
	Timeout time.Duration
	// UserAgent is sent with every request. Default DefaultUserAgent.
	UserAgent string
	// Client fetches URLs. Default: one built from these options that
	// follows up to MaxRedirects redirects, asks for and decodes gzip, and
	// times out after Timeout. A caller's client keeps its own redirect
	// policy; Timeout still bounds each fetch.
	Client *http.Client
	// Stdin is read for the input "-". Default os.Stdin.
	Stdin io.Reader
	// Concurrency is how many inputs are read at once. Default 4.
	Concurrency int
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	return o
}

// Errors that Read reports, each inside an *InputError; test with errors.Is.
var (
	ErrEmpty       = errors.New("empty input")
	ErrBinary      = errors.New("binary content, not text")
	ErrInvalidUTF8 = errors.New("invalid utf-8")
	ErrTooLarge    = errors.New("input too large")
	ErrHTTPStatus  = errors.New("http status")
	ErrUnsupported = errors.New("unsupported input")
	// ErrNoContent: an article (JSON object, feed item) with no body.
	ErrNoContent = errors.New("no article body")
	// ErrMalformed: a JSON line or array element, or a feed, that does
	// not parse.
	ErrMalformed = errors.New("malformed input")
	// ErrNoFiles: a directory holding no regular, non-hidden file.
	ErrNoFiles = errors.New("no files in directory")
	// ErrTimeout: a URL fetch that took longer than Options.Timeout.
	ErrTimeout = errors.New("timeout")
	// ErrFetch: a URL that could not be fetched (connection refused,
	// unknown host, too many redirects, ...).
	ErrFetch = errors.New("fetch failed")
)

// InputError is the failure of one input, or of one article within it
// (Input then carries a "#N" suffix): news.InputError, which the later
// stages report too.
type InputError = news.InputError

// reasonError is an error whose message is written for the user while
// errors.Is and errors.As still find the sentinel and the cause behind it.
type reasonError struct {
	msg  string
	errs []error
}

func (e *reasonError) Error() string   { return e.msg }
func (e *reasonError) Unwrap() []error { return e.errs }

// reason returns an error reading msg that wraps errs (nil ones dropped).
func reason(msg string, errs ...error) error {
	e := &reasonError{msg: msg}
	for _, err := range errs {
		if err != nil {
			e.errs = append(e.errs, err)
		}
	}
	return e
}

// tooLarge reports an input of a known size over the limit.
func tooLarge(size, limit int64) error {
	return fmt.Errorf("%w (%d bytes, limit %d)", ErrTooLarge, size, limit)
}

// tooLargeStream reports a stream that went past the limit while read.
func tooLargeStream(limit int64) error {
	return fmt.Errorf("%w (more than %d bytes, limit %d)", ErrTooLarge, limit, limit)
}

// sourceKind says how a single input is read.
type sourceKind int

const (
	sourceFile sourceKind = iota
	sourceStdin
	sourceURL
)

// slot is one unit of Read's output, in input order: a source to read, or
// an error found while expanding the inputs.
type slot struct {
	input string
	kind  sourceKind
	err   error // set when expansion failed; nothing to read

	docs []news.Document
	errs []error
}

// Read expands and reads every input: a file path, a directory (walked
// recursively in lexical order, skipping hidden files and directories and
// anything but regular files), "-" for standard input, or an http(s) URL.
//
// Documents come back in input order, a directory's files in lexical order
// and a container's articles in their order. Each failed input gives one
// *InputError in errs, also in input order, and the other inputs are still
// read. When ctx is cancelled, inputs not yet read fail with ctx's error.
func Read(ctx context.Context, inputs []string, opts Options) (docs []news.Document, errs []error) {
	opts = opts.withDefaults()
	slots := expand(ctx, inputs)
	opts, done := withClient(opts, slots)
	defer done()

	var g errgroup.Group
	g.SetLimit(opts.Concurrency)
	for i := range slots {
		s := &slots[i]
		if s.err != nil {
			continue
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				s.errs = []error{&InputError{Input: s.input, Err: err}}
				return nil
			}
			s.docs, s.errs = readSource(ctx, s, opts)
			return nil
		})
	}
	// Every goroutine records its failure in its slot and returns nil, so
	// one bad input does not cancel the others.
	_ = g.Wait()

	for _, s := range slots {
		if s.err != nil {
			errs = append(errs, &InputError{Input: s.input, Err: s.err})
			continue
		}
		docs = append(docs, s.docs...)
		errs = append(errs, s.errs...)
	}
	return docs, errs
}

// withClient gives opts a client of its own when the slots hold a URL and
// none was given; done releases its connections.
func withClient(opts Options, slots []slot) (Options, func()) {
	if opts.Client != nil || !slices.ContainsFunc(slots, func(s slot) bool { return s.kind == sourceURL }) {
		return opts, func() {}
	}
	c := newClient(opts)
	opts.Client = c
	return opts, c.CloseIdleConnections
}

// expand turns the inputs into slots: directories become their files,
// everything else stays one slot. Missing paths become error slots.
func expand(ctx context.Context, inputs []string) []slot {
	var slots []slot
	stdinSeen := false
	for _, in := range inputs {
		switch {
		case in == "-":
			if stdinSeen {
				slots = append(slots, slot{input: in, err: reason("standard input given more than once", ErrUnsupported)})
				continue
			}
			stdinSeen = true
			slots = append(slots, slot{input: in, kind: sourceStdin})
		case isURL(in):
			slots = append(slots, slot{input: in, kind: sourceURL})
		default:
			info, err := os.Stat(in)
			if err != nil {
				slots = append(slots, slot{input: in, err: pathError(err)})
				continue
			}
			if !info.IsDir() {
				// Not only regular files: a named pipe such as bash's
				// <(cmd) is a fine thing to name explicitly.
				slots = append(slots, slot{input: in, kind: sourceFile})
				continue
			}
			slots = append(slots, walkDir(ctx, in)...)
		}
	}
	return slots
}

// walkDir lists the regular files under dir in lexical order, skipping
// hidden entries (names starting with ".") below dir. Symbolic links to
// regular files are followed; links to directories are not, so a walk
// cannot loop.
func walkDir(ctx context.Context, dir string) []slot {
	var slots []slot
	files := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if path == dir {
				return err
			}
			slots = append(slots, slot{input: path, err: pathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			return nil
		case d.Type().IsRegular():
		case d.Type()&fs.ModeSymlink != 0:
			info, err := os.Stat(path)
			if err != nil || !info.Mode().IsRegular() {
				return nil
			}
		default:
			return nil
		}
		files++
		slots = append(slots, slot{input: path, kind: sourceFile})
		return nil
	})
	if err != nil {
		return append(slots, slot{input: dir, err: pathError(err)})
	}
	if files == 0 && len(slots) == 0 {
		return []slot{{input: dir, err: ErrNoFiles}}
	}
	return slots
}

// pathError drops the operation and path from an *fs.PathError, since
// InputError already names the input: "missing.txt: no such file or
// directory" rather than "missing.txt: stat missing.txt: no such ...".
func pathError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// readSource reads one file, stdin or URL and parses what it holds.
func readSource(ctx context.Context, s *slot, opts Options) ([]news.Document, []error) {
	var (
		content []byte
		meta    sourceMeta
		err     error
	)
	switch s.kind {
	case sourceStdin:
		content, err = readLimited(opts.Stdin, opts.MaxBytes)
	case sourceURL:
		content, meta, err = fetch(ctx, s.input, opts)
	default:
		content, err = readFile(s.input, opts.MaxBytes)
	}
	if err == nil && s.kind != sourceURL {
		content, err = gunzip(content, opts.MaxBytes)
	}
	if err != nil {
		return nil, []error{&InputError{Input: s.input, Err: err}}
	}
	return parse(s.input, content, meta)
}

// gunzip decodes content when it is gzip-compressed (a saved page.html.gz,
// a piped `curl --compressed`-less download), by its magic number rather
// than its name; other content is returned as it is. The decoded size is
// held to limit, so a small compressed file cannot expand without bound.
func gunzip(content []byte, limit int64) ([]byte, error) {
	if len(content) < 2 || content[0] != 0x1f || content[1] != 0x8b {
		return content, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(content))
	if err != nil {
		return nil, reason("invalid gzip: "+err.Error(), ErrBinary, err)
	}
	out, err := readLimited(zr, limit)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, reason("invalid gzip: "+err.Error(), ErrBinary, err)
	}
	return out, nil
}

// readFile reads a file of at most limit bytes, refusing a larger one by
// its size before reading it.
func readFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, pathError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, pathError(err)
	}
	if info.IsDir() {
		return nil, reason("is a directory", ErrUnsupported)
	}
	var size int64
	if info.Mode().IsRegular() {
		size = info.Size()
		if size > limit {
			return nil, tooLarge(size, limit)
		}
	}
	return readLimitedSize(f, limit, size)
}

// readLimited reads r to its end, failing with ErrTooLarge as soon as it
// yields more than limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	return readLimitedSize(r, limit, 0)
}

// readLimitedSize is readLimited for a reader expected to hold size bytes
// (0 if unknown), read into one buffer of that size.
func readLimitedSize(r io.Reader, limit, size int64) ([]byte, error) {
	var buf bytes.Buffer
	if size > 0 {
		// Room for the read that finds the end, so it does not grow
		// the buffer.
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, pathError(err)
	}
	b := buf.Bytes()
	if int64(len(b)) > limit {
		return nil, tooLargeStream(limit)
	}
	return b, nil
}
