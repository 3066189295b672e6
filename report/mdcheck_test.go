package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// gfm is the Markdown dialect the reports are checked against.
var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

// rendered is what a Markdown document shows once rendered: its headings
// and its tables as plain text.
type rendered struct {
	headings []string     // h1..h6 text, in order
	items    []string     // list item text, in order
	paras    []string     // paragraphs outside list items and tables
	tables   [][][]string // per table: header row then body rows, cell text
}

// checkMarkdown parses src as GFM and fails t if a table row has a cell
// count other than its header's, or if raw HTML, an autolink, an image or
// a link to anything but a file path (no scheme) appears anywhere. When
// plainCells is set it also fails if a table cell or
// heading holds anything but text (no emphasis, code, strikethrough). It
// returns the rendered headings, list items and tables.
func checkMarkdown(t testing.TB, src []byte, plainCells bool) rendered {
	t.Helper()
	doc := gfm.Parser().Parse(text.NewReader(src))
	err := gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n.Kind() {
		case gast.KindRawHTML, gast.KindHTMLBlock:
			t.Errorf("raw HTML node %s in output", n.Kind())
		case gast.KindLink:
			// The report links line references to the article's file:
			// a relative or absolute path, never a scheme.
			if dest := string(n.(*gast.Link).Destination); strings.ContainsAny(dest, ": <>()") || dest == "" {
				t.Errorf("link to %q in output", dest)
			}
		case gast.KindAutoLink, gast.KindImage:
			t.Errorf("link node %s in output", n.Kind())
		case east.KindTable:
			var want int
			for row := n.FirstChild(); row != nil; row = row.NextSibling() {
				if row.Kind() == east.KindTableHeader {
					want = row.ChildCount()
					continue
				}
				if got := row.ChildCount(); got != want {
					t.Errorf("table row has %d cells, header has %d", got, want)
				}
			}
		}
		return gast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := gfm.Renderer().Render(&out, src, doc); err != nil {
		t.Fatal(err)
	}
	return extractRendered(t, out.Bytes(), plainCells)
}

func extractRendered(t testing.TB, page []byte, plainCells bool) rendered {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var r rendered
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				r.headings = append(r.headings, textOf(t, n, plainCells))
				return
			case atom.P:
				r.paras = append(r.paras, textOf(t, n, plainCells))
				return
			case atom.Li:
				r.items = append(r.items, textOf(t, n, false))
				return
			case atom.Table:
				r.tables = append(r.tables, tableOf(t, n, plainCells))
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return r
}

func tableOf(t testing.TB, table *html.Node, plainCells bool) [][]string {
	var rows [][]string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Tr {
			var row []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
					row = append(row, textOf(t, c, plainCells))
				}
			}
			rows = append(rows, row)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(table)
	return rows
}

// textOf returns the text of n; with plain set, it fails t if n has any
// element inside it.
func textOf(t testing.TB, n *html.Node, plain bool) string {
	t.Helper()
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if plain && c.DataAtom != atom.A {
					t.Errorf("<%s> element inside <%s>", c.Data, n.Data)
				}
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}
