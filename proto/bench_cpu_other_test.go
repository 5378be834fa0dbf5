//go:build !unix

package proto_test

import "time"

// processCPU is unavailable here: the benchmarks then leave out their cpu-ms/op metric.
func processCPU() (time.Duration, bool) { return 0, false }
