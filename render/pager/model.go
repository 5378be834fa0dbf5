package pager

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Config describes what a Model shows.
type Config struct {
	// Header is the number of leading lines kept frozen at the top (title, column names
	// and the rule under them); 0 for none (expanded output, CSV without a header).
	Header int
	// FrozenCols is the number of leading columns kept at the left when scrolling
	// right. The column boundaries are read from the last header line (the rule, as
	// print.c's aligned format draws it); with no rule nothing is frozen.
	FrozenCols int
	// Query is shown in the status line.
	Query string
	// NoColor selects plain attributes (reverse video, underline) and no colours:
	// NO_COLOR (https://no-color.org) or a terminal without colours.
	NoColor bool
	// StopLoad, when set, is called once when the user presses Ctrl-C while chunks are
	// still arriving: the producer should stop and send its Done chunk.
	StopLoad func()
	// OnQuit, when set, is called once when the user quits, before the program exits
	// (Run uses it to release its input).
	OnQuit func()
}

// Model is the Bubble Tea model of the pager: lines, the frozen header and columns, the
// scroll position, a cursor row, search and the record view. It is a value driven by
// Update, as Bubble Tea models are; it is not safe for concurrent use.
type Model struct {
	cfg  Config
	keys KeyMap
	sty  styles
	src  <-chan Chunk

	lines   []string // everything received so far
	rows    int
	loading bool
	stopped bool
	loadErr error

	width, height int       // 0 until the first WindowSizeMsg
	top           int       // first body line shown (index into body)
	cursor        int       // selected body line
	left          int       // cells scrolled right, in the part after the frozen columns
	frozen        int       // frozen column count
	stops         []int     // column boundaries of the header
	segs          []segment // column boundaries of later parts, by first line

	searching  bool // typing a pattern
	input      []rune
	backward   bool // direction of the last / or ?
	pattern    string
	notFound   bool
	record     []string // the record view's lines; nil when closed
	recordTop  int
	quitting   bool
	stopCalled bool
}

// segment says that lines from index from on have the column boundaries stops.
type segment struct {
	from  int
	stops []int
}

// stopsAt returns the column boundaries of line i (an index into lines).
func (m Model) stopsAt(i int) []int {
	stops := m.stops
	for j := len(m.segs) - 1; j >= 0; j-- {
		if m.segs[j].from <= i {
			return m.segs[j].stops
		}
	}
	return stops
}

// New returns a model for lines arriving on src (which may be nil when all lines are
// given at once in a Done chunk sent before). Nothing is laid out before the first
// tea.WindowSizeMsg.
func New(cfg Config, src <-chan Chunk) Model {
	return Model{cfg: cfg, keys: DefaultKeyMap(), sty: newStyles(cfg.NoColor), src: src,
		loading: src != nil, frozen: cfg.FrozenCols}
}

// Init starts reading chunks.
func (m Model) Init() tea.Cmd { return m.waitChunk() }

func (m Model) waitChunk() tea.Cmd {
	if m.src == nil {
		return nil
	}
	src := m.src
	return func() tea.Msg {
		c, ok := <-src
		if !ok {
			return closedMsg{}
		}
		return chunkMsg(c)
	}
}

// Lines returns the lines received so far; the slice is the model's own and must not be
// modified.
func (m Model) Lines() []string { return m.lines }

// Loading reports whether more chunks are expected.
func (m Model) Loading() bool { return m.loading }

func (m Model) body() []string {
	h := m.header()
	return m.lines[h:]
}

func (m Model) header() int { return min(m.cfg.Header, len(m.lines)) }

// pageRows is the number of body lines on screen.
func (m Model) pageRows() int {
	return max(m.height-1-m.header(), 1)
}

