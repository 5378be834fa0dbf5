//go:build unix

package proto_test

import (
	"syscall"
	"time"
)

// processCPU returns the user plus system CPU time of this process so far (getrusage(2)).
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
