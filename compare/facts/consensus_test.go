package facts

import (
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/corpus"
)

// TestWeakConsensus checks rows aligned on little shared wording: an
// outlier against a clear majority giving one value is a conflict, one
// step less sure; values that merely fit one another (a lower bound and
// three different sums) are no majority.
func TestWeakConsensus(t *testing.T) {
	tests := []struct {
		name     string
		texts    []string
		conflict bool
	}{
		{"an outlier against three that give one value", []string{
			"Marine commandos boarded both skiffs and seized seven AK-47 rifles, a grenade launcher and ammunition, the navy said.",
			"Among the weapons found aboard were seven AK-47s, three other automatic weapons and a satellite phone.",
			"The cache of arms on the pirate ship included seven AK-47 assault rifles and one rocket launcher.",
			"Indian forces also recovered 12 AK-47 guns, two grenades and other ammunition from the captured gang.",
		}, true},
		{"sums that fit a bound are no majority", []string{
			"The slugger is seeking a ten-year contract for at least $20 million per season, his agent has told clubs.",
			"Lynch reported the Boston front office offered the first baseman an eight-year deal at $23 million per season.",
			"Should the Yankees go higher than $25 million a season for him, or wait for the market to cool?",
			"Meanwhile, according to Newsday, he still has an offer on the table from Boston worth roughly $22 million per season.",
		}, false},
		{"one number, qualified differently", []string{
			"Though the newspaper doesn't cite its source, it stated that the offer is believed to be for at least eight years.",
			"The offer is believed to be for at least eight years, the columnist wrote on Sunday.",
			"Three other clubs have made offers, but to date none of those offers are believed to be for more than eight years.",
			"There's at least one offer out there better than eight years and $184 million.",
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var arts []*corpus.Article
			for i, s := range tt.texts {
				arts = append(arts, &corpus.Article{ID: string(rune('a' + i)), Text: s, FirstLine: 1})
			}
			c := Compare(arts)
			var got []Conflict
			for _, x := range c.Conflicts {
				if x.Kind == ConflictFigure {
					got = append(got, x)
				}
			}
			if tt.conflict != (len(got) > 0) {
				t.Fatalf("figure conflicts %+v, want conflict = %v", got, tt.conflict)
			}
			for _, x := range got {
				if strings.Contains(x.Reason, "little wording") && (x.Sureness == SureHigh || !strings.Contains(x.Reason, "3 of 4 sources give the same value")) {
					t.Errorf("weakly aligned conflict %q (%s): want one step less sure and the majority named", x.Reason, x.Sureness)
				}
			}
		})
	}
}

// TestHappeningOf checks which happening a date dates: the verb right
// before it when there is one, else the nearest event word of its clause.
func TestHappeningOf(t *testing.T) {
	tests := []struct {
		sentence, date, want string
	}{
		{"Police arrested the two men on Tuesday in the capital.", "Tuesday", "arrest"},
		{"Video of the woman shot in a gang shooting was revealed Thursday.", "Thursday", "revealed"},
		{"She died after a heart attack suffered nine days ago.", "nine", "attack"},
		{"By Saturday, at least 6,000 Web sites had been infected.", "Saturday", "by"},
		{"The fire was knocked down by 7 a.m.", "7", "by"},
		{"The quake struck the island on Sunday.", "Sunday", "quake"},
	}
	for _, tt := range tests {
		toks := tokenize(tt.sentence, 0, len(tt.sentence))
		a := -1
		for i, tok := range toks {
			if tok.text == tt.date {
				a = i
				break
			}
		}
		if a < 0 {
			t.Fatalf("no token %q in %q", tt.date, tt.sentence)
		}
		if got, _ := happeningOf(toks, a, a+1); got != tt.want {
			t.Errorf("happening of %q in %q = %q, want %q", tt.date, tt.sentence, got, tt.want)
		}
	}
}

// TestRelativeDaysApart checks weekdays resolved against the dates of
// their articles: a day apart is one happening misreported, a week apart
// two days of a story.
func TestRelativeDaysApart(t *testing.T) {
	fri := time.Date(2013, 4, 12, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		b        string
		bTime    time.Time
		conflict bool
	}{
		{"a day apart", "Lopez went on trial on Thursday in a Brooklyn courtroom.", fri, true},
		{"a week apart", "Lopez went on trial on Thursday in a Brooklyn courtroom.", fri.AddDate(0, 0, 7), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare([]*corpus.Article{
				{ID: "a", Text: "Lopez went on trial on Wednesday in a Brooklyn courtroom.", FirstLine: 1, Time: fri},
				{ID: "b", Text: tt.b, FirstLine: 1, Time: tt.bTime}})
			got := false
			for _, x := range c.Conflicts {
				got = got || x.Kind == ConflictDate
			}
			if got != tt.conflict {
				t.Errorf("date conflict = %v, want %v: %+v", got, tt.conflict, c.Conflicts)
			}
		})
	}
}
