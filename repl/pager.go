package repl

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"

	"golang.org/x/term"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
	"github.com/gpsql/gpsql/render/pager"
)

// Paging follows psql's PageOutput (fe_utils/print.c): with \pset pager on, a result is
// paged when standard input and standard output are terminals, output is not redirected
// (\o) and its line count reaches the terminal height and pager_min_lines; with
// \pset pager always, whenever stdin and stdout are terminals. The pager program is
// psql's choice too: PSQL_PAGER, else PAGER; set to an empty or blank string, it turns
// paging off, as in psql. Where psql would fall back to "more" (neither variable set),
// gpsql opens its built-in pager; PSQL_PAGER=builtin (or PAGER=builtin) picks the
// built-in pager explicitly, for users whose PAGER is set for other programs.

// builtinPagerName is the PSQL_PAGER/PAGER value that selects the built-in pager.
const builtinPagerName = "builtin"

// Batch sizes of a streamed result: the first part decides whether to page at all and
// fills the first screens at once; later parts are larger.
const (
	pagerFirstRows = 1000
	pagerBatchRows = 50000
)

// pagerProgram returns the external pager command, "" for the built-in pager, and false
// when paging is turned off by an empty PSQL_PAGER/PAGER (psql's strspn test).
func (s *Session) pagerProgram() (string, bool) {
	prog, ok := s.opts.Env.LookupEnv("PSQL_PAGER")
	if !ok {
		prog, ok = s.opts.Env.LookupEnv("PAGER")
	}
	if !ok {
		return "", true
	}
	if strings.Trim(prog, " \t\r\n") == "" {
		return "", false
	}
	if strings.TrimSpace(prog) == builtinPagerName {
		return "", true
	}
	return prog, true
}

// termHeight is the row count of the terminal standard output is on, 0 when unknown.
func (s *Session) termHeight() int {
	if f, ok := s.opts.Stdout.(*os.File); ok {
		if _, h, err := term.GetSize(int(f.Fd())); err == nil {
			return h
		}
	}
	return 0
}

// mayPage reports whether printResult should hand a result to pageResult.
func (s *Session) mayPage() bool {
	return s.popt.Pager != render.PagerOff && s.opts.StdinTTY && s.opts.StdoutTTY && s.outFile == nil
}

// printRows prints a result's rows with popt: to the output, or through a pager when psql
// would page it (see pageResult). It returns the render error.
func (s *Session) printRows(ctx context.Context, r *proto.Result, popt *render.Options, query string) error {
	if !s.mayPage() {
		return render.PrintQuery(ctx, s.out, &resultRows{r: r}, popt, nil)
	}
	return s.pageResult(ctx, r, *popt, query)
}

// pageResult prints a result with rows through a pager when psql would page it, and
// writes it to the output otherwise. A result longer than pagerFirstRows opens the
// built-in pager at once and streams (streamToPager).
func (s *Session) pageResult(ctx context.Context, r *proto.Result, popt render.Options, query string) error {
	prog, on := s.pagerProgram()
	src := &resultRows{r: r}
	first := max(pagerFirstRows, popt.PagerMinLines+1)
	head := bufferRows(src, first)
	if err := src.Err(); err != nil {
		return err
	}
	complete := len(head.rows) < first
	if !complete && prog == "" && on {
		return s.streamToPager(ctx, r, head, query)
	}
	var buf bytes.Buffer
	rows := &prefixRows{head: head, rest: src}
	if err := render.PrintQuery(ctx, &buf, rows, &popt, nil); err != nil {
		return err
	}
	text := buf.String()
	header := headerLines(text, &popt, src.Columns())
	lines := psqlLineCount(text, header, &popt)
	h := s.termHeight()
	page := on && (popt.Pager == render.PagerAlways || h == 0 || (lines >= h && lines >= popt.PagerMinLines))
	if !page {
		_, err := s.out.Write(buf.Bytes())
		return err
	}
	s.out.Flush()
	if prog != "" {
		return s.externalPager(prog, buf.Bytes())
	}
	ch := make(chan pager.Chunk, 1)
	ch <- pager.Chunk{Lines: splitLines(text), Rows: head.n + rows.extra, Done: true}
	close(ch)
	return s.runBuiltinPager(ctx, pager.Config{Header: header, FrozenCols: 1, Query: query}, ch)
}

