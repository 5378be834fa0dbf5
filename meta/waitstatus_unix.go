//go:build unix

package meta

import (
	"fmt"
	"syscall"
)

// waitResultText is psql's wait_result_to_str for a child that did not exit with 0.
func waitResultText(sys any) string {
	ws, ok := sys.(syscall.WaitStatus)
	if !ok {
		return "child process exited with an unrecognized status"
	}
	switch {
	case ws.Exited() && ws.ExitStatus() == 126:
		return "command not executable"
	case ws.Exited() && ws.ExitStatus() == 127:
		return "command not found"
	case ws.Exited():
		return fmt.Sprintf("child process exited with exit code %d", ws.ExitStatus())
	case ws.Signaled():
		return fmt.Sprintf("child process was terminated by signal %d: %s", int(ws.Signal()), upperFirst(ws.Signal().String()))
	}
	return fmt.Sprintf("child process exited with unrecognized status %d", int(ws))
}
