//go:build !unix

package history

import "os"

// lockFile is a no-op where flock is not available; appends are still single writes.
func lockFile(*os.File) (func(), error) { return func() {}, nil }