// psqlLineCount is the line count psql compares with the terminal height (print.c's
// IsPagerNeeded): rows plus one (the column names) plus the footers, so neither the rule
// under the names nor the blank line that ends the output counts; with tuples only the
// "plus one" stays. It is derived from the printed text, so that multi-line cells count
// as psql's extra lines do.
func psqlLineCount(text string, header int, popt *render.Options) int {
	n := strings.Count(text, "\n")
	if strings.HasSuffix(text, "\n\n") {
		n--
	}
	if header > 0 {
		n-- // the rule
	}
	if popt.TuplesOnly && popt.Expanded != render.ExpandedOn {
		n++
	}
	return n
}

// externalPager pipes text to prog run by the shell, as psql's popen of the pager does.
// A pager that quits early (broken pipe) is not an error.
func (s *Session) externalPager(prog string, text []byte) error {
	cmd := meta.ShellCommand(prog)
	cmd.Stdin = bytes.NewReader(text)
	cmd.Stdout = s.opts.Stdout
	cmd.Stderr = s.opts.Stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil // psql ignores the pager's exit status
		}
		return err
	}
	return nil
}

// runBuiltinPager runs the pager on the terminal, with the keys taken from readline for
// the time it runs and the terminal in raw mode.
func (s *Session) runBuiltinPager(ctx context.Context, cfg pager.Config, ch <-chan pager.Chunk) error {
	cfg.NoColor = s.noColor()
	var in io.Reader = s.opts.Stdin
	if s.keys != nil {
		in = s.keys.claim()
		if f, ok := s.opts.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			if st, err := term.MakeRaw(int(f.Fd())); err == nil {
				defer term.Restore(int(f.Fd()), st)
			}
		}
	}
	return pager.Run(ctx, cfg, ch, in, s.opts.Stdout)
}

// noColor follows https://no-color.org: NO_COLOR set to anything non-empty, or a dumb
// terminal.
func (s *Session) noColor() bool {
	if v, ok := s.opts.Env.LookupEnv("NO_COLOR"); ok && v != "" {
		return true
	}
	t, _ := s.opts.Env.LookupEnv("TERM")
	return t == "dumb" || t == ""
}

// streamToPager opens the built-in pager on the first part of a long result and renders
// the rest in the background, part by part (each part measures its own widths, as with
// FETCH_COUNT). Ctrl-C in the pager stops the load: the query is cancelled and what
// arrived stays. When the user quits before the end, the rest is cancelled and drained.
func (s *Session) streamToPager(ctx context.Context, r *proto.Result, head *rowBuffer, q string) error {
	s.out.Flush()
	popt := s.popt
	width := s.pagedWidth()
	ch := make(chan pager.Chunk, 4)
	quit := make(chan struct{})
	stop := make(chan struct{})
	var stopOnce sync.Once
	stopLoad := func() { stopOnce.Do(func() { close(stop) }) }
	cols := (&resultRows{r: r}).Columns()

	var text bytes.Buffer
	err := render.PrintQueryBatch(ctx, &text, head, &popt, nil, render.Batch{Unfinished: true, Paged: true, PagedWidth: width})
	if err != nil {
		return err
	}
	first := text.String()
	header := headerLines(first, &popt, cols)
	ch <- pager.Chunk{Lines: splitLines(first), Rows: head.n}

	done := make(chan error, 1)
	go func() { done <- s.loadRest(ctx, r, &popt, width, head.n, header > 0, ch, quit, stop) }()
	perr := s.runBuiltinPager(ctx, pager.Config{Header: header, FrozenCols: 1, Query: q, StopLoad: stopLoad}, ch)
	close(quit)
	lerr := <-done
	if perr != nil {
		return perr
	}
	return lerr
}

