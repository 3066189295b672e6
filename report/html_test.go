package report

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storydiff/storydiff/result"
)

func TestHTML(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, htm, tc.res())
			golden(t, ".golden.html", got)
			checkHTML(t, got)
		})
	}
}

func TestFactsHTML(t *testing.T) {
	for _, tc := range factCases {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, htm, factsResult(tc.cmp()))
			golden(t, ".golden.html", got)
			checkHTML(t, got)
		})
	}
}

// checkHTML parses a review page and fails t if it holds any element an
// article could have smuggled in: a script other than the page's own, an
// event handler, an image, a frame, an object, a style sheet link, a
// form, or a URL with a scheme; and if its script or style is not the one
// its Content-Security-Policy allows.
func checkHTML(t *testing.T, page []byte) *html.Node {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	scripts, styles := 0, 0
	var csp string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script:
				scripts++
				if n.FirstChild == nil || n.FirstChild.Data != reviewJS {
					t.Errorf("a <script> other than the page's own")
				}
			case atom.Style:
				styles++
				if n.FirstChild == nil || n.FirstChild.Data != reviewCSS {
					t.Errorf("a <style> other than the page's own")
				}
			case atom.Img, atom.Iframe, atom.Object, atom.Embed, atom.Form, atom.Svg, atom.Math, atom.Base, atom.Input:
				t.Errorf("<%s> element in the page", n.Data)
			case atom.Link:
				if attr(n, "rel") != "icon" || attr(n, "href") != "data:," {
					t.Errorf("<link %v> in the page", n.Attr)
				}
			case atom.Meta:
				if attr(n, "http-equiv") == "Content-Security-Policy" {
					csp = attr(n, "content")
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcdoc" {
					t.Errorf("attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
				if (a.Key == "href" || a.Key == "src") && strings.Contains(a.Val, ":") && a.Val != "data:," {
					t.Errorf("URL with a scheme: <%s %s=%q>", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if scripts != 1 || styles != 1 {
		t.Errorf("%d scripts and %d styles, want one of each", scripts, styles)
	}
	for _, want := range []string{"default-src 'none'", "script-src " + hashSource(reviewJS), "style-src " + hashSource(reviewCSS)} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	return root
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestHTMLArticleTextIsText puts markup in an article's title and text and
// checks that the page shows it as the same characters, in marks where a
// fact is, and nowhere as markup.
func TestHTMLArticleTextIsText(t *testing.T) {
	title := `Quake <script>alert(1)</script> kills 40`
	text := "At least 40 people died, <img src=x onerror=alert(2)> officials said.\n" +
		"\u202eevil\x1b[31m and a </textarea></mark><b>bold</b> \xff end.\n"
	res := &result.Result{Documents: []result.Document{
		{ID: "a", Title: title, TitleLine: 1, FirstLine: 2, Text: text, Link: "dir/a b (1).txt"},
		{ID: "b", Title: "Quake kills 43", Text: "At least 43 people died."},
	}, Clusters: []result.Cluster{{ID: "c1", Documents: []string{"a", "b"}, Comparison: &result.Comparison{
		Conflicts: []result.Conflict{{Kind: "figure", Sureness: "high", Text: "dead", Values: []result.ConflictValue{
			{Doc: "a", Line: 2, Value: "40", Wording: "At least 40 people died, <img src=x onerror=alert(2)> officials said."},
			{Doc: "b", Line: 1, Value: "43", Wording: "At least 43 people died."},
		}}},
	}}}}
	page := render(t, htm, res)
	root := checkHTML(t, page)
	var body strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			body.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, want := range []string{title, "At least 40 people died, <img src=x onerror=alert(2)> officials said.",
		"evil[31m and a </textarea></mark><b>bold</b> \uFFFD end.", "dir/a%20b%20%281%29.txt#L2"} {
		if !strings.Contains(body.String(), want) && !bytes.Contains(page, []byte(want)) {
			t.Errorf("page does not show %q", want)
		}
	}
	if bytes.Contains(page, []byte("\u202e")) || bytes.Contains(page, []byte("\x1b")) {
		t.Errorf("page holds a bidi override or an escape character")
	}
	if !bytes.Contains(page, []byte(`<mark class="hc" data-k="1"`)) {
		t.Errorf("the conflicting sentence is not marked:\n%s", page)
	}
}