// Update handles chunks, window sizes, keys and the mouse wheel.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case chunkMsg:
		m.addChunk(Chunk(msg))
		if m.loading {
			return m, m.waitChunk()
		}
		return m, nil
	case closedMsg:
		m.loading = false
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.clamp()
		return m, nil
	case tea.MouseMsg:
		return m.mouse(msg), nil
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m *Model) addChunk(c Chunk) {
	lines := c.Lines
	if c.Header && m.cfg.Header > 0 && len(m.lines) >= m.cfg.Header {
		h := min(m.cfg.Header, len(lines))
		if h > 0 {
			m.segs = append(m.segs, segment{from: len(m.lines), stops: columnStops(lines[h-1])})
		}
		lines = lines[h:]
	}
	m.lines = append(m.lines, lines...)
	if c.Rows > m.rows {
		m.rows = c.Rows
	}
	if c.Done {
		m.loading = false
		m.loadErr = c.Err
	}
	if m.stops == nil && m.cfg.Header > 0 && len(m.lines) >= m.cfg.Header {
		m.stops = columnStops(m.lines[m.cfg.Header-1])
	}
}

func (m Model) mouse(msg tea.MouseMsg) Model {
	if msg.Action != tea.MouseActionPress {
		return m
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		m.scroll(-3)
	case tea.MouseButtonWheelDown:
		m.scroll(3)
	case tea.MouseButtonWheelLeft:
		m.left = max(m.left-8, 0)
	case tea.MouseButtonWheelRight:
		m.left += 8
		m.clamp()
	}
	return m
}

func (m Model) quit() (tea.Model, tea.Cmd) {
	if !m.quitting {
		m.quitting = true
		if m.cfg.OnQuit != nil {
			m.cfg.OnQuit()
		}
	}
	return m, tea.Quit
}

func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	// Bubble Tea v1 reports a burst of printable characters (typed quickly, or sent by
	// tmux in one write) as one KeyRunes message: take them one by one.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		var cmds []tea.Cmd
		var tm tea.Model = m
		for _, r := range msg.Runes {
			var cmd tea.Cmd
			tm, cmd = tm.(Model).key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
			cmds = append(cmds, cmd)
			if tm.(Model).quitting {
				break
			}
		}
		return tm, tea.Batch(cmds...)
	}
	if m.searching {
		return m.searchKey(msg), nil
	}
	if m.record != nil {
		return m.recordKey(msg), nil
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Stop):
		if m.loading && !m.stopCalled {
			m.stopCalled, m.stopped = true, true
			if m.cfg.StopLoad != nil {
				m.cfg.StopLoad()
			}
		}
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.page(-m.pageRows())
	case key.Matches(msg, k.PageDown):
		m.page(m.pageRows())
	case key.Matches(msg, k.HalfUp):
		m.page(-max(m.pageRows()/2, 1))
	case key.Matches(msg, k.HalfDown):
		m.page(max(m.pageRows()/2, 1))
	case key.Matches(msg, k.Top):
		m.top, m.cursor = 0, 0
	case key.Matches(msg, k.Bottom):
		m.cursor = len(m.body()) - 1
		m.top = m.cursor - m.pageRows() + 1
		m.clamp()
	case key.Matches(msg, k.Left):
		m.left = max(m.left-m.hstep(), 0)
	case key.Matches(msg, k.Right):
		m.left += m.hstep()
		m.clamp()
	case key.Matches(msg, k.LineStart):
		m.left = 0
	case key.Matches(msg, k.LineEnd):
		m.left = 1 << 30
		m.clamp()
	case key.Matches(msg, k.Search), key.Matches(msg, k.SearchBack):
		m.searching, m.input = true, m.input[:0]
		m.backward = key.Matches(msg, k.SearchBack)
	case key.Matches(msg, k.Next):
		m.find(m.backward, false)
	case key.Matches(msg, k.Prev):
		m.find(!m.backward, false)
	case key.Matches(msg, k.Record):
		m.openRecord()
	case key.Matches(msg, k.Freeze):
		m.frozen = int(msg.String()[0] - '0')
		if len(m.stops) > 0 {
			m.frozen = min(m.frozen, len(m.stops))
		}
		m.clamp()
	}
	return m, nil
}

// hstep is the horizontal scroll step: a third of the scrolled area.
func (m Model) hstep() int { return max((m.width-m.frozenWidth())/3, 1) }

func (m *Model) move(d int) {
	m.cursor = min(max(m.cursor+d, 0), max(len(m.body())-1, 0))
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+m.pageRows() {
		m.top = m.cursor - m.pageRows() + 1
	}
	m.clamp()
}