// loadRest renders the rows after the first part and sends them to the pager until the
// result ends, stop is closed (Ctrl-C) or quit is (the pager is gone). When it ends early it
// cancels the query and reads the result to its end, so that the connection is usable.
// With withHeader, each part is printed with its column headers, which the pager reads
// the part's column boundaries from and does not show.
func (s *Session) loadRest(ctx context.Context, r *proto.Result, popt *render.Options, width, prior int,
	withHeader bool, ch chan<- pager.Chunk, quit, stop <-chan struct{}) error {
	send := func(c pager.Chunk) bool {
		select {
		case ch <- c:
			return true
		case <-quit:
			return false
		}
	}
	src := &resultRows{r: r}
	for {
		select {
		case <-stop:
			return s.abandonResult(r, prior, send)
		case <-quit:
			return s.abandonResult(r, prior, send)
		default:
		}
		part := &limitRows{src: src, limit: pagerBatchRows, stop: stop}
		var text bytes.Buffer
		err := render.PrintQueryBatch(ctx, &text, part, popt, nil,
			render.Batch{Continued: !withHeader, PriorRows: prior, Full: pagerBatchRows, Paged: true, PagedWidth: width})
		if part.stopped {
			return s.abandonResult(r, prior, send)
		}
		if err != nil {
			send(pager.Chunk{Rows: prior, Done: true, Err: err})
			return nil
		}
		prior += part.n
		last := part.n < pagerBatchRows
		if !send(pager.Chunk{Lines: splitLines(text.String()), Rows: prior, Done: last, Header: withHeader}) {
			if last {
				return nil
			}
			return s.abandonResult(r, prior, send)
		}
		if last {
			return nil
		}
	}
}

// abandonResult cancels the running query and reads what is left of its result.
func (s *Session) abandonResult(r *proto.Result, rows int, send func(pager.Chunk) bool) error {
	go send(pager.Chunk{Rows: rows, Done: true})
	if s.conn != nil {
		s.conn.CancelRequest(context.Background())
	}
	for r.NextRow() {
	}
	return nil
}

// headerLines is the number of leading lines to freeze: the title, column names and rule
// of aligned and wrapped output, found by printing the table without rows; 0 for expanded
// records and other formats.
func headerLines(text string, popt *render.Options, cols []render.Column) int {
	if (popt.Format != render.FormatAligned && popt.Format != render.FormatWrapped) || popt.TuplesOnly || popt.Expanded == render.ExpandedOn {
		return 0
	}
	var b bytes.Buffer
	if err := render.PrintQueryBatch(context.Background(), &b, &prefixRows{head: &rowBuffer{cols: cols}}, popt, nil, render.Batch{Unfinished: true}); err != nil {
		return 0
	}
	n := bytes.Count(b.Bytes(), []byte{'\n'})
	// \x auto may have chosen records: their first line is a record header.
	for i, l := range splitLines(text) {
		if i > n {
			break
		}
		if strings.Contains(l, "[ RECORD ") {
			return 0
		}
	}
	return n
}

