package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/shingle"
)

// The README's figures that do not depend on the machine are checked here
// against the code, so that they cannot drift; the machine-dependent ones
// (the "Measured" table) are printed by .ci/measure.

func readme(t *testing.T) string {
	t.Helper()
	return readFile(t, "README.md")
}

// section returns the README text from the heading line heading up to the
// next heading of the same or a higher level (outside code blocks).
func section(t *testing.T, heading string) string {
	t.Helper()
	lines := strings.SplitAfter(readme(t), "\n")
	level := strings.Index(heading, " ")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, heading) })
	if start < 0 {
		t.Fatalf("README has no heading %q", heading)
	}
	fenced := false
	for i := start + 1; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
		}
		if n := strings.Index(l, " "); !fenced && n >= 1 && n <= level && strings.Trim(l[:n], "#") == "" {
			return strings.Join(lines[start:i], "")
		}
	}
	return strings.Join(lines[start:], "")
}

// helpFlags returns, for each flag of `storydiff CMD --help`, its help line.
func helpFlags(t *testing.T, cmd string) map[string]string {
	t.Helper()
	r := runCLI(t, "", "", cmd, "--help")
	if r.code != 0 {
		t.Fatalf("%s --help: exit %d", cmd, r.code)
	}
	flags := map[string]string{}
	re := regexp.MustCompile(`^\s+(?:-\w, )?--([a-z-]+)`)
	for _, line := range strings.Split(r.stdout, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			flags[m[1]] = line
		}
	}
	return flags
}

// TestREADMEFlagTable checks the table of shared flags against the --help
// of each command: the same flags, and the same defaults.
func TestREADMEFlagTable(t *testing.T) {
	sec := section(t, "### Flags shared by compare, cluster, diff and eval")
	row := regexp.MustCompile("(?m)^\\| `(?:-\\w, )?--([a-z-]+)[^`]*` \\| ([^|]+) \\|")
	table := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(sec, -1) {
		table[m[1]] = strings.TrimSpace(m[2])
	}
	if len(table) == 0 {
		t.Fatal("no flag rows in the README table")
	}
	var shared []string
	for i, cmd := range []string{"compare", "cluster", "diff", "eval"} {
		flags := helpFlags(t, cmd)
		if i == 0 {
			for f := range flags {
				shared = append(shared, f)
			}
		}
		shared = slices.DeleteFunc(shared, func(f string) bool { _, ok := flags[f]; return !ok })
		for f, def := range table {
			line, ok := flags[f]
			if !ok {
				t.Errorf("README lists --%s, which %s --help does not", f, cmd)
				continue
			}
			m := regexp.MustCompile(`\(default "?([^")]*)"?\)$`).FindStringSubmatch(line)
			switch {
			case def == "stdout" || def == "off":
				if m != nil {
					t.Errorf("%s --%s: README says %s, --help says default %s", cmd, f, def, m[1])
				}
			case m == nil:
				t.Errorf("%s --%s: README says default %s, --help gives none: %q", cmd, f, def, line)
			case strings.Fields(def)[0] != m[1]:
				t.Errorf("%s --%s: README says default %s, --help says %s", cmd, f, def, m[1])
			}
		}
	}
	for _, f := range shared {
		if _, ok := table[f]; !ok {
			t.Errorf("--%s is shared by compare, cluster, diff and eval but not in the README table", f)
		}
	}
}

// TestREADMEDedupDefaults checks dedup's defaults as the README states them.
func TestREADMEDedupDefaults(t *testing.T) {
	sec := section(t, "## Corpus scale: `dedup` and `generate`")
	flags := helpFlags(t, "dedup")
	for _, want := range []struct{ flag, readme string }{
		{"threshold", fmt.Sprintf("The default `--threshold` %g", shingle.DefaultNearDuplicate)},
		{"max-bytes", fmt.Sprintf("`--max-bytes` (default %d MiB", dedup.DefaultMaxBytes>>20)},
	} {
		if !strings.Contains(sec, want.readme) {
			t.Errorf("README does not say %q", want.readme)
		}
		if !strings.Contains(flags[want.flag], "(default ") {
			t.Errorf("dedup --help shows no default for --%s", want.flag)
		}
	}
	if b, r := shingle.RecallParams(shingle.DefaultNearDuplicate, 128, dedup.CandidateRecall); !strings.Contains(sec, fmt.Sprintf("(%d×%d at %g)", b, r, shingle.DefaultNearDuplicate)) {
		t.Errorf("README does not give dedup's banding at the default threshold, %d×%d", b, r)
	}
	if b, r := shingle.Params(0.5, 128, 0.5, 0.5); !strings.Contains(readme(t), fmt.Sprintf("0.5 at 128 permutations is %d×%d", b, r)) {
		t.Errorf("README does not give shingle.Params(0.5, 128, 0.5, 0.5) = %d×%d", b, r)
	}
}

// TestREADMEScalingOut checks the cost model of storydiff-beam against
// dedup's banding at the default threshold.
func TestREADMEScalingOut(t *testing.T) {
	sec := section(t, "### Cost model")
	perms := shingle.DefaultPerms
	b, r := dedup.Banding(shingle.DefaultNearDuplicate, 0, perms)
	for _, want := range []string{
		fmt.Sprintf("threshold %g and %d permutations %d bands of %d rows (`dedup.Banding`)", shingle.DefaultNearDuplicate, perms, b, r),
		fmt.Sprintf("%d bands × (8 + 8) bytes = %d bytes", b, b*16),
		fmt.Sprintf("signature (4 × %d = %d bytes)", perms, 4*perms),
	} {
		if !strings.Contains(strings.Join(strings.Fields(sec), " "), want) {
			t.Errorf("README's cost model does not say %q", want)
		}
	}
}

