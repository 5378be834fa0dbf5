package render

import "encoding/binary"

// Align is a column's alignment, as in print.h's printTableContent.aligns:
// 'l', 'r' or 'c'.
type Align byte

// Column alignments. The text formats print AlignCenter cells left-aligned,
// as print.c does for anything but 'r'; headers are always centred in
// aligned output.
const (
	AlignLeft   Align = 'l'
	AlignRight  Align = 'r'
	AlignCenter Align = 'c'
)

// Type OIDs that psql right-aligns (pg_type.dat).
const (
	oidInt8    = 20
	oidInt2    = 21
	oidInt4    = 23
	oidOID     = 26
	oidXID     = 28
	oidCID     = 29
	oidFloat4  = 700
	oidFloat8  = 701
	oidMoney   = 790
	oidNumeric = 1700
	oidXID8    = 5069
)

// AlignForType returns psql's alignment for a column of the given type OID:
// AlignRight for int2, int4, int8, float4, float8, numeric, oid, xid, xid8,
// cid and money, AlignLeft for everything else (column_type_alignment in
// print.c). Domains over these types are left-aligned, as in psql.
func AlignForType(oid uint32) Align {
	switch oid {
	case oidInt2, oidInt4, oidInt8, oidFloat4, oidFloat8, oidNumeric,
		oidOID, oidXID, oidXID8, oidCID, oidMoney:
		return AlignRight
	}
	return AlignLeft
}

// Column is one column of a result: its name as the server sent it and its
// alignment (usually AlignForType of its type OID).
type Column struct {
	Name  string
	Align Align
}

// RowSource streams one query result into PrintQuery.
//
// Columns is called once, before the first Next. Next advances to the next
// row and reports whether there is one. Values returns the current row, one
// entry per column, nil for NULL; the slices are only valid until the next
// call to Next, and render copies what it keeps. Err is called after Next
// returned false: a non-nil error means the result is incomplete.
type RowSource interface {
	Columns() []Column
	Next() bool
	Values() [][]byte
	Err() error
}

// Table is a fully built table for PrintTable, as the describe commands
// build with printTableInit/printTableAddHeader/printTableAddCell/
// printTableAddFooter in psql.
//
// Title "" means no title. Every row must have len(Columns) cells; there is
// no NULL here: the caller substitutes whatever it wants printed. Footers are
// printed as given, one line each; when there are none and Options.Footer is
// set, the default "(N rows)" footer is printed instead, as footers_with_default
// in print.c does.
type Table struct {
	Title   string
	Columns []Column
	Rows    [][]string
	Footers []string
}

// cellInfoComplex marks a cell whose text needs pg_wcsformat (it holds a
// newline, a tab, a carriage return or another control character); the low
// bits of a cellInfo are its display width (of its widest line).
const cellInfoComplex = 1 << 31

// Cells are stored one after another in chunks that never move, so that a
// large result is copied once and not again while it grows. Each cell is a
// uvarint head, then (for a cell that is not plain) a uvarint info, then its
// text. The head is len<<1|1 for a plain cell, printable ASCII whose width is
// its length, and len<<1 for any other. A plain cell of under 64 bytes thus
// costs one byte more than its text, where a separate 16-byte reference per
// cell would double the memory of a typical result.
const (
	chunkSize    = 1 << 20 // bytes per text chunk
	maxCellHead  = 2 * binary.MaxVarintLen32
	maxCellBytes = 1<<31 - 1 // lengths are kept in 31 bits
)

// content is print.h's printTableContent: everything that is printed,
// validated and measured once. Cells are read in order with a cellIter.
type content struct {
	title    string
	hasTitle bool
	headers  []string // validated column names
	aligns   []Align
	footers  []string
	ncols    int
	nrows    int
	ncells   int
	size     int // bytes stored for the cells

	// The part of a longer table this is (psql's printTableOpt start_table,
	// stop_table and prior_records); whole tables have start and stop set.
	start, stop bool
	prior       int

	chunks [][]byte
	cur    int // the chunk being filled
}

// cellIter reads the cells of a content in order, from the first.
type cellIter struct {
	c    *content
	k, p int // chunk and offset of the next cell
}

// iter returns an iterator at the first cell.
func (c *content) iter() cellIter {
	return cellIter{c: c}
}

