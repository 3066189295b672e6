package report

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "Floods force thousands from homes", "Floods force thousands from homes"},
		{"pipe", "a | b", `a \| b`},
		{"backslash", `C:\path\`, `C:\\path\\`},
		{"escaped pipe stays escaped", `\|`, `\\\|`},
		{"newlines and tabs", "one\r\ntwo\n\nthree\tfour", "one two three four"},
		{"trimmed", "  \n spaced \t ", "spaced"},
		{"html", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"entity", "&amp; &copy;", "&amp;amp; &amp;copy;"},
		{"emphasis", "*bold* _it_ ~~gone~~", `\*bold\* \_it\_ \~\~gone\~\~`},
		{"code", "`x`", "\\`x\\`"},
		{"link", "[a](http://b)", `\[a\](http\://b)`},
		{"image", "![a](b)", `!\[a\](b)`},
		{"heading", "# title ##", `\# title \#\#`},
		{"list", "- item", `\- item`},
		{"plus list", "+ item", `\+ item`},
		{"ordered list", "12. item", `12\. item`},
		{"ordered paren", "3) item", `3\) item`},
		{"ten digits are not a list", "1234567890. x", "1234567890. x"},
		{"inner dash kept", "well-known - fact", "well-known - fact"},
		{"setext", "===", `\===`},
		{"quote", "> said", "&gt; said"},
		{"www", "see www.example.com", `see www\.example.com`},
		{"email", "mail@example.com", `mail\@example.com`},
		{"url", "https://example.com/x", `https\://example.com/x`},
		{"math", "$x^2$", `\$x^2\$`},
		{"controls", "a\x00b\x1b[31mc\x7fd", `ab\[31mcd`},
		{"bidi override", "abc\u202edef\u2066g", "abcdefg"},
		{"joiners kept", "👩‍👩‍👧 \u200fשלום", "👩‍👩‍👧 \u200fשלום"},
		{"invalid utf-8", "a\xffb", "a\ufffdb"},
		{"unicode spaces", "a\u00a0b\u2028c\u3000d", "a b c d"},
		{"typographic kept", "“Yes,” she said — 3.5%", "“Yes,” she said — 3.5%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeMarkdown(tt.in); got != tt.want {
				t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCells(t *testing.T) {
	tests := []struct {
		in, md, plain string
	}{
		{"", "—", "—"},
		{" \n\t", "—", "—"},
		{"a|b", `a\|b`, "a|b"},
		{"\x1b[1mbold\x1b[0m\r\nnext", `\[1mbold\[0m next`, "[1mbold[0m next"},
	}
	for _, tt := range tests {
		if got := escapeCell(tt.in); got != tt.md {
			t.Errorf("escapeCell(%q) = %q, want %q", tt.in, got, tt.md)
		}
		if got := plainCell(tt.in); got != tt.plain {
			t.Errorf("plainCell(%q) = %q, want %q", tt.in, got, tt.plain)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"short", "abc", 5, "abc"},
		{"exact", "abcde", 5, "abcde"},
		{"cut", "abcdef", 5, "abcd…"},
		{"space before cut trimmed", "abc defgh", 5, "abc…"},
		{"emoji not split", "ab👩‍👩‍👧cd", 4, "ab👩‍👩‍👧…"},
		{"emoji counted as one", "👩‍👩‍👧👩‍👩‍👧", 2, "👩‍👩‍👧👩‍👩‍👧"},
		{"combining mark kept", "e\u0301e\u0301e\u0301", 2, "e\u0301…"},
		{"whitespace normalised", "a\n\nb", 3, "a b"},
		{"no limit", "abcdef", 0, "abcdef"},
		{"cut between words", "the church of Sarah Palin, Alaska", 28, "the church of Sarah Palin…"},
		{"word too far back", "a verylongwordthatgoesonandon", 12, "a verylongw…"},
		{"cut at a space", "abcd efgh", 5, "abcd…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncate(tt.in, tt.max); got != tt.want {
				t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

// FuzzEscapeMarkdown checks that escaped text, put in a table cell, a
// heading or a paragraph, renders as one cell, one heading or one paragraph
// holding exactly the sanitised text: no extra cell or row, no raw HTML, no
// link, no markup.
func FuzzEscapeMarkdown(f *testing.F) {
	for _, s := range []string{
		"", "plain", "a | b", `\|`, "line\nbreak", "<script>alert(1)</script>",
		"*x* _y_ `z` ~~w~~", "[l](u) ![i](s)", "# h", "- l", "1. o", "> q", "===",
		"&amp; &#60;", "www.x.com a@b.co https://x.y", "👩‍👩‍👧 \u202e", "\xff\xfe",
		"<!-- c -->", "<div>\n\nx", "a\\", "```", "~~~", "    code", "[x]: /url",
		"***", "- - -", "|---|", "a\u00a0|\u00a0b", "<http://a.b>", "&#x1F600;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeMarkdown(s)
		if strings.ContainsAny(e, "\r\n") || !utf8.ValidString(e) {
			t.Fatalf("EscapeMarkdown(%q) = %q: not one valid line", s, e)
		}
		want := sanitize(s)

		cell := escapeCell(s)
		doc := "| h | g |\n| --- | --- |\n| " + cell + " | end |\n"
		r := checkMarkdown(t, []byte(doc), true)
		wantCell := want
		if wantCell == "" {
			wantCell = emptyCell
		}
		if len(r.tables) != 1 || len(r.tables[0]) != 2 || len(r.tables[0][1]) != 2 ||
			r.tables[0][1][0] != wantCell || r.tables[0][1][1] != "end" {
			t.Fatalf("cell %q (from %q) renders as %q, want one row [%q end]", cell, s, r.tables, wantCell)
		}

		r = checkMarkdown(t, []byte("## "+e+"\n"), true)
		if len(r.headings) != 1 || r.headings[0] != want {
			t.Fatalf("heading %q (from %q) renders as %q, want %q", e, s, r.headings, want)
		}

		if want == "" {
			return
		}
		r = checkMarkdown(t, []byte(e+"\n"), true)
		if len(r.paras) != 1 || r.paras[0] != want || len(r.headings)+len(r.tables)+len(r.items) != 0 {
			t.Fatalf("paragraph %q (from %q) renders as %+v, want one paragraph %q", e, s, r, want)
		}
		r = checkMarkdown(t, []byte("- "+e+"\n"), true)
		if len(r.items) != 1 || r.items[0] != want {
			t.Fatalf("list item %q (from %q) renders as %q, want %q", e, s, r.items, want)
		}
	})
}

func BenchmarkEscapeMarkdown(b *testing.B) {
	s := strings.Repeat("Kremlin spokesman Dmitry Peskov said: “We <never> | *confirm* such reports” — www.example.com ", 20)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		EscapeMarkdown(s)
	}
}
