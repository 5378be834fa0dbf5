package proto

import (
	"context"
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/gpsql/gpsql/proto/wire"
)

// FunctionCall calls the function fnOID through the legacy fast-path interface
// (protocol-v3.txt §2.5, FunctionCall): args are the arguments (nil = NULL) in the formats
// argFormats (none: all text; one: for all; or one each; 0 text, 1 binary), and the result
// comes back in resultFormat. It returns a copy of the result, nil for NULL, or the
// function's *ServerError. Cancelling ctx sends a CancelRequest.
func (c *Conn) FunctionCall(ctx context.Context, fnOID uint32, args [][]byte, argFormats []int16, resultFormat int16) ([]byte, error) {
	if c.busy {
		return nil, ErrBusy
	}
	if err := c.send(&wire.FunctionCall{FunctionOID: fnOID, ArgFormats: argFormats, Arguments: args, ResultFormat: resultFormat}); err != nil {
		return nil, err
	}
	rs := c.startResults(ctx)
	defer rs.finish()
	var result []byte
	var fnErr error
	for {
		msg, err := c.receive()
		if err != nil {
			if isSkipped(err) {
				fnErr = err
				continue
			}
			return nil, err
		}
		switch m := msg.(type) {
		case *wire.FunctionCallResponse:
			if m.Result != nil {
				result = append([]byte{}, m.Result...)
			}
		case *wire.ErrorResponse:
			fnErr = serverErrorFrom(&m.Fields)
		case *wire.ReadyForQuery:
			c.txStatus = m.TxStatus
			if fnErr != nil {
				return nil, fnErr
			}
			return result, nil
		default:
			return nil, c.unexpected(msg)
		}
	}
}

// Large-object open modes (src/include/libpq/libpq-fs.h).
const (
	LOWrite int32 = 0x20000 // INV_WRITE
	LORead  int32 = 0x40000 // INV_READ
)

// LargeObjects calls the server's large-object functions through FunctionCall, as libpq's
// lo_* functions do (fe-lobj.c). Large-object descriptors are valid only inside a
// transaction block. A LargeObjects is bound to its Conn and has its concurrency rules.
type LargeObjects struct {
	c   *Conn
	fns map[string]uint32 // function name → OID
}

// loFunctions are the functions looked up, as libpq's lo_initialize does.
var loFunctions = []string{"lo_open", "lo_close", "lo_creat", "lo_create", "lo_unlink", "lo_lseek",
	"lo_lseek64", "lo_tell", "lo_tell64", "lo_truncate", "lo_truncate64", "loread", "lowrite"}

// LargeObjects looks up the OIDs of the large-object functions in pg_proc (schema
// pg_catalog) and returns the caller for them.
func (c *Conn) LargeObjects(ctx context.Context) (*LargeObjects, error) {
	query := "SELECT p.proname, p.oid FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace " +
		"WHERE n.nspname = 'pg_catalog' AND p.proname IN ("
	for i, f := range loFunctions {
		if i > 0 {
			query += ", "
		}
		query += "'" + f + "'"
	}
	query += ")"
	rs, err := c.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	lo := &LargeObjects{c: c, fns: map[string]uint32{}}
	var qErr error
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
			v := r.Values()
			if len(v) != 2 || v[0] == nil || v[1] == nil {
				continue
			}
			oid, err := strconv.ParseUint(string(v[1]), 10, 32)
			if err == nil {
				lo.fns[string(v[0])] = uint32(oid)
			}
		}
		if r.Err() != nil && qErr == nil {
			qErr = r.Err()
		}
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	if qErr != nil {
		return nil, qErr
	}
	return lo, nil
}

// call runs function name with binary arguments and a binary result.
func (lo *LargeObjects) call(ctx context.Context, name string, args ...[]byte) ([]byte, error) {
	oid, ok := lo.fns[name]
	if !ok {
		return nil, fmt.Errorf("cannot determine OID of function %s", name)
	}
	return lo.c.FunctionCall(ctx, oid, args, []int16{1}, 1)
}

func int32Arg(v int32) []byte { return binary.BigEndian.AppendUint32(nil, uint32(v)) }
func int64Arg(v int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(v)) }

// int32Result decodes an int4 (or oid) binary result.
func int32Result(b []byte, err error) (int32, error) {
	if err != nil {
		return 0, err
	}
	if len(b) != 4 {
		return 0, fmt.Errorf("large object function returned %d bytes, want 4", len(b))
	}
	return int32(binary.BigEndian.Uint32(b)), nil
}

// Creat creates a large object with a new OID (lo_creat; mode is ignored by servers since
// 8.1) and returns the OID.
func (lo *LargeObjects) Creat(ctx context.Context, mode int32) (uint32, error) {
	v, err := int32Result(lo.call(ctx, "lo_creat", int32Arg(mode)))
	return uint32(v), err
}

// Create creates a large object with the given OID (0: the server picks one) and returns it.
func (lo *LargeObjects) Create(ctx context.Context, oid uint32) (uint32, error) {
	v, err := int32Result(lo.call(ctx, "lo_create", int32Arg(int32(oid))))
	return uint32(v), err
}

// Open opens large object oid with mode (LORead, LOWrite or both) and returns a descriptor.
func (lo *LargeObjects) Open(ctx context.Context, oid uint32, mode int32) (int32, error) {
	return int32Result(lo.call(ctx, "lo_open", int32Arg(int32(oid)), int32Arg(mode)))
}

// Close closes descriptor fd.
func (lo *LargeObjects) Close(ctx context.Context, fd int32) error {
	_, err := int32Result(lo.call(ctx, "lo_close", int32Arg(fd)))
	return err
}

// Write writes p at the descriptor's position and returns the bytes written.
func (lo *LargeObjects) Write(ctx context.Context, fd int32, p []byte) (int, error) {
	n, err := int32Result(lo.call(ctx, "lowrite", int32Arg(fd), p))
	return int(n), err
}

// Read reads up to n bytes from the descriptor's position; the slice is the caller's.
func (lo *LargeObjects) Read(ctx context.Context, fd int32, n int32) ([]byte, error) {
	b, err := lo.call(ctx, "loread", int32Arg(fd), int32Arg(n))
	if b == nil && err == nil {
		b = []byte{}
	}
	return b, err
}

// Seek moves the descriptor's position (whence: 0 start, 1 current, 2 end) and returns the
// new position (lo_lseek64).
func (lo *LargeObjects) Seek(ctx context.Context, fd int32, offset int64, whence int32) (int64, error) {
	b, err := lo.call(ctx, "lo_lseek64", int32Arg(fd), int64Arg(offset), int32Arg(whence))
	if err != nil {
		return 0, err
	}
	if len(b) != 8 {
		return 0, fmt.Errorf("lo_lseek64 returned %d bytes, want 8", len(b))
	}
	return int64(binary.BigEndian.Uint64(b)), nil
}

// Unlink deletes large object oid.
func (lo *LargeObjects) Unlink(ctx context.Context, oid uint32) error {
	_, err := int32Result(lo.call(ctx, "lo_unlink", int32Arg(int32(oid))))
	return err
}