// next returns the text of the next cell, a sub-slice of a chunk valid until
// the content is reset, and its info (display width | cellInfoComplex). It
// must be called at most c.ncells times.
func (it *cellIter) next() ([]byte, uint32) {
	ch := it.c.chunks[it.k]
	for it.p >= len(ch) {
		it.k++
		it.p = 0
		ch = it.c.chunks[it.k]
	}
	head, n := binary.Uvarint(ch[it.p:])
	p := it.p + n
	l := int(head >> 1)
	var info uint32
	if head&1 != 0 {
		info = uint32(l)
	} else {
		v, n := binary.Uvarint(ch[p:])
		info = uint32(v)
		p += n
	}
	it.p = p + l
	return ch[p : p+l : p+l], info
}

// nextText is next without the info.
func (it *cellIter) nextText() []byte {
	t, _ := it.next()
	return t
}

// reset forgets the rows and cells, keeping the chunks for reuse.
func (c *content) reset() {
	for i := range c.chunks {
		c.chunks[i] = c.chunks[i][:0]
	}
	c.cur, c.nrows, c.ncells, c.size = 0, 0, 0, 0
}

// setColumns sets the headers as printTableAddHeader does (mbvalidate).
func (c *content) setColumns(cols []Column) {
	c.ncols = len(cols)
	c.headers = make([]string, len(cols))
	c.aligns = make([]Align, len(cols))
	var buf []byte
	for i, col := range cols {
		buf = appendValid(buf[:0], []byte(cString(col.Name)))
		c.headers[i] = string(buf)
		c.aligns[i] = col.Align
	}
}

// setTitleAndFooters sets the title and footers, cut at any NUL byte as
// psql's C strings would be. They are printed as they are, not validated.
func (c *content) setTitleAndFooters(title string, hasTitle bool, footers []string) {
	c.title, c.hasTitle = cString(title), hasTitle
	c.footers = make([]string, len(footers))
	for i, f := range footers {
		c.footers[i] = cString(f)
	}
}

// room returns the chunk the next n bytes go to, with room for them.
func (c *content) room(n int) []byte {
	if len(c.chunks) == 0 {
		c.chunks = append(c.chunks, make([]byte, 0, max(n, chunkSize)))
	}
	if ch := c.chunks[c.cur]; cap(ch)-len(ch) < n {
		c.cur++
		if c.cur == len(c.chunks) {
			c.chunks = append(c.chunks, make([]byte, 0, max(n, chunkSize)))
		} else if cap(c.chunks[c.cur]) < n {
			c.chunks[c.cur] = make([]byte, 0, n)
		}
	}
	return c.chunks[c.cur]
}

// appendCell stores a cell whose text is already validated and measured.
func (c *content) appendCell(v []byte, info uint32) {
	ch := c.room(maxCellHead + len(v))
	before := len(ch)
	if info == uint32(len(v)) {
		ch = binary.AppendUvarint(ch, uint64(len(v))<<1|1)
	} else {
		ch = binary.AppendUvarint(ch, uint64(len(v))<<1)
		ch = binary.AppendUvarint(ch, uint64(info))
	}
	ch = append(ch, v...)
	c.chunks[c.cur] = ch
	c.size += len(ch) - before
	c.ncells++
}

// addCell appends a copy of v, validated as printTableAddCell does
// (mbvalidate), measured as pg_wcssize does. Text beyond maxCellBytes is
// dropped (the server never sends a value of 1 GB or more).
func (c *content) addCell(v []byte) {
	if len(v) > maxCellBytes {
		v = v[:maxCellBytes]
	}
	simple := true // printable ASCII only, so no NUL either
	for _, b := range v {
		if b < 0x20 || b >= 0x7f {
			simple = false
			break
		}
	}
	if simple {
		c.appendCell(v, uint32(len(v)))
		return
	}
	v = cString(v)
	// Validation never makes the text longer, so it is done in place in the
	// chunk, after room for the longest head.
	ch := c.room(maxCellHead + len(v))
	start := len(ch) + maxCellHead
	text := appendValid(ch[start:start], v)
	m := measure(text)
	info := uint32(m.width)
	if m.complex {
		info |= cellInfoComplex
	}
	ch = binary.AppendUvarint(ch, uint64(len(text))<<1)
	ch = binary.AppendUvarint(ch, uint64(info))
	ch = append(ch, text...) // copy moves it down over the unused head room
	c.size += len(ch) - (start - maxCellHead)
	c.chunks[c.cur] = ch
	c.ncells++
}

// addCellString is addCell for a string.
func (c *content) addCellString(v string) {
	c.addCell([]byte(v))
}

// cString cuts s at its first NUL byte: psql handles values as C strings.
func cString[T string | []byte](s T) T {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return s[:i]
		}
	}
	return s
}