// TestREADMEFuzzTargets checks that the Development section names every
// fuzz target in the code, and no other.
func TestREADMEFuzzTargets(t *testing.T) {
	sec := section(t, "## Development")
	block := sec[strings.Index(sec, "```sh"):]
	block = block[:strings.Index(block[3:], "```")]
	listed := regexp.MustCompile(`Fuzz[A-Z]\w*`).FindAllString(block, -1)
	slices.Sort(listed)
	listed = slices.Compact(listed)
	var code []string
	re := regexp.MustCompile(`(?m)^func (Fuzz\w+)\(`)
	filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || (d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), "."))) && p != "." {
			return filepath.SkipDir
		}
		if strings.HasSuffix(p, "_test.go") {
			b, _ := os.ReadFile(p)
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				code = append(code, m[1])
			}
		}
		return nil
	})
	slices.Sort(code)
	if !slices.Equal(listed, code) {
		t.Errorf("README lists fuzz targets %q; the code has %q", listed, code)
	}
}

// TestREADMEExample checks that the README's example is the start of
// the report `storydiff compare testdata/seeds` prints, as it says.
func TestREADMEExample(t *testing.T) {
	sec := section(t, "## What the example shows")
	block := sec[strings.Index(sec, "```markdown\n")+len("```markdown\n"):]
	block = block[:strings.Index(block, "```")]
	r := runCLI(t, "", "", "compare", "testdata/seeds")
	if r.code != 0 {
		t.Fatalf("compare testdata/seeds: exit %d: %s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, block) {
		t.Errorf("README example is not the start of the report; the report starts:\n%s", r.stdout[:min(len(r.stdout), len(block)+200)])
	}
	n := strings.Count(block, "\n")
	if want := fmt.Sprintf("(its first %d lines, as printed)", n); !strings.Contains(sec, want) {
		t.Errorf("README does not say %q", want)
	}
	for _, want := range []string{"### Conflicts to check", "Bodganov"} {
		if !strings.Contains(block, want) {
			t.Errorf("README example lacks %q", want)
		}
	}
}

// TestREADMEECBPlus checks the ECB+ scores and the --same-event range the
// README (and compare's --help) state, by running eval.
func TestREADMEECBPlus(t *testing.T) {
	if _, err := os.Stat(ecbplusDir); err != nil {
		t.Skipf("eval data not present: %v", err)
	}
	gold, docs := filepath.Join(ecbplusDir, "gold.tsv"), filepath.Join(ecbplusDir, "docs")
	scores := func(t *testing.T, gold, docs string, args ...string) map[string]float64 {
		t.Helper()
		r := runCLI(t, "", "", append([]string{"eval", "--format", "json", "--gold", gold}, append(args, docs)...)...)
		if r.code != 0 {
			t.Fatalf("eval: exit %d, %s", r.code, r.stderr)
		}
		var out struct {
			Evaluation struct {
				Scores map[string]float64 `json:"scores"`
			} `json:"evaluation"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatal(err)
		}
		return out.Evaluation.Scores
	}
	f3 := func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
	sec := section(t, "### Scores (`storydiff eval`)")

	s := scores(t, gold, docs)
	for _, want := range []string{
		"| B-cubed | " + f3(s["bcubed_precision"]) + " | " + f3(s["bcubed_recall"]) + " | **" + f3(s["bcubed_f1"]) + "** |",
		"| pairwise | " + f3(s["pairwise_precision"]) + " | " + f3(s["pairwise_recall"]) + " | " + f3(s["pairwise_f1"]) + " |",
		"Adjusted Rand index " + f3(s["adjusted_rand_index"]) + ".",
	} {
		if !strings.Contains(sec, want) {
			t.Errorf("README does not say %q", want)
		}
	}

	// The range of B-cubed F1 over --same-event 0.025 to 0.045, in the
	// README and in the flag's help.
	lo, hi := 1.0, 0.0
	for _, se := range []string{"0.025", "0.03", "0.035", "0.04", "0.045"} {
		f := scores(t, gold, docs, "--same-event", se)["bcubed_f1"]
		lo, hi = min(lo, f), max(hi, f)
	}
	if want := "F1 stays between " + f3(lo) + " and " + f3(hi) + " for `--same-event` from 0.025 to 0.045"; !strings.Contains(sec, want) {
		t.Errorf("README does not say %q", want)
	}
	if want := "B-cubed F1 " + f3(lo) + "-" + f3(hi) + " for 0.025-0.045"; !strings.Contains(helpFlags(t, "compare")["same-event"], want) {
		t.Errorf("compare --help for --same-event does not say %q", want)
	}

	// Split by topic parity.
	lines := strings.Split(strings.TrimSpace(readFile(t, gold)), "\n")
	var f1 [2]float64
	for parity := range 2 {
		dir := t.TempDir()
		sub := []string{lines[0]}
		for _, l := range lines[1:] {
			cols := strings.Split(l, "\t")
			topic, err := strconv.Atoi(cols[2])
			if err != nil || topic%2 != parity {
				continue
			}
			sub = append(sub, l)
			abs, _ := filepath.Abs(filepath.Join(docs, cols[0]))
			os.Symlink(abs, filepath.Join(dir, cols[0]))
		}
		g := filepath.Join(t.TempDir(), "gold.tsv")
		os.WriteFile(g, []byte(strings.Join(sub, "\n")+"\n"), 0o644)
		f1[parity] = scores(t, g, dir)["bcubed_f1"]
	}
	if want := "the defaults score " + f3(f1[1]) + " (odd topics) and " + f3(f1[0]) + " (even)"; !strings.Contains(sec, want) {
		t.Errorf("README does not say %q", want)
	}
}
