package main

import (
	"bytes"
	"os"
	"os/exec"
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
