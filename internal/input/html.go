package input

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"

	"github.com/storydiff/storydiff/corpus"
)

// ParseHTML extracts the article from an HTML page named file. Errors are
// *ParseError values wrapping [ErrBinary], [ErrInvalidUTF8] or [ErrEmpty].
func ParseHTML(data []byte, file string) (*corpus.Article, error) {
	// UTF-16 (declared by its byte order mark) is half NUL bytes: decode it
	// before looking for binary content.
	utf16 := bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe})
	if !utf16 && LooksBinary(data) {
		return nil, perr(file, 0, ErrBinary)
	}
	data, err := toUTF8(data, file)
	if err != nil {
		return nil, err
	}
	if utf16 && LooksBinary(data) {
		return nil, perr(file, 0, ErrBinary)
	}
	// Parse the (now UTF-8) page ourselves: readability's own Parse guesses
	// the charset statistically and can mis-decode valid UTF-8.
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, perr(file, 0, fmt.Errorf("parsing HTML: %w", err))
	}
	p := readability.NewParser()
	ra, err := p.ParseAndMutate(doc, nil)
	if err != nil {
		return nil, perr(file, 0, fmt.Errorf("%w: extracting main text: %v", ErrEmpty, err))
	}
	a := &corpus.Article{
		Path:   file,
		Title:  oneLine(ra.Title()),
		Byline: cleanByline(ra.Byline()),
		Source: oneLine(ra.SiteName()),
	}
	if t, err := ra.PublishedTime(); err == nil && !t.IsZero() {
		a.Time = t
		a.Date = t.Format("2006-01-02")
	} else {
		setDate(a, metaDate(data))
	}
	if ra.Node != nil {
		a.Text = dropLeading(paragraphs(render.InnerText(ra.Node)), a.Title, a.Byline)
	}
	if a.Text == "" {
		return nil, perr(file, 0, fmt.Errorf("%w: no main text found in HTML", ErrEmpty))
	}
	return finish(a, file), nil
}

// toUTF8 returns data as UTF-8: converted when the page declares another
// charset, checked otherwise.
func toUTF8(data []byte, file string) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	enc, name := declaredCharset(data)
	if enc != nil && name != "utf-8" {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, perr(file, 0, fmt.Errorf("%w: decoding %s: %v", ErrInvalidUTF8, name, err))
		}
		return out, nil
	}
	if !utf8.Valid(data) {
		return nil, perr(file, invalidUTF8Line(data), ErrInvalidUTF8)
	}
	return data, nil
}

// paragraphs normalises extracted text: lines trimmed, runs of blank lines
// collapsed to one, no leading or trailing blank lines.
func paragraphs(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	blank := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimFunc(line, isSpaceRune)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// oneLine collapses white space runs (including newlines) to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// dropLeading removes from the start of text the lines that repeat the title
// or the byline ("By Jane Doe"), which readability leaves in place when it
// took them from the page's metadata.
func dropLeading(text, title, byline string) string {
	for {
		line, rest, _ := strings.Cut(text, "\n")
		l := oneLine(line)
		if l == "" || !(sameText(l, title) || sameText(l, byline) || sameText(l, "by "+byline)) {
			return text
		}
		text = strings.TrimLeftFunc(rest, isSpaceRune)
	}
}

// sameText reports whether a and b are equal ignoring case, white space and a
// final full stop; an empty b never matches.
func sameText(a, b string) bool {
	b = strings.TrimSuffix(oneLine(b), ".")
	if b == "" || b == "by" {
		return false
	}
	return strings.EqualFold(strings.TrimSuffix(a, "."), b)
}

// cleanByline collapses white space and drops a leading "By".
func cleanByline(s string) string {
	s = oneLine(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = strings.TrimSpace(s[3:])
	}
	return s
}

// charsetRE finds a charset declaration in a <meta> tag.
var charsetRE = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// declaredCharset returns the encoding declared by a BOM or a <meta> tag in
// the first 1024 bytes (as browsers look), or nil when there is none.
func declaredCharset(data []byte) (encoding.Encoding, string) {
	if bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		enc, name, _ := charset.DetermineEncoding(data, "")
		return enc, name
	}
	m := charsetRE.FindSubmatch(data[:min(len(data), 1024)])
	if m == nil {
		return nil, ""
	}
	return charset.Lookup(string(m[1]))
}

// dateMetaNames are <meta> names, properties and itemprops holding a
// publication date, beyond those go-readability reads, lower-cased.
var dateMetaNames = map[string]bool{
	"article:published_time": true, "og:published_time": true, "article:published": true,
	"date": true, "pubdate": true, "publishdate": true, "publish-date": true, "publish_date": true,
	"publication_date": true, "publication-date": true, "dc.date": true, "dc.date.issued": true,
	"dcterms.date": true, "dcterms.issued": true, "dcterms.created": true, "sailthru.date": true,
	"datepublished": true, "originalpublicationdate": true, "parsely-pub-date": true,
	"article.published": true, "displaydate": true,
}

// metaDate returns the first publication date found in the page's <meta>
// tags (content attribute) or a <time> marked pubdate or
// itemprop="datePublished" (datetime attribute), "" when there is none.
func metaDate(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if (tag != "meta" && tag != "time") || !hasAttr {
				continue
			}
			attrs := map[string]string{}
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				attrs[string(k)] = strings.TrimSpace(string(v))
			}
			if tag == "meta" {
				for _, key := range []string{"name", "property", "itemprop"} {
					if dateMetaNames[strings.ToLower(attrs[key])] && attrs["content"] != "" {
						return attrs["content"]
					}
				}
				continue
			}
			_, pub := attrs["pubdate"]
			if (pub || strings.EqualFold(attrs["itemprop"], "datePublished")) && attrs["datetime"] != "" {
				return attrs["datetime"]
			}
		}
	}
}
