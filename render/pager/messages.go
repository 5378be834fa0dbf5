package pager

// Chunk is one piece of the output being paged: lines to append, in order, as the
// current \pset format printed them (without their newlines). Rows is the number of result
// rows loaded so far, all chunks included, for the status line. The last chunk has Done
// set; Err, when set on it, is shown in the status line (loading stopped by Ctrl-C is not
// an error).
//
// Header marks a chunk that starts with its own header lines (as many as Config.Header):
// a part printed with its own column widths. Those lines are not shown; their rule gives
// the column boundaries of the chunk's lines (see Config.FrozenCols), and chunks after it
// without Header share them.
type Chunk struct {
	Lines  []string
	Rows   int
	Done   bool
	Err    error
	Header bool
}

// chunkMsg carries one Chunk from the producer into Update.
type chunkMsg Chunk

// closedMsg says the producer closed its channel without a Done chunk.
type closedMsg struct{}
