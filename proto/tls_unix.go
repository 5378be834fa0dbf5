//go:build unix

package proto

import (
	"io/fs"
	"syscall"
)

func fileOwnedByRoot(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Uid == 0
}
