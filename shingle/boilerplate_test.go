package shingle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStripBoilerplate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Body line.\nREAD MORE: Something else\n[ad_1]\nSource link\nWith reporting by Jane Doe\nFirst Published: June 13, 2013\nEnd.", "Body line.\n\n\n\n\n\nEnd."},
		{"Reading more books helps.", "Reading more books helps."},
		{"The source said no.", "The source said no."},
		{"Copyright 2024 Wire. All rights reserved", ""},
		{"Story.\r\n  © 2024 Wire\r\nMore.", "Story.\r\n\nMore."},
		{"Story.\n\nSign up for the Daily morning newsletter to get the day's top stories in your inbox.", "Story.\n\n\n"},
		{"Story.\nPhotos: AP\nThis story has been corrected.", "Story.\n\n\n"},
		{"Story.\nThis is the end.", "Story.\nThis is the end."},
	}
	for _, tt := range tests {
		if got := StripBoilerplate(tt.in); got != tt.want {
			t.Errorf("StripBoilerplate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestIsBoilerplatePrefilter checks that the first-word filter of
// IsBoilerplate never skips a line the expression matches, on crafted
// lines and every line of the sample articles.
func TestIsBoilerplatePrefilter(t *testing.T) {
	lines := []string{
		"[ad_1]", " (c) 2020 Wire", "ſource link", "KLICK here", "Image credits: Reuters", "\tRELATED: more",
		"watch also this", "Additional reporting by A", "Last updated 3 pm", "follow @wire", "share on X",
		"Compiled by staff", "this article was amended", "Advertisement", "posted at noon", "tap here to see",
		"With additional reporting by A", "with  reporting by B", "All rights reserved.", "All the news", "This story was updated",
		"This is it", "Sign up now", "Sign here", "Follow @wire", "Follow the money", "Share on X", "Shares fell", "Editing by C",
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	for _, l := range lines {
		if got, want := IsBoilerplate(l), boilerplateLine.MatchString(l); got != want {
			t.Errorf("IsBoilerplate(%q) = %v, the expression says %v", l, got, want)
		}
	}
}
