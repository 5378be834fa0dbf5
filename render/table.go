package render

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

// Cells are stored in chunks that never move, so that a large result is
// copied once and not again while it grows.
const (
	chunkSize = 1 << 20 // bytes per text chunk
	refBlock  = 1 << 12 // cellRefs per block
)

// cellRef locates one cell's text in content.chunks.
type cellRef struct {
	chunk, start, end uint32
	info              uint32 // display width | cellInfoComplex
}

// content is print.h's printTableContent: everything that is printed,
// validated and measured once. Cell i is refs[i/refBlock][i%refBlock].
type content struct {
	title    string
	hasTitle bool
	headers  []string // validated column names
	aligns   []Align
	footers  []string
	ncols    int
	nrows    int
	ncells   int

	// The part of a longer table this is (psql's printTableOpt start_table,
	// stop_table and prior_records); whole tables have start and stop set.
	start, stop bool
	prior       int

	chunks [][]byte
	refs   [][]cellRef
}

// ref returns the location of cell i.
func (c *content) ref(i int) *cellRef {
	return &c.refs[i/refBlock][i%refBlock]
}

// text returns the text of a cell, a sub-slice of a chunk.
func (c *content) text(r *cellRef) []byte {
	return c.chunks[r.chunk][r.start:r.end:r.end]
}

// cell returns the text of cell i.
func (c *content) cell(i int) []byte {
	return c.text(c.ref(i))
}

// info returns the display width and complex flag of cell i.
func (c *content) info(i int) uint32 {
	return c.ref(i).info
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
func (c *content) room(n int) (int, []byte) {
	k := len(c.chunks) - 1
	if k < 0 || cap(c.chunks[k])-len(c.chunks[k]) < n {
		c.chunks = append(c.chunks, make([]byte, 0, max(n, chunkSize)))
		k++
	}
	return k, c.chunks[k]
}

// push appends a cell reference.
func (c *content) push(r cellRef) {
	b := c.ncells / refBlock
	if b == len(c.refs) {
		c.refs = append(c.refs, make([]cellRef, 0, refBlock))
	}
	c.refs[b] = append(c.refs[b], r)
	c.ncells++
}

// addCell appends a copy of v, validated as printTableAddCell does
// (mbvalidate), measured as pg_wcssize does.
func (c *content) addCell(v []byte) {
	v = cString(v)
	k, chunk := c.room(len(v))
	start := len(chunk)
	simple := true
	for _, b := range v {
		if b < 0x20 || b >= 0x7f {
			simple = false
			break
		}
	}
	var info uint32
	if simple {
		chunk = append(chunk, v...)
		info = uint32(len(v))
	} else {
		chunk = appendValid(chunk, v) // never longer than v: stays in place
		m := measure(chunk[start:])
		info = uint32(m.width)
		if m.complex {
			info |= cellInfoComplex
		}
	}
	c.chunks[k] = chunk
	c.push(cellRef{chunk: uint32(k), start: uint32(start), end: uint32(len(chunk)), info: info})
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
