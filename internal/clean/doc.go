// Package clean is the news-specific cleaning that every input needs, plain
// text and extracted HTML alike: it separates an article's body from the
// furniture that scrapers and extractors leave around it — headlines and
// standfirsts, metadata and date lines, photo captions and credits,
// donation and subscription appeals, "Read more" and "Follow us" lines,
// source footers, datelines and doubled drop caps — and records every piece
// it takes out, with its kind and the rule that took it.
//
// The rules are general patterns of how outlets lay out these pieces (a
// credit is a short run of capitalised names joined by "/" or "via"; an
// appeal addresses the reader and asks for support; a date line holds
// nothing but a date and a section label), not strings of any one outlet.
// No extractor library does this part: go-trafilatura and Readability keep
// in-body donation boxes, captions and "Read more" links, and plain text
// has no markup for them to use at all.
//
// Cleaning only removes: the cleaned text is the input's paragraphs, in
// order, less what Removed lists, with whitespace collapsed. The one edit
// inside a word, dropping the doubled letter of a drop cap ("RRussia"), is
// itself listed in Removed.
package clean
