// Package input loads news articles from text, Markdown, HTML and JSON Lines
// files, directories of them, and standard input, keeping their provenance
// (path, JSONL record, line numbers) in a [corpus.Article].
//
// [Walk] streams articles in a deterministic order; [Load] collects them and
// makes their IDs unique. Bad inputs never stop a load: each is reported to
// [Options.Warn] as a *[ParseError] naming the file (and the line, for JSON
// Lines) and wrapping a sentinel such as [ErrBinary], [ErrInvalidUTF8],
// [ErrEmpty], [ErrMissingField] or [ErrMalformed], or an operating-system
// error such as [fs.ErrNotExist]. Inputs are only ever read.
//
// # Input formats
//
// The format comes from the file extension, case-insensitively.
//
// Plain text (.txt) and Markdown (.md, .markdown):
//
//	Source: Radio Free Europe        <- optional header lines, only at the very top
//	Date: December 21, 2020
//	URL: https://example.org/story
//	                                 <- optional blank line
//	Headline of the story            <- first non-empty line: the title
//	                                 <- (Markdown: "# " or a setext underline stripped)
//	Body text...                     <- the rest: Text
//
// Recognised header keys (case-insensitive) are Source, Date, URL, Title, ID,
// Author and Byline; headers stop at the first line that is not one of them.
// With a Title header, the body has no title line: all of it is Text.
// Markdown files may instead open with a front matter block between "---"
// lines, of which the same keys are read and others ignored. A UTF-8 byte
// order mark is dropped and CRLF (or lone CR) line ends become LF, so Text
// holds LF line ends only while [corpus.Article.Line] still gives the line
// number in the file as an editor shows it. Leading blank lines of the body are
// skipped and trailing white space trimmed. A file holding a single line
// (a one-sentence document) has no title: the line is the Text; only a lone
// Markdown heading is kept as a title with empty Text. The ID is the file name without its
// extension unless an ID header gives one.
//
// HTML (.html, .htm): the main text is extracted with go-readability (a port
// of Mozilla's Readability), which drops navigation, sidebars and footers.
// Title, Byline, Source (the site name) and the publication date come from
// the page's metadata (OpenGraph, JSON-LD, <meta>, <time pubdate>) when
// present. Text has one paragraph per line with a blank line between
// paragraphs; line numbers are those of this extracted text (FirstLine 1),
// not of the HTML source. A charset declared by a BOM or <meta charset> is
// converted to UTF-8; without one, the page must be valid UTF-8.
//
// JSON Lines (.jsonl, .ndjson): one JSON object per line:
//
//	{"id": "a1", "title": "...", "source": "...", "url": "...", "date": "2020-12-21", "byline": "...", "text": "..."}
//
// "text" is required and must hold more than white space; "id" (a string or
// a number), "title", "source", "url", "date", "byline" and "author" (used
// when "byline" is absent) are optional strings, null meaning absent; other
// fields are ignored and field names match case-insensitively, as in
// encoding/json. Blank lines are skipped; a malformed line is reported as
// "file:LINE: ..." and reading goes on. Record is the file line; the ID is
// "id", else "<file stem>:<line>". Text keeps the field's own lines (CRLF
// turned into LF) and Line gives the line within the field (FirstLine 1).
// Lines of any length are read (a 50 MB record is fine), and [ParseRecord]
// lets a caller decode lines on several cores.
//
// Standard input ("-" in the paths) is sniffed: JSON Lines when its first
// non-space byte is "{", HTML when it starts with a tag such as <!doctype
// html>, <html>, <body> or <p>, plain text otherwise. Its articles have Path
// "-" and ID "stdin" (JSONL: "stdin:LINE" unless the record has an id).
//
// Directories are walked recursively in sorted order, taking files by
// extension; other files, hidden entries (names starting with ".") and
// symbolic links to directories inside them are skipped silently, an entry
// with an article extension that is not a regular file (a FIFO, a device)
// is reported, and a directory with no article file at all is reported. A
// path given as an argument is followed even when it is a link to a
// directory. A file named explicitly with another extension, or none, is
// read as plain text.
//
// Limits and checks: [Options.MaxBytes] skips, with a warning, a file or
// JSON Lines record over the limit without reading it into memory;
// [Options.Open] sees each file before it is read (a caller refuses to read
// its own output file that way). Article IDs are made unique by [IDs].
//
// Dates: [ParseDate] reads the common forms of news metadata. Date is then
// "2006-01-02" and Time is set; an unparseable date is kept as written in
// Date with a zero Time.
package input
