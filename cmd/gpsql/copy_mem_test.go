package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// writeRows writes a text-format COPY file of about size bytes and returns its row count.
func writeRows(t testing.TB, path string, size int64) int64 {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	pad := strings.Repeat("x", 100)
	var n, rows int64
	for n < size {
		k, _ := fmt.Fprintf(w, "%d\t%s\n", rows, pad)
		n += int64(k)
		rows++
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// copyRSS runs gpsql with the given commands and returns its peak resident set size in
// KiB (getrusage's ru_maxrss of the child) and its standard output.
func copyRSS(t testing.TB, cmds ...string) (int64, string) {
	t.Helper()
	args := []string{"-X", "-v", "ON_ERROR_STOP=1"}
	for _, c := range cmds {
		args = append(args, "-c", c)
	}
	cmd := exec.Command(gpsqlBin, args...)
	cmd.Env = append([]string{"HOME=" + homeDir, "PATH=" + os.Getenv("PATH")}, sockEnv()...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("gpsql %v: %v\n%s", cmds, err, out)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("no rusage")
	}
	return ru.Maxrss, string(out)
}

// copyRoundTrip imports a file of about size bytes with \copy and exports it again, and
// returns the peak RSS (KiB) of each gpsql process.
func copyRoundTrip(t testing.TB, dir, table string, size int64) (in, out int64) {
	src := filepath.Join(dir, table+".in")
	dst := filepath.Join(dir, table+".out")
	rows := writeRows(t, src, size)
	in, stdout := copyRSS(t, "create unlogged table "+table+"(a bigint, b text)", `\copy `+table+` from '`+src+`'`)
	if !strings.Contains(stdout, fmt.Sprintf("COPY %d\n", rows)) {
		t.Fatalf("import printed %q, want COPY %d", stdout, rows)
	}
	out, stdout = copyRSS(t, `\copy `+table+` to '`+dst+`'`, "drop table "+table)
	if !strings.Contains(stdout, fmt.Sprintf("COPY %d\n", rows)) {
		t.Fatalf("export printed %q, want COPY %d", stdout, rows)
	}
	a, _ := os.Stat(src)
	b, _ := os.Stat(dst)
	if a.Size() != b.Size() {
		t.Fatalf("exported %d bytes, imported %d", b.Size(), a.Size())
	}
	os.Remove(src)
	os.Remove(dst)
	return in, out
}

// TestCopyFlatMemory: \copy streams, so importing and exporting 8 times more data does not
// grow gpsql's peak RSS by more than a few MiB (it would by ~28 MiB if the data were held).
func TestCopyFlatMemory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	smallIn, smallOut := copyRoundTrip(t, dir, "mem_small", 4<<20)
	bigIn, bigOut := copyRoundTrip(t, dir, "mem_big", 32<<20)
	t.Logf("peak RSS KiB: import %d → %d, export %d → %d", smallIn, bigIn, smallOut, bigOut)
	const slack = 8 << 10 // KiB
	if bigIn-smallIn > slack || bigOut-smallOut > slack {
		t.Errorf("peak RSS grew with the data: import %d → %d KiB, export %d → %d KiB", smallIn, bigIn, smallOut, bigOut)
	}
}

// BenchmarkCopy1GB imports and exports 1 GB with \copy once per iteration and reports
// gpsql's peak RSS for each direction (rss-import-MiB, rss-export-MiB): it stays at the
// size of a small session. Run with: go test -run XXX -bench Copy1GB -benchtime 1x ./cmd/gpsql
func BenchmarkCopy1GB(b *testing.B) {
	dir := b.TempDir()
	var in, out int64
	for i := 0; i < b.N; i++ {
		in, out = copyRoundTrip(b, dir, fmt.Sprintf("mem_gb_%d", i), 1<<30)
	}
	b.ReportMetric(float64(in)/1024, "rss-import-MiB")
	b.ReportMetric(float64(out)/1024, "rss-export-MiB")
}
