package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The test binary doubles as the storydiff binary: with STORYDIFF_RUN_MAIN=1
// it runs main, so end-to-end tests exercise the real process (exit codes,
// stdout, stderr) without a separate build step.
func TestMain(m *testing.M) {
	if os.Getenv("STORYDIFF_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// cliResult is what one run of the binary produced.
type cliResult struct {
	stdout, stderr string
	code           int
}

// runCLI runs storydiff with args in dir ("" for the package directory),
// feeding stdin, and returns its output and exit code.
func runCLI(t *testing.T, dir, stdin string, args ...string) cliResult {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "STORYDIFF_RUN_MAIN=1")
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %v: %v", args, err)
		}
		code = ee.ExitCode()
	}
	return cliResult{stdout.String(), stderr.String(), code}
}

// copySeeds copies the first n seed articles into dir and returns their paths.
func copySeeds(t *testing.T, dir string, n int) []string {
	t.Helper()
	var out []string
	for _, f := range seedFiles(t)[:n] {
		p := filepath.Join(dir, filepath.Base(f))
		if err := os.WriteFile(p, []byte(readFile(t, f)), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// smallCorpus writes a JSON Lines corpus of n generated articles into dir.
func smallCorpus(t *testing.T, dir string, n int) string {
	t.Helper()
	path := filepath.Join(dir, "corpus.jsonl")
	if r := runCLI(t, "", "", "generate", "--n", strconv.Itoa(n), "--seed", "8", "-o", path); r.code != 0 {
		t.Fatalf("generate: exit %d, %s", r.code, r.stderr)
	}
	return path
}
