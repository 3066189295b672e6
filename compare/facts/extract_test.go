package facts

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/corpus"
)

func sentenceTexts(text string) []string {
	var out []string
	for _, s := range splitSentences(text) {
		out = append(out, text[s.start:s.end])
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"abbreviations", "Gen. Smith met Dr. Jones in the U.S. on Monday. Mr. Lee left.",
			[]string{"Gen. Smith met Dr. Jones in the U.S. on Monday.", "Mr. Lee left."}},
		{"attribution re-attached", "“We will not retreat!” Prigozhin said. The column moved on.",
			[]string{"“We will not retreat!” Prigozhin said.", "The column moved on."}},
		{"straight quotes re-attached", `"Stop now." Officials said so. Then it rained.`,
			[]string{`"Stop now." Officials said so.`, "Then it rained."}},
		{"no split inside a quote", `"We are here. We stay," he said. Next.`,
			[]string{`"We are here. We stay," he said.`, "Next."}},
		{"paragraphs", "Heading\nFirst line ends here.\n\nSecond paragraph.",
			[]string{"Heading", "First line ends here.", "Second paragraph."}},
		{"hard wrap joins", "The minister said the\ntroops had left.",
			[]string{"The minister said the\ntroops had left."}},
		{"initials", "J. R. Smith scored 30. He left.", []string{"J. R. Smith scored 30.", "He left."}},
		{"lower case after period", "It cost 3.5 million. e.g. this stays.", []string{"It cost 3.5 million. e.g. this stays."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentenceTexts(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("splitSentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func article(text string, date time.Time) *corpus.Article {
	return &corpus.Article{ID: "a", Text: text, FirstLine: 3, Time: date}
}

func extractKind(text, kind string, date time.Time) []Extracted {
	var out []Extracted
	for _, x := range Extract(article(text, date)) {
		if x.Kind == kind {
			out = append(out, x)
		}
	}
	return out
}

func TestFigures(t *testing.T) {
	tests := []struct {
		in, wording, value, noun string
	}{
		{"Russia has sent several hundred soldiers to the area.", "several hundred soldiers", "several hundred (200–900)", "soldier"},
		{"The report called for about 2,069 uniformed personnel, including 1,730 soldiers and 339 policemen.", "about 2,069 uniformed personnel", "about 2,069", "personnel"},
		{"The report called for about 2,069 uniformed personnel, including 1,730 soldiers and 339 policemen.", "1,730 soldiers", "1,730", "soldier"},
		{"The report called for about 2,069 uniformed personnel, including 1,730 soldiers and 339 policemen.", "339 policemen", "339", "policeman"},
		{"It sent more than 5,000 troops.", "more than 5,000 troops", "more than 5,000", "troop"},
		{"Up to 1,000 Wagner paramilitaries arrived.", "Up to 1,000 Wagner paramilitaries", "up to 1,000", "paramilitary"},
		{"But the 74-year-old was barred.", "74-year-old", "74 years old", ""},
		{"More than 40 civilians were killed.", "More than 40 civilians", "more than 40", "civilian"},
		{"Turnout fell to 38.5% in the north.", "38.5%", "38.5%", ""},
		{"Inflation was 7 percent last year.", "7 percent", "7%", ""},
		{"The deal is worth $3 million to the firm.", "$3 million", "$3 million", ""},
		{"Hundreds of protesters gathered.", "Hundreds of protesters", "hundreds (200–999)", "protester"},
		{"Thousands fled.", "Thousands", "thousands (2,000–9,999)", ""},
		{"Between 10 and 20 people died.", "Between 10 and 20 people", "10–20", "person"},
		{"Twenty-five people were hurt.", "Twenty-five people", "25", "person"},
		// Numbers as they are written in news.
		{"An eight-year-old boy was found.", "eight-year-old", "8 years old", ""},
		{"The 66-page report was released.", "66-page", "66", "page"},
		{"About two dozen protesters broke in.", "About two dozen protesters", "about 24", "protester"},
		{"It was a 4.4-magnitude quake.", "4.4-magnitude", "4.4 magnitude", "quake"},
		{"A quake of magnitude 7.6 struck.", "7.6", "7.6 magnitude", ""},
		{"The house sold for $A195,900 last week.", "$A195,900", "A$195,900", ""},
		{"The flood displaced 1.8 million people.", "1.8 million people", "1.8 million", "person"},
		{"The victims were aged six to 75 years.", "six to 75 years", "6–75 years", ""},
		{"The bailout of 110 billion euros ($143-billion) was agreed.", "110 billion euros", "€110 billion", ""},
		{"The bailout of 110 billion euros ($143-billion) was agreed.", "$143-billion", "$143 billion", ""},
		{"The climber fell about 150 metres.", "about 150 metres", "about 150 m", ""},
		{"The epicentre was 58km south-west of the city.", "58km", "58 km", ""},
		{"He fell 200ft into a crevasse.", "200ft", "200 ft", ""},
		{"Police seized seven AK-47 assault rifles.", "seven AK-47 assault rifles", "7", "rifle"},
		{"Police seized two other rifles.", "two other rifles", "2", "rifle"},
		{"At least 17 of the hijacked ships are held.", "At least 17 of the hijacked ships", "at least 17", "ship"},
		{"Ten dead in quake", "Ten dead", "10", ""},
		{"Klitschko (52-3, 46 KOs) won.", "52-3", "52-3", ""},
		{"Nearly 300 crewmen are held.", "Nearly 300 crewmen", "nearly 300", "crewman"},
		{"Earlier on Sunday a 5.6 quake jolted the island.", "5.6 quake", "5.6 magnitude", "quake"},
		{"The survey put the quake's strength at magnitude-5.4.", "5.4", "5.4 magnitude", ""},
		{"Officials said the survey measured magnitude 5.4.", "5.4", "5.4 magnitude", ""},
		// Ranges of sums: the scale and the currency are of both ends.
		{"The Orioles offered seven years, $140- $150 million.", "$140- $150 million", "$140–150 million", ""},
		{"The Orioles offered $140-150 million.", "$140-150 million", "$140–150 million", ""},
		{"It cost 140-150 million euros.", "140-150 million euros", "€140–150 million", ""},
		{"Between 2 and 3 million people fled.", "Between 2 and 3 million people", "2–3 million", "person"},
		{"Repairs will cost $1 million to $2 million.", "$1 million to $2 million", "$1–2 million", ""},
		// "over" after a sum is the period it covers, not "more than".
		{"The offer is worth $140 million over seven years.", "seven years", "7 years", ""},
		{"It beats the $161 million (over seven years) he got.", "seven years", "7 years", ""},
		{"The fighting lasted over seven years.", "over seven years", "over 7 years", ""},
		// A spaced dash ends the counted noun.
		{"Witnesses said there were more than 50,000 - - easily the biggest protest.", "more than 50,000", "more than 50,000", ""},
		// Heights, not ranges of feet.
		{"He is 5-feet-8 inches tall.", "5-feet-8 inches", "5 ft 8 in", ""},
		{"The suspect is a 6-foot-2 man.", "6-foot-2", "6 ft 2 in", ""},
		{"They built a 10-foot wall.", "10-foot", "10 ft", ""},
	}
	for _, tt := range tests {
		got := extractKind(tt.in, KindFigure, time.Time{})
		found := false
		var all []string
		for _, f := range got {
			all = append(all, f.Text+"="+valueString(*f.Value)+"/"+f.Value.Noun)
			if f.Text == tt.wording && valueString(*f.Value) == tt.value && f.Value.Noun == tt.noun {
				found = true
			}
		}
		if !found {
			t.Errorf("figures of %q = %q, want %q=%s/%s", tt.in, all, tt.wording, tt.value, tt.noun)
		}
	}
	// Not figures: years, times of day, ordinals, seasons, designations,
	// "one" as a pronoun.
	for _, in := range []string{"He came to power in 2016.", "Posted at 23:51 today.", "On the 21st floor.",
		"He coached in the 2008-09 season.", "The convoy left at 1230 hours.", "When one is killed, all of us lose.",
		"He was one of the deputy's sons.", "Call Crimestoppers on 0800 555 111 with information.",
		"Call police on 555-1234 or 0845 125 2222.", "Owens's run gave the Jaguars a 24-14 lead.",
		"The Bluejays went from being tied with the Bulldogs at 12-12 to a 19-12 lead.",
		"They scored in a 7-0 run."} {
		if got := extractKind(in, KindFigure, time.Time{}); len(got) != 0 {
			t.Errorf("figures of %q = %+v, want none", in, got)
		}
	}
}

func TestFigureMeasures(t *testing.T) {
	tests := []struct {
		in, wording, measure string
	}{
		{"The quake hit the island, killing at least 10 people.", "at least 10 people", "killed"},
		{"The death toll rose to 42 on Monday.", "42", "killed"},
		{"Ten dead in southern Iran quake", "Ten dead", "killed"},
		{"As many as 80 people were also wounded.", "As many as 80 people", "injured"},
		{"The strike left 40 people dead.", "40 people", "killed"},
		{"The island is home to 120,000 people.", "120,000 people", "population"},
		{"Police arrested 46 demonstrators overnight.", "46 demonstrators", "arrested"},
	}
	for _, tt := range tests {
		found := false
		var all []string
		for _, f := range extractKind(tt.in, KindFigure, time.Time{}) {
			all = append(all, f.Text+"="+f.Value.Measure)
			found = found || f.Text == tt.wording && f.Value.Measure == tt.measure
		}
		if !found {
			t.Errorf("figures of %q = %q, want %q measuring %q", tt.in, all, tt.wording, tt.measure)
		}
	}
}

// figureOf returns the first figure of a sentence.
func figureOf(t *testing.T, text string) *figure {
	t.Helper()
	toks := tokenize(text, 0, len(text))
	fs := extractFigures(toks, make([]bool, len(toks)))
	if len(fs) == 0 {
		t.Fatalf("no figure in %q", text)
	}
	return &fs[0]
}

func TestCompatible(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"hundreds of soldiers", "300 soldiers", true},
		{"300 soldiers", "500 soldiers", false},
		{"about 300 soldiers", "320 soldiers", true},
		{"more than 5,000 soldiers", "6,000 soldiers", true},
		{"more than 5,000 soldiers", "1,000 soldiers", false},
		{"40 people", "at least 43 people", false},
		{"about 1,000 people", "350 people", false},
		{"439 children", "more than 450 children", false},
		{"dozens of people", "40 people", true},
		{"more than 100,000 people", "120,000 people", true},
		{"about 200,000 people", "120,000 people", false},
		{"more than 26,000 people", "more than 31,000 people", false},
		{"nearly 300 crewmen", "more than 300 crewmen", false},
		{"more than two dozen engines", "31 engines", true},
		{"7.6 magnitude", "7.7 magnitude", false},
		{"1,500 kilometers", "940 miles", true},
		{"150 metres", "200 feet", false},
		{"60 metres", "200 feet", true},
		{"as many as 80 people", "about 50 people", false},
		{"up to 80 percent", "52 percent", false},
		{"between 60 and 100 rioters", "70 rioters", true},
		// A plain round number is a round figure against an approximate one.
		{"400 stories", "almost 400 stories", true},
		{"$1 million", "more than $1 million", true},
		{"400 stories", "more than 450 stories", false},
		{"300 crewmen", "nearly 250 crewmen", false},
	}
	for _, tt := range tests {
		a, b := figureOf(t, tt.a), figureOf(t, tt.b)
		if got := compatible(a, b); got != tt.want {
			t.Errorf("compatible(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := compatible(b, a); got != tt.want {
			t.Errorf("compatible(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	ref := time.Date(2020, 12, 22, 0, 0, 0, 0, time.UTC) // a Tuesday
	tests := []struct {
		in      string
		ref     time.Time
		wording string
		date    string
	}{
		{"The vote is due on December 27.", ref, "December 27", "2020-12-27"},
		{"It was signed on 15 September, 2021 in Paris.", time.Time{}, "15 September, 2021", "2021-09-15"},
		{"He came to power in 2014.", time.Time{}, "2014", "2014"},
		{"The group attacked on Sunday.", ref, "Sunday", "2020-12-20"},
		{"The election will be held on Sunday.", ref, "Sunday", "2020-12-27"},
		{"Facebook said last week it had acted.", ref, "last week", "2020-12-14/2020-12-20"},
		{"The attack happened yesterday.", ref, "yesterday", "2020-12-21"},
		{"It happened two days after the vote.", ref, "two days after", ""},
		{"The group attacked on Sunday.", time.Time{}, "Sunday", ""},
		{"In January 2019 the talks began.", time.Time{}, "January 2019", "2019-01"},
		{"Ten days ago the army moved.", ref, "Ten days ago", "2020-12-12"},
		{"The plant closed last June.", time.Date(2021, 3, 10, 0, 0, 0, 0, time.UTC), "last June", "2020-06"},
		{"The plant closed last December.", ref, "last December", "2019-12"},
		{"The plant reopens next June.", ref, "next June", "2021-06"},
		{"She died more than a week ago at her home in Los Angeles, her agent said.", time.Time{}, "more than a week ago", ""},
		{"The club was founded in the 1930's and again in 1931.", time.Time{}, "1931", "1931"},
	}
	for _, tt := range tests {
		got := extractKind(tt.in, KindDate, tt.ref)
		found := false
		for _, d := range got {
			if d.Text == tt.wording && d.Date == tt.date {
				found = true
			}
		}
		if !found {
			t.Errorf("dates of %q (ref %v) = %+v, want %q → %q", tt.in, tt.ref.Format("2006-01-02"), got, tt.wording, tt.date)
		}
	}
	// "may" the verb is not a date, nor is a weekday that names a day.
	for _, in := range []string{"Officials may resign.", "It's not Patch Tuesday, but the update is out.",
		"Shoppers queued for Black Friday deals.", "The candidate won on Super Tuesday."} {
		if got := extractKind(in, KindDate, ref); len(got) != 0 {
			t.Errorf("dates of %q = %+v, want none", in, got)
		}
	}
}

func TestEntities(t *testing.T) {
	text := "Russian Deputy Foreign Minister Mikhail Bogdanov rejected the claims. " +
		"The Kremlin said nothing. \"No,\" Bodganov said. Kremlin spokesman Dmitry Peskov agreed. " +
		"Peskov spoke in Moscow. Officials from the Ministry of Defence and NATO met. " +
		"Meanwhile President Faustin-Archange Touadera voted. Touadera smiled."
	got := map[string]Extracted{}
	for _, x := range Extract(article(text, time.Time{})) {
		if isEntity(x.Kind) {
			got[x.Text] = x
		}
	}
	want := []struct{ text, kind, role, name string }{
		{"Mikhail Bogdanov", KindPerson, "Russian Deputy Foreign Minister", ""},
		{"Kremlin", KindOrganization, "", ""},
		{"Dmitry Peskov", KindPerson, "Kremlin spokesman", ""},
		{"Moscow", KindPlace, "", ""},
		{"Ministry of Defence", KindOrganization, "", ""},
		{"NATO", KindOrganization, "", ""},
		{"Faustin-Archange Touadera", KindPerson, "President", ""},
	}
	for _, w := range want {
		g, ok := got[w.text]
		if !ok || g.Kind != w.kind || g.Role != w.role {
			t.Errorf("entity %q = %+v, want kind %s role %q", w.text, g, w.kind, w.role)
		}
	}
	for _, bad := range []string{"The Kremlin", "Officials", "Meanwhile", "Meanwhile President Faustin-Archange Touadera", "Russian"} {
		if _, ok := got[bad]; ok {
			t.Errorf("%q extracted as an entity", bad)
		}
	}
	// Short and misspelt mentions are linked, not separate facts.
	for _, short := range []string{"Peskov", "Bodganov", "Touadera"} {
		if _, ok := got[short]; ok {
			t.Errorf("%q is a separate entity, want it linked to the full name", short)
		}
	}
}

// Name pairs: true pairs are spelling variants, transliterations or
// partial names of one entity; false pairs are distinct names. miss marks a
// true pair the rules are known not to merge (two edits apart).
var namePairs = []struct {
	a, b       string
	same, miss bool
}{
	{"Bogdanov", "Bodganov", true, false},
	{"Wagner", "Vagner", true, false},
	{"Yevgeny Prigozhin", "Yevgeniy Prigozhin", true, false},
	{"Touadera", "Faustin-Archange Touadera", true, false},
	{"Touadéra", "Touadera", true, false},
	{"Dmitry Peskov", "Dmitri Peskov", true, false},
	{"Muammar Gaddafi", "Muammar Gadafi", true, false},
	{"Mohammed", "Muhammad", true, true},
	{"Aleksandr Lukashenko", "Alexander Lukashenko", true, true},
	{"United Nations", "UN", true, false},
	{"Wagner", "Warner", false, false},
	{"Peskov", "Petrov", false, false},
	{"Smith", "Smyth", true, false},
	{"Ivan", "Ivana", false, false},
	{"Martin", "Marin", false, false},
	{"Brown", "Browne", false, false},
	{"John Smith", "Jane Smith", false, false},
	{"Sergei Lavrov", "Sergei Ivanov", false, false},
	{"Putin", "Peskov", false, false},
	{"Mali", "Malawi", false, false},
	{"Austria", "Australia", false, false},
	{"Iran", "Iraq", false, false},
}

func TestSameName(t *testing.T) {
	tp, fp, fn := 0, 0, 0
	for _, p := range namePairs {
		got, _ := sameName(p.a, p.b)
		switch {
		case got && p.same:
			tp++
		case got && !p.same:
			fp++
		case !got && p.same:
			fn++
		}
		if want := p.same && !p.miss; got != want {
			t.Errorf("sameName(%q, %q) = %v, want %v", p.a, p.b, got, want)
		}
	}
	t.Logf("name pairs: %d true pairs merged, %d false merges, %d true pairs missed (precision %.2f, recall %.2f)",
		tp, fp, fn, ratio(tp, tp+fp), ratio(tp, tp+fn))
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, in, quote, speaker string
	}{
		{"after, name said", `"We are not sending troops," Bogdanov said.`, "We are not sending troops", "Bogdanov"},
		{"after, said name", `"It is over," said Dmitry Peskov, the spokesman.`, "It is over", "Dmitry Peskov"},
		{"before, colon", `Prime Minister Jane Doe said: "We will win this."`, "We will win this", "Jane Doe"},
		{"quoted as saying", `"We comply with all resolutions," Interfax quoted Mikhail Bogdanov as saying.`, "We comply with all resolutions", "Mikhail Bogdanov"},
		{"according to", `According to John Smith, "the bridge is closed to traffic."`, "the bridge is closed to traffic", "John Smith"},
		{"role only", `Earlier, a government spokesman said Moscow “has sent several hundred soldiers" to the area.`, "has sent several hundred soldiers", "government spokesman"},
		{"told reporters", `“We are monitoring the situation,” Kremlin spokesman Dmitry Peskov told reporters.`, "We are monitoring the situation", "Dmitry Peskov"},
		{"pronoun", `Ann Lee spoke first. "We have nothing to do with it," she added.`, "We have nothing to do with it", "Ann Lee"},
		{"continuation", "\"We sent troops,\" said Ange Kazagui.\n\"They are fighting now.\"", "They are fighting now", "Ange Kazagui"},
		{"split quote", `"We are ready," Bob Jones said, "and we will go."`, "and we will go", "Bob Jones"},
		{"adverb before the verb", `Ann Lee spoke first. She also said the plant would "reopen within weeks".`, "reopen within weeks", "Ann Lee"},
		{"a clause after the verb is what was said", `He also said the threat led Microsoft to mobilise engineers "in the unprecedented time of eight days".`,
			"in the unprecedented time of eight days", ""},
		{"inverted before a colon", `The Kremlin was blunt, said Dmitry Peskov: "We have nothing to add."`, "We have nothing to add", "Dmitry Peskov"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range extractKind(tt.in, KindQuote, time.Time{}) {
				got = append(got, q.Text+" ← "+q.Speaker)
				if q.Text == tt.quote && q.Speaker == tt.speaker {
					return
				}
			}
			t.Errorf("quotes of %q = %q, want %q ← %q", tt.in, got, tt.quote, tt.speaker)
		})
	}
}

func TestQuoteMatch(t *testing.T) {
	w := func(s string) []string { return quoteWords(s) }
	tests := []struct {
		a, b string
		want bool
	}{
		{"has sent several hundred soldiers and heavy weapons", "Russia has sent several hundred soldiers and heavy weapons", true},
		{"We are not sending troops", "We are not sending troops.", true},
		{"under control", "the situation is not under control at all", false},
		{"We will fight on", "We will not fight on any longer today", false},
		// A stock phrase inside another quote is not that quote.
		{"as quickly as possible", "making it imperative for Microsoft to release a fix as quickly as possible", false},
		{"release a fix as quickly as possible", "making it imperative for Microsoft to release a fix as quickly as possible", true},
	}
	for _, tt := range tests {
		if got := quoteMatch(w(tt.a), w(tt.b)) >= 0.7; got != tt.want {
			t.Errorf("quoteMatch(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestLines checks that every mention's line of the input file holds it,
// headline mentions included.
func TestLines(t *testing.T) {
	m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "seeds", "001*.txt"))
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	a := seed(t, "001")
	lines := strings.Split(string(b), "\n")
	titled := 0
	for _, x := range Extract(a) {
		src := a.Text
		if x.Title {
			src = a.Title
			titled++
		}
		if x.Line < 1 || x.Line > len(lines) || !strings.Contains(lines[x.Line-1], firstLine(src[x.Span[0]:x.Span[1]])) {
			t.Errorf("%s %q: line %d does not hold it", x.Kind, x.Text, x.Line)
		}
	}
	if titled == 0 {
		t.Errorf("no fact extracted from the headline %q", a.Title)
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func TestClocks(t *testing.T) {
	tests := []struct {
		in, wording, key string
	}{
		{"The shootings happened shortly after 8:30 p. m. Thursday.", "shortly after 8:30 p. m.", "20:30 local"},
		{"It struck at 1353 (1023 GMT).", "1023 GMT", "10:23 utc"},
		{"Gunfire was heard around 10:30 a.m.", "around 10:30 a.m.", "10:30 local"},
		{"He was arrested just before midnight.", "just before midnight", "00:00 local"},
		{"The quake hit at 7:37 AM local time.", "at 7:37 AM local time", "07:37 local"},
		{"The quake hit at 07:37 GMT.", "at 07:37 GMT", "07:37 utc"},
		{"The march began at about 8pm.", "at about 8pm", "20:00 local"},
		{"She died at 6:41 last night, the family said.", "at 6:41", "18:41 local"},
		{"The quake struck at 17:06 pm local time.", "at 17:06 pm local time", "17:06 local"},
		{"New Orleans kicks off on Saturday at 4:30 p. m. ET in Seattle.", "at 4:30 p. m. ET", "21:30 utc"},
	}
	for _, tt := range tests {
		toks := tokenize(tt.in, 0, len(tt.in))
		found := false
		var all []string
		for _, d := range extractDates(toks, time.Time{}, make([]bool, len(toks))) {
			w := tt.in[d.start:d.end]
			all = append(all, w+"="+d.key)
			found = found || d.class == dTime && w == tt.wording && d.key == tt.key
		}
		if !found {
			t.Errorf("times of %q = %q, want %q = %q", tt.in, all, tt.wording, tt.key)
		}
	}
	// Not times of day: game clocks and durations.
	for _, in := range []string{"He sank a free throw with 4:43 left in the half.", "He checked out with 9:07 to play.",
		"They led at the under-16:00 media timeout.", "The drive ate up 6:05 of the clock."} {
		toks := tokenize(in, 0, len(in))
		for _, d := range extractDates(toks, time.Time{}, make([]bool, len(toks))) {
			if d.class == dTime {
				t.Errorf("times of %q: %q, want none", in, in[d.start:d.end])
			}
		}
	}
	rel := func(a, b string) (bool, bool) {
		ta, tb := tokenize(a, 0, len(a)), tokenize(b, 0, len(b))
		da := extractDates(ta, time.Time{}, make([]bool, len(ta)))
		db := extractDates(tb, time.Time{}, make([]bool, len(tb)))
		return dateRelation(da[0], db[0])
	}
	pairs := []struct {
		a, b          string
		equal, compar bool
	}{
		{"about 3 p.m.", "about 3:10 p.m.", true, true},
		{"shortly after 3 p.m.", "about 3:30 p.m.", false, true},
		{"around 10 a.m.", "around 10:30 a.m.", false, true},
		{"1353 local time", "1023 GMT", false, false},
		{"7:37 AM local time", "07:37 GMT", false, true},
		{"0440 GMT", "8:10 a.m. IST", false, true},
		{"0440 GMT", "10:10 a.m. IST", true, true},
		{"4:30 p.m. ET", "1:30 p.m. PST", true, true}, // ET is EST or EDT
		{"6:41", "18:41", true, true},                 // no a.m. or p.m.: either half
		{"6:41 a.m.", "18:41", false, true},
	}
	for _, p := range pairs {
		comparable, equal := rel(p.a, p.b)
		if comparable != p.compar || equal != p.equal {
			t.Errorf("dateRelation(%q, %q) = %v, %v; want %v, %v", p.a, p.b, comparable, equal, p.compar, p.equal)
		}
	}
}

func TestSameOwner(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"Kathryn Gomes", "Gary Gomes", false}, // mother and son
		{"Gomes", "Gary Gomes", true},          // the surname alone may be either
		{"Kathryn Gomes", "Katherine Gomes", true},
		{"Klitschko", "Wladimir Klitschko", true},
		{"Bowe", "Klitschko", false},
	}
	for _, tt := range tests {
		owner := func(name string) *figure {
			toks := tokenize(name, 0, len(name))
			o, n := ownerOf(toks)
			return &figure{owner: o, ownerName: n}
		}
		if got := sameOwner(owner(tt.a), owner(tt.b)); got != tt.same {
			t.Errorf("sameOwner(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