func (m *Model) page(d int) {
	m.top += d
	m.cursor += d
	m.clamp()
}

func (m *Model) scroll(d int) {
	m.top += d
	m.clamp()
	m.cursor = min(max(m.cursor, m.top), m.top+m.pageRows()-1)
	m.clamp()
}

// clamp keeps the scroll position and the cursor inside the loaded lines.
func (m *Model) clamp() {
	n := len(m.body())
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	m.top = min(m.top, max(n-m.pageRows(), 0))
	m.top = max(m.top, 0)
	if m.cursor < m.top {
		m.cursor = m.top
	}
	if m.cursor >= m.top+m.pageRows() {
		m.cursor = m.top + m.pageRows() - 1
	}
	maxLeft := max(m.widest()-m.width, 0)
	m.left = min(max(m.left, 0), maxLeft)
}

// widest is the display width of the widest line on screen or in the header.
func (m Model) widest() int {
	w := 0
	for _, l := range m.lines[:m.header()] {
		w = max(w, width(l))
	}
	b := m.body()
	for i := m.top; i < min(m.top+m.pageRows(), len(b)); i++ {
		w = max(w, width(b[i]))
	}
	return w
}

// frozenWidth is the width in cells of the frozen columns of the header, their right
// separator included.
func (m Model) frozenWidth() int { return m.frozenWidthOf(m.stops) }

// frozenWidthOf is frozenWidth for the column boundaries of some line.
func (m Model) frozenWidthOf(stops []int) int {
	if m.frozen <= 0 || len(stops) == 0 {
		return 0
	}
	return min(stops[min(m.frozen, len(stops))-1]+1, max(m.width-1, 0))
}

// columnStops finds the column separators of an aligned table in its header rule: the
// cells, after the first, that hold neither a horizontal line nor a space ("+" in
// "-----+----", "┼" with \pset linestyle unicode). A line that is not a rule (it holds
// anything but line characters) gives nil.
func columnStops(rule string) []int {
	var stops []int
	col := 0
	seenLine := false
	for _, r := range rule {
		switch r {
		case '-', '─', '━', '═':
			seenLine = true
		case ' ':
		case '+', '┼', '╋', '╪', '╬', '┿', '╂', '┤', '├', '╡', '╞', '┥', '┝', '╢', '╟', '╣', '╠', '┫', '┣':
			if col > 0 {
				stops = append(stops, col)
			}
		default:
			return nil
		}
		col += width(string(r))
	}
	if !seenLine {
		return nil
	}
	// A trailing border (border 2) is not a column boundary to freeze at.
	if n := len(stops); n > 0 && stops[n-1] >= col-1 {
		stops = stops[:n-1]
	}
	return stops
}

func (m Model) searchKey(msg tea.KeyMsg) Model {
	switch msg.Type {
	case tea.KeyEnter:
		m.searching = false
		if len(m.input) > 0 {
			m.pattern = string(m.input)
		}
		m.find(m.backward, true)
	case tea.KeyEsc, tea.KeyCtrlC:
		m.searching = false
	case tea.KeyBackspace:
		if len(m.input) == 0 {
			m.searching = false
		} else {
			m.input = m.input[:len(m.input)-1]
		}
	case tea.KeyRunes, tea.KeySpace:
		m.input = append(m.input, msg.Runes...)
	}
	return m
}

// matchIndex finds the pattern in s: smart case (a pattern without upper case letters
// ignores case, as less -i does). It returns the byte offsets or -1.
func matchIndex(s, pattern string) (int, int) {
	if pattern == "" {
		return -1, -1
	}
	if strings.ToLower(pattern) == pattern {
		i := indexFold(s, pattern)
		if i < 0 {
			return -1, -1
		}
		return i, i + len(pattern)
	}
	i := strings.Index(s, pattern)
	if i < 0 {
		return -1, -1
	}
	return i, i + len(pattern)
}

