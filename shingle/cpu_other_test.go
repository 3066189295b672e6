//go:build !unix

package shingle

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
