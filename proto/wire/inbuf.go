package wire

import (
	"encoding/binary"
	"io"
)

// initialBufSize is the first size of a read buffer; it grows to hold the
// largest message received and never shrinks. It is several times the 8 KiB
// a PostgreSQL backend sends at once (PQ_SEND_BUFFER_SIZE, pqcomm.c), so a
// read takes a whole send even behind a partly received message, and takes
// several when the client has fallen behind.
const initialBufSize = 64 << 10

// maxEmptyReads bounds consecutive (0, nil) reads before giving up with
// io.ErrNoProgress, as bufio does.
const maxEmptyReads = 100

// inbuf is the buffered, resumable read side shared by Frontend and Backend.
// Unconsumed bytes are buf[start:end]. Bytes are only consumed once a whole
// message is present, so a failed read (such as a deadline timeout) loses
// nothing and the next call starts over on the same bytes.
type inbuf struct {
	r          io.Reader
	buf        []byte
	start, end int
}

// buffered returns the unconsumed bytes.
func (in *inbuf) buffered() []byte { return in.buf[in.start:in.end] }

// fill makes at least n bytes available at buf[start:], growing the buffer
// if needed. At a message boundary with nothing read, EOF is io.EOF; after a
// partial message it is io.ErrUnexpectedEOF. Other read errors are returned
// as they are, with every byte read so far kept.
func (in *inbuf) fill(n int) error {
	if in.end-in.start >= n {
		return nil
	}
	if in.start == in.end {
		in.start, in.end = 0, 0
	}
	// Move the unconsumed bytes to the front when n does not fit behind
	// them, and also when they are few but the room behind them is small:
	// otherwise the next read is as small as that room, and a stream of
	// small messages costs a read per buffer's worth plus a short one.
	if room := len(in.buf) - in.end; len(in.buf)-in.start < n ||
		(room < len(in.buf)/2 && in.end-in.start <= len(in.buf)/4) {
		if len(in.buf) >= n {
			// Enough room once the unconsumed bytes move to the front.
			in.end = copy(in.buf, in.buf[in.start:in.end])
			in.start = 0
		} else {
			size := max(n, 2*len(in.buf), initialBufSize)
			nb := make([]byte, size)
			in.end = copy(nb, in.buf[in.start:in.end])
			in.start = 0
			in.buf = nb
		}
	}
	empty := 0
	for in.end-in.start < n {
		k, err := in.r.Read(in.buf[in.end:])
		if k < 0 || k > len(in.buf)-in.end {
			return io.ErrNoProgress // a broken reader; never trust its count
		}
		in.end += k
		if in.end-in.start >= n {
			return nil // enough; a pending error will show up on the next read
		}
		if err != nil {
			if err == io.EOF {
				if in.end > in.start {
					return io.ErrUnexpectedEOF
				}
				return io.EOF
			}
			return err
		}
		if k == 0 {
			if empty++; empty >= maxEmptyReads {
				return io.ErrNoProgress
			}
		} else {
			empty = 0
		}
	}
	return nil
}

// header reads the 5-byte header of a typed message without consuming it.
func (in *inbuf) header() (typ byte, length int32, err error) {
	if err := in.fill(5); err != nil {
		return 0, 0, err
	}
	b := in.buf[in.start:]
	return b[0], int32(binary.BigEndian.Uint32(b[1:5])), nil
}

// message waits for hdr header bytes and bodyLen body bytes, consumes them
// and returns the body, capacity-clipped.
func (in *inbuf) message(hdr, bodyLen int) ([]byte, error) {
	if err := in.fill(hdr + bodyLen); err != nil {
		return nil, err
	}
	s := in.start + hdr
	body := in.buf[s : s+bodyLen : s+bodyLen]
	in.start = s + bodyLen
	return body, nil
}
