//go:build unix

package main

import (
	"syscall"
	"testing"
)

// mkfifo makes a FIFO at path, skipping the test where that fails.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}