// indexFold is strings.Index of a lower case pattern in s, ignoring ASCII and simple
// Unicode case where lowering keeps byte lengths; otherwise it falls back to exact.
func indexFold(s, lowerPattern string) int {
	ls := strings.ToLower(s)
	if len(ls) == len(s) {
		return strings.Index(ls, lowerPattern)
	}
	return strings.Index(s, lowerPattern)
}

// find moves the cursor to the next body line holding the pattern, after (or before)
// the cursor; fromCursor includes the cursor's own line.
func (m *Model) find(backward, fromCursor bool) {
	b := m.body()
	m.notFound = false
	if m.pattern == "" || len(b) == 0 {
		return
	}
	step, i := 1, m.cursor+1
	if backward {
		step, i = -1, m.cursor-1
	}
	if fromCursor {
		i = m.cursor
	}
	for ; i >= 0 && i < len(b); i += step {
		if s, _ := matchIndex(b[i], m.pattern); s >= 0 {
			m.cursor = i
			if i < m.top || i >= m.top+m.pageRows() {
				m.top = i - m.pageRows()/2
			}
			m.clamp()
			m.cursor = i
			m.revealMatch(b[i])
			return
		}
	}
	m.notFound = true
}

// revealMatch scrolls horizontally so that the match in line is visible.
func (m *Model) revealMatch(line string) {
	s, e := matchIndex(line, m.pattern)
	if s < 0 {
		return
	}
	fw := m.frozenWidth()
	start := width(line[:s])
	end := width(line[:e])
	if start < fw {
		return
	}
	area := m.width - fw
	if start-fw < m.left || end-fw > m.left+area {
		m.left = max(start-fw-area/3, 0)
		m.clamp()
	}
}

func (m Model) recordKey(msg tea.KeyMsg) Model {
	k := m.keys
	page := max(m.height-1, 1)
	switch {
	case key.Matches(msg, k.Quit), key.Matches(msg, k.Record):
		m.record = nil
	case key.Matches(msg, k.Up):
		m.recordTop--
	case key.Matches(msg, k.Down):
		m.recordTop++
	case key.Matches(msg, k.PageUp):
		m.recordTop -= page
	case key.Matches(msg, k.PageDown):
		m.recordTop += page
	case key.Matches(msg, k.Top):
		m.recordTop = 0
	case key.Matches(msg, k.Bottom):
		m.recordTop = len(m.record)
	}
	m.recordTop = min(max(m.recordTop, 0), max(len(m.record)-page, 0))
	return m
}

// openRecord shows the cursor's row as a record: "name: value" per column, JSON values
// pretty-printed. Cells are cut at the header rule's column boundaries; without them
// (expanded output, other formats) the cursor's line is shown whole.
func (m *Model) openRecord() {
	b := m.body()
	if len(b) == 0 {
		return
	}
	line := b[m.cursor]
	m.recordTop = 0
	h := m.header()
	if len(m.stopsAt(h+m.cursor)) == 0 || h < 2 {
		m.record = []string{line}
		return
	}
	names := splitCells(m.lines[h-2], m.stops)
	vals := splitCells(line, m.stopsAt(h+m.cursor))
	var out []string
	for i, v := range vals {
		name := ""
		if i < len(names) {
			name = names[i]
		}
		out = append(out, name+":")
		for _, l := range strings.Split(prettyJSON(v), "\n") {
			out = append(out, "  "+l)
		}
	}
	m.record = out
}

// splitCells cuts an aligned line at the column boundaries and trims each cell's padding
// and border characters.
func splitCells(line string, stops []int) []string {
	var cells []string
	from := 0
	bounds := append(append([]int(nil), stops...), 1<<30)
	for _, to := range bounds {
		c := cut(line, from, to)
		c = strings.Trim(c, " |│┃║+")
		cells = append(cells, c)
		from = to + 1
	}
	return cells
}

// prettyJSON indents v when it is a JSON object or array, else returns it unchanged.
func prettyJSON(v string) string {
	t := strings.TrimSpace(v)
	if t == "" || (t[0] != '{' && t[0] != '[') || !json.Valid([]byte(t)) {
		return v
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(t), "", "  "); err != nil {
		return v
	}
	return buf.String()
}
