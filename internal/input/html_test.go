package input

import (
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// utf16BOM encodes s as UTF-16 with a byte order mark.
func utf16BOM(order unicode.Endianness, s string) string {
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

// TestParseHTMLFixture checks that readability finds the article body,
// byline, site name and date of a page wrapped in navigation, a sidebar and
// a footer.
func TestParseHTMLFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/storm.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseHTML(raw, "testdata/storm.html")
	if err != nil {
		t.Fatal(err)
	}
	fields := []struct{ name, got, want string }{
		{"ID", a.ID, "storm"},
		{"Title", a.Title, "Storm floods coastal towns as rivers burst their banks"},
		{"Byline", a.Byline, "Jane Marlow, Weather Correspondent"},
		{"Source", a.Source, "The Harbour Gazette"},
		{"Date", a.Date, "2021-09-15"},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	for _, want := range []string{"Heavy rain driven by a slow-moving storm", "fire chief Tom Okafor", "Schools in three districts"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, boiler := range []string{"Subscribe now", "Most read", "Celebrity chef", "All rights reserved", "Cookie settings", "Jane Marlow"} {
		if strings.Contains(a.Text, boiler) {
			t.Errorf("Text holds boilerplate %q:\n%s", boiler, a.Text)
		}
	}
	if !strings.HasPrefix(a.Text, "Heavy rain") {
		t.Errorf("Text starts %q, want the first paragraph", a.Text[:min(len(a.Text), 40)])
	}
	// One paragraph per line, paragraphs separated by a blank line.
	if got, want := strings.Count(a.Text, "\n\n"), 3; got != want {
		t.Errorf("Text has %d paragraph breaks, want %d:\n%s", got, want, a.Text)
	}
	off := strings.Index(a.Text, "The regional weather office")
	if got, want := a.Line(off), 5; got != want {
		t.Errorf("Line(third paragraph) = %d, want %d (lines of the extracted text)", got, want)
	}
}

func TestParseHTML(t *testing.T) {
	para := "<p>" + strings.Repeat("The minister said the talks would resume next week in Geneva. ", 6) + "</p>"
	tests := []struct {
		name, in                    string
		title, byline, date, source string
		textHas                     string
	}{
		{
			name:    "meta author line is dropped from the text",
			in:      `<html><head><title>Talks</title><meta name="author" content="Ann Lee"><meta name="date" content="2020-12-21"></head><body><article><h1>Talks</h1><p>By Ann Lee</p>` + para + para + `</article></body></html>`,
			title:   "Talks",
			byline:  "Ann Lee",
			date:    "2020-12-21",
			textHas: "The minister said",
		},
		{
			name: "JSON-LD metadata",
			in: `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Geneva talks resume","datePublished":"2020-12-21T08:00:00Z","author":{"@type":"Person","name":"Bo Chen"},"publisher":{"@type":"Organization","name":"Daily Wire Service"}}</script></head>` +
				`<body><div class="content">` + para + para + `</div></body></html>`,
			title:   "Geneva talks resume",
			byline:  "Bo Chen",
			date:    "2020-12-21",
			source:  "Daily Wire Service",
			textHas: "resume next week",
		},
		{
			name:    "declared latin-1 charset is converted",
			in:      "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><p>Le caf\xe9 est ferm\xe9. " + strings.Repeat("Encore du texte ici. ", 30) + "</p></body></html>",
			title:   "Café",
			textHas: "Le café est fermé.",
		},
		{
			name:    "UTF-16LE with a byte order mark is decoded",
			in:      utf16BOM(unicode.LittleEndian, "<html><head><title>Café</title></head><body>"+para+para+"</body></html>"),
			title:   "Café",
			textHas: "The minister said",
		},
		{
			name:    "UTF-16BE with a byte order mark is decoded",
			in:      utf16BOM(unicode.BigEndian, "<html><head><title>Café</title></head><body>"+para+para+"</body></html>"),
			title:   "Café",
			textHas: "The minister said",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseHTML([]byte(tt.in), "p.html")
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || a.Byline != tt.byline || a.Date != tt.date || a.Source != tt.source {
				t.Errorf("Title, Byline, Date, Source = %q, %q, %q, %q; want %q, %q, %q, %q",
					a.Title, a.Byline, a.Date, a.Source, tt.title, tt.byline, tt.date, tt.source)
			}
			if !strings.Contains(a.Text, tt.textHas) {
				t.Errorf("Text lacks %q:\n%s", tt.textHas, a.Text)
			}
			if tt.byline != "" && strings.Contains(a.Text, tt.byline) {
				t.Errorf("Text repeats the byline %q:\n%s", tt.byline, a.Text)
			}
		})
	}
}

func TestParseHTMLBad(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrEmpty},
		{"no text", "<html><head><title>x</title></head><body> \n </body></html>", ErrEmpty},
		{"binary", "<html>\x00\x00\x00\x01", ErrBinary},
		{"binary behind a UTF-16 byte order mark", "\xff\xfe\x00\x00\x01\x00\x02\x00\x03\x00", ErrBinary},
		{"invalid UTF-8 without charset", "<html><body><p>caf\xe9</p></body></html>", ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseHTML([]byte(tt.in), "bad.html")
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseHTML(%q) = %+v, %v; want error %v", tt.in, a, err, tt.want)
			}
			if pe, ok := errors.AsType[*ParseError](err); !ok || pe.File != "bad.html" {
				t.Errorf("error %v is not a *ParseError for bad.html", err)
			}
		})
	}
}