// splitLines cuts text into lines without their newlines; the lines share text's memory.
func splitLines(text string) []string {
	text = strings.TrimSuffix(text, "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}

// rowBuffer is a copy of the first rows of a result, in one arena per row.
type rowBuffer struct {
	cols []render.Column
	rows [][][]byte
	n    int // rows read
	i    int // next row to give
}

// bufferRows copies up to limit rows of src.
func bufferRows(src *resultRows, limit int) *rowBuffer {
	b := &rowBuffer{cols: src.Columns()}
	for b.n < limit && src.Next() {
		vals := src.Values()
		size := 0
		for _, v := range vals {
			size += len(v)
		}
		arena := make([]byte, 0, size)
		row := make([][]byte, len(vals))
		for j, v := range vals {
			if v != nil {
				start := len(arena)
				arena = append(arena, v...)
				row[j] = arena[start:len(arena):len(arena)]
			}
		}
		b.rows = append(b.rows, row)
		b.n++
	}
	return b
}

func (b *rowBuffer) Columns() []render.Column { return b.cols }
func (b *rowBuffer) Next() bool {
	if b.i < len(b.rows) {
		b.i++
		return true
	}
	return false
}
func (b *rowBuffer) Values() [][]byte { return b.rows[b.i-1] }
func (b *rowBuffer) Err() error       { return nil }

// prefixRows gives the buffered rows, then the rest of the result.
type prefixRows struct {
	head   *rowBuffer
	rest   render.RowSource // nil: the buffered rows only
	inRest bool
	extra  int // rows given from rest
}

func (p *prefixRows) Columns() []render.Column { return p.head.cols }
func (p *prefixRows) Next() bool {
	if !p.inRest && p.head.Next() {
		return true
	}
	p.inRest = true
	if p.rest != nil && p.rest.Next() {
		p.extra++
		return true
	}
	return false
}
func (p *prefixRows) Values() [][]byte {
	if p.inRest {
		return p.rest.Values()
	}
	return p.head.Values()
}
func (p *prefixRows) Err() error {
	if p.rest != nil {
		return p.rest.Err()
	}
	return nil
}

// limitRows gives at most limit rows of src, and none once stop is closed.
type limitRows struct {
	src     render.RowSource
	limit   int
	n       int
	stop    <-chan struct{}
	stopped bool
}

func (l *limitRows) Columns() []render.Column { return l.src.Columns() }
func (l *limitRows) Next() bool {
	if l.n >= l.limit {
		return false
	}
	select {
	case <-l.stop:
		l.stopped = true
		return false
	default:
	}
	if !l.src.Next() {
		return false
	}
	l.n++
	return true
}
func (l *limitRows) Values() [][]byte { return l.src.Values() }
func (l *limitRows) Err() error       { return l.src.Err() }

// keyMux shares the terminal's standard input between readline, whose goroutine reads
// all the time (chzyer/readline's ioloop and FillableStdin), and the built-in pager: one
// goroutine reads the terminal, and the bytes go to whoever owns the input. readline owns
// it except while a pager has claimed it; a claim ends when the pager closes its reader.
// Keys typed while a query runs still go to readline, as before.
type keyMux struct {
	mu     sync.Mutex
	cond   *sync.Cond
	src    io.Reader
	buf    []byte
	owner  int // 0: readline; else the claim number
	claims int
	err    error // the terminal's read error (io.EOF at the end)
	rlDone bool  // readline closed its side
	pump   bool
}

func newKeyMux(src io.Reader) *keyMux {
	m := &keyMux{src: src}
	m.cond = sync.NewCond(&m.mu)
	return m
}

// start runs the reading goroutine once; called with mu held.
func (m *keyMux) start() {
	if m.pump {
		return
	}
	m.pump = true
	go func() {
		b := make([]byte, 256)
		for {
			n, err := m.src.Read(b)
			m.mu.Lock()
			m.buf = append(m.buf, b[:n]...)
			if err != nil {
				m.err = err
			}
			m.cond.Broadcast()
			// Wait until the bytes are taken, so that a change of owner decides
			// where the next ones go.
			for len(m.buf) > 0 && m.err == nil {
				m.cond.Wait()
			}
			stop := m.err != nil
			m.mu.Unlock()
			if stop {
				return
			}
		}
	}()
}

// read gives buffered bytes to owner who, blocking until there are some, the input is
// claimed by someone else (io.EOF) or the terminal ended.
func (m *keyMux) read(who int, p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.start()
	for {
		if who == 0 && m.rlDone {
			return 0, io.EOF
		}
		if m.owner != who {
			if who != 0 {
				return 0, io.EOF // the claim has ended
			}
		} else if len(m.buf) > 0 {
			n := copy(p, m.buf)
			m.buf = m.buf[n:]
			m.cond.Broadcast()
			return n, nil
		}
		if m.err != nil && len(m.buf) == 0 {
			return 0, m.err
		}
		m.cond.Wait()
	}
}

// readline returns readline's side, for readline.Config.Stdin.
func (m *keyMux) readline() io.ReadCloser { return muxReader{m: m, who: 0} }

// claim gives the input to a new owner until its reader is closed.
func (m *keyMux) claim() io.ReadCloser {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.claims++
	m.owner = m.claims
	m.cond.Broadcast()
	return muxReader{m: m, who: m.claims}
}

type muxReader struct {
	m   *keyMux
	who int
}

func (r muxReader) Read(p []byte) (int, error) { return r.m.read(r.who, p) }

// Close ends a claim (the input goes back to readline) or readline's side.
func (r muxReader) Close() error {
	m := r.m
	m.mu.Lock()
	defer m.mu.Unlock()
	if r.who == 0 {
		m.rlDone = true
	} else if m.owner == r.who {
		m.owner = 0
	}
	m.cond.Broadcast()
	return nil
}

// readlineStdin is readline's standard input: the terminal through the session's keyMux,
// so that the built-in pager can take the keys while it runs.
func (s *Session) readlineStdin() io.ReadCloser {
	if s.keys == nil {
		s.keys = newKeyMux(s.opts.Stdin)
	}
	return s.keys.readline()
}
