package shingle

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii lower", "The U.S. Army", "the u.s. army"},
		{"ascii unchanged", "already lower, 3.5%", "already lower, 3.5%"},
		{"curly double quotes", "“Yes,” she said", `"yes," she said`},
		{"curly single quotes", "‘It’s’ ‚low‛", "'it's' 'low'"},
		{"guillemets and primes", "«Non» 5′ 6″", `"non" 5' 6"`},
		{"em dash", "war — again", "war - again"},
		{"all dashes", "a‐b‑c‒d–e—f―g−h", "a-b-c-d-e-f-g-h"},
		{"ligature fi", "ﬁnancial ﬂow", "financial flow"},
		{"turkish dotted I", "İstanbul", "istanbul"},
		{"decomposed dotted I", "I\u0307stanbul", "istanbul"},
		{"full-width digits and letters", "ＡＢＣ１２３", "abc123"},
		{"full-width comma", "１，０００", "1,000"},
		{"german sharp s", "Straße", "strasse"},
		{"greek final sigma", "ΟΔΟΣ", "οδοσ"},
		{"accents composed", "Cafe\u0301", "café"},
		{"soft hyphen dropped", "exam\u00ADple", "example"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize not idempotent: Normalize(%q) = %q", got, again)
			}
		})
	}
}

func TestNormalizeASCIINoAlloc(t *testing.T) {
	s := "plain lower-case ascii text, 2,069 words"
	if n := testing.AllocsPerRun(100, func() { Normalize(s) }); n != 0 {
		t.Errorf("Normalize(lower-case ASCII) allocates %v times, want 0", n)
	}
}
