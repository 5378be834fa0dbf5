package meta

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progressBar is \copy's progress line on a terminal's standard error (gpsql's own; psql
// has none): bytes and rows done, the rate, and with a known size the share done and the
// time left. It is drawn no sooner than progressDelay after the start, at most every
// progressInterval, and erased when the copy ends, so a short copy shows nothing.
type progressBar struct {
	mu      sync.Mutex // add runs on the copy's goroutine, finish also on the Ctrl-C one
	w       io.Writer
	width   int
	size    int64 // total bytes, -1 when unknown
	bytes   int64
	rows    int64
	start   time.Time
	last    time.Time
	drawn   bool
	done    bool
	now     func() time.Time
	lastLen int
}

const (
	progressDelay    = 300 * time.Millisecond
	progressInterval = 100 * time.Millisecond
)

func newProgressBar(w io.Writer, width int, size int64) *progressBar {
	if width <= 0 {
		width = 80
	}
	b := &progressBar{w: w, width: width, size: size, now: time.Now}
	b.start = b.now()
	return b
}

// add records n more bytes holding rows more line ends, and redraws when due.
func (b *progressBar) add(n int, rows int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bytes += int64(n)
	b.rows += int64(rows)
	if b.done {
		return
	}
	t := b.now()
	if t.Sub(b.start) < progressDelay || (b.drawn && t.Sub(b.last) < progressInterval) {
		return
	}
	b.last = t
	line := b.line(t)
	pad := ""
	if n := b.lastLen - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	b.lastLen = len(line)
	io.WriteString(b.w, "\r"+line+pad)
	b.drawn = true
}

// update is CopyRequest.Progress; the counting reader or writer does the counting.
func (b *progressBar) update(int64) {}

// finish erases the line if it was drawn; later calls do nothing. It is safe for
// concurrent use with add.
func (b *progressBar) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return
	}
	b.done = true
	if b.drawn {
		io.WriteString(b.w, "\r\x1b[K")
	}
}

// line is the text of the bar at time t, at most width-1 columns (ASCII only).
func (b *progressBar) line(t time.Time) string {
	elapsed := t.Sub(b.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(b.bytes) / elapsed
	}
	stats := fmt.Sprintf(" %s  %d rows  %s/s", humanBytes(float64(b.bytes)), b.rows, humanBytes(rate))
	if b.size > 0 {
		frac := float64(b.bytes) / float64(b.size)
		if frac > 1 {
			frac = 1
		}
		eta := "?"
		if rate > 0 {
			eta = formatETA(time.Duration(float64(b.size-b.bytes) / rate * float64(time.Second)))
		}
		stats = fmt.Sprintf(" %3d%% %s/%s  %d rows  %s/s  ETA %s", int(frac*100), humanBytes(float64(b.bytes)),
			humanBytes(float64(b.size)), b.rows, humanBytes(rate), eta)
		barWidth := b.width - 1 - len(stats) - 2
		if barWidth > 40 {
			barWidth = 40
		}
		if barWidth >= 5 {
			filled := int(frac * float64(barWidth))
			stats = "[" + strings.Repeat("#", filled) + strings.Repeat(".", barWidth-filled) + "]" + stats
		}
	}
	if len(stats) > b.width-1 {
		stats = stats[:b.width-1]
	}
	return stats
}

// humanBytes formats a byte count with a binary unit, as "12.3 MiB".
func humanBytes(n float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	i := 0
	for n >= 1024 && i < len(units)-1 {
		n /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%d B", int64(n))
	}
	return fmt.Sprintf("%.1f %s", n, units[i])
}

// formatETA formats a remaining time as "1:02:03", "2:03" or "5s".
func formatETA(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s >= 3600:
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	case s >= 60:
		return fmt.Sprintf("%d:%02d", s/60, s%60)
	}
	return fmt.Sprintf("%ds", s)
}

// countingReader feeds a progress bar with what is read through it.
type countingReader struct {
	r   io.Reader
	bar *progressBar
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.bar.add(n, bytes.Count(p[:n], []byte{'\n'}))
	return n, err
}

// countingWriter feeds a progress bar with what is written through it.
type countingWriter struct {
	w   io.Writer
	bar *progressBar
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.bar.add(n, bytes.Count(p[:n], []byte{'\n'}))
	return n, err
}

// endMarkReader passes text-format COPY data through up to a line that is exactly "\."
// (with \n or \r\n), which it drops along with everything after it, as psql's
// handleCopyIn does for every source in text mode. It reads in bounded chunks, so a huge
// line does not grow memory.
type endMarkReader struct {
	br          *bufio.Reader
	atLineBegin bool
	pending     []byte // the rest of the current chunk not yet returned
	done        bool
}

func newEndMarkReader(r io.Reader) *endMarkReader {
	return &endMarkReader{br: bufio.NewReaderSize(r, 64<<10), atLineBegin: true}
}

func (e *endMarkReader) Read(p []byte) (int, error) {
	for len(e.pending) == 0 {
		if e.done {
			return 0, io.EOF
		}
		chunk, err := e.br.ReadSlice('\n')
		if len(chunk) > 0 {
			if e.atLineBegin && (string(chunk) == "\\.\n" || string(chunk) == "\\.\r\n") {
				e.done = true
				return 0, io.EOF
			}
			e.atLineBegin = chunk[len(chunk)-1] == '\n'
			e.pending = chunk
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			e.done = true
			if err != io.EOF && len(e.pending) == 0 {
				return 0, err
			}
		}
	}
	n := copy(p, e.pending)
	e.pending = e.pending[n:]
	return n, nil
}
