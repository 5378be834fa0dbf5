//go:build !unix

package meta

// waitResultText describes how a child process ended; without Unix wait statuses only
// the generic text is available.
func waitResultText(any) string { return "child process exited with an unrecognized status" }
