//go:build !unix

package main

import "testing"

// mkfifo skips the test: this system has no FIFOs in the file system.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	t.Skip("no FIFOs on this system")
}
