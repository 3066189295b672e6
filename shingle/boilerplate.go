package shingle

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// boilerplateLine matches whole lines that scrapers and wire services add to
// articles and that say nothing about the event: link teasers, ad markers,
// credits, publication stamps. They are removed before any feature or
// shingle is computed, so unrelated articles from one site do not look alike.
var boilerplateLine = regexp.MustCompile(`(?i)^\s*(?:` + strings.Join([]string{
	`read (?:more|also)\b.*`,
	`(?:see|watch) also\b.*`,
	`related(?: (?:articles?|stories|coverage|news))?\s*:.*`,
	`\[ad_?\d*\]`,
	`advertisement`,
	`source(?: link)?\s*:?.{0,80}`,
	`(?:with )?(?:additional )?reporting by\b.*`,
	`(?:first )?published\b.{0,80}`,
	`(?:last )?updated\b.{0,80}`,
	`posted\b.{0,80}`,
	`(?:copyright|©|\(c\)).{0,120}`,
	`all rights reserved.*`,
	`(?:click|tap) here\b.*`,
	`(?:sign up|subscribe)\b.{0,120}`,
	`follow (?:us|@).{0,120}`,
	`share (?:this|on)\b.{0,80}`,
	`(?:editing|edited|writing|compiled) by\b.{0,120}`,
	`(?:photo|image|video|picture)(?: credit)?s?\s*:.{0,120}`,
	`this (?:article|story) (?:was|has been|is)\b.{0,160}`,
}, "|") + `)\s*$`)

// boilerplateFirst maps the first words (lower-case ASCII letters) that a
// line boilerplateLine matches can start with to the words that can follow
// them (nil: any); a line that starts otherwise is not tried against the
// expression, which would cost a corpus of a million articles more than
// signing it.
var boilerplateFirst = map[string][]string{}

func init() {
	for _, w := range strings.Fields(`read see watch related advertisement source
		reporting first published last updated posted copyright
		subscribe photo photos image images video videos picture pictures`) {
		boilerplateFirst[w] = nil
	}
	for first, next := range map[string]string{
		"with": "additional reporting", "additional": "reporting", "all": "rights",
		"click": "here", "tap": "here", "sign": "up", "follow": "us", "share": "this on",
		"editing": "by", "edited": "by", "writing": "by", "compiled": "by", "this": "article story",
	} {
		boilerplateFirst[first] = strings.Fields(next)
	}
}

// firstWord returns the lower-cased ASCII letters at line[i:] (at most 16)
// and the offset after them.
func firstWord(line string, i int, buf *[16]byte) (string, int) {
	j := i
	for j < len(line) && j-i < len(buf) {
		c := line[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c < 'a' || c > 'z' {
			break
		}
		buf[j-i] = c
		j++
	}
	return string(buf[:j-i]), j
}

// IsBoilerplate reports whether line (without its line end) is a
// boilerplate line that [StripBoilerplate] removes.
func IsBoilerplate(line string) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f' || line[i] == '\r' || line[i] == '\n') {
		i++
	}
	if i == len(line) {
		return false
	}
	switch c := line[i]; {
	case c == '[' || c == '(' || c >= utf8.RuneSelf:
		// [ad_1], (c), ©, and letters that fold to ASCII ones (ſ, K).
	default:
		var buf [16]byte
		w, j := firstWord(line, i, &buf)
		next, ok := boilerplateFirst[w]
		if !ok {
			return false
		}
		if next != nil {
			// "follow @wire": a second word that is not letters is left
			// to the expression.
			for j < len(line) && line[j] == ' ' {
				j++
			}
			if w2, k := firstWord(line, j, &buf); k > j && !slices.Contains(next, w2) {
				return false
			}
		}
	}
	return boilerplateLine.MatchString(line)
}

// StripBoilerplate returns text without its boilerplate lines: link
// teasers ("READ MORE: …"), ad markers, credits ("Reporting by …"),
// publication stamps, copyright and subscription lines, photo credits. A
// removed line leaves its line end, so line numbers stay. compare strips
// them before computing event terms and shingles, dedup and the index
// before signing: lines like these are in thousands of unrelated articles
// of one site and would make them look alike. Text without such a line is
// returned as it is, without copying.
func StripBoilerplate(text string) string {
	if !strings.Contains(text, "\n") {
		if IsBoilerplate(text) {
			return ""
		}
		return text
	}
	first := -1 // offset of the first boilerplate line
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		if IsBoilerplate(strings.TrimRight(text[off:end], "\r")) {
			first = off
			break
		}
		off = end + 1
	}
	if first < 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	b.WriteString(text[:first])
	for line := range strings.Lines(text[first:]) {
		if IsBoilerplate(strings.TrimRight(line, "\r\n")) {
			b.WriteByte('\n') // keep line structure for sentence starts
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}
