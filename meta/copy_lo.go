package meta

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// loBufSize is libpq's LO_BUFSIZE: lo_import and lo_export move 8 KiB per call (fe-lobj.c).
const loBufSize = 8192

// loFileError is libpq's lo_import/lo_export message for a local file error.
func loFileError(name string, err error) error {
	return fmt.Errorf("could not open file \"%s\": %s", name, fileErrText(err))
}

// atooid is psql's atooid (strtoul): leading digits, 0 when there are none.
func atooid(s string) uint32 {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	v, err := strconv.ParseUint(s[i:j], 10, 32)
	if err != nil {
		return 0
	}
	return uint32(v)
}

// printLoResult is psql's print_lo_result: the line goes to the query output unless quiet,
// as a paragraph in HTML format.
func printLoResult(env *Env, msg string) {
	if env.Quiet {
		return
	}
	if env.Print != nil && env.Print.Format == render.FormatHTML {
		fmt.Fprintf(env.Out, "<p>%s</p>\n", msg)
		return
	}
	fmt.Fprintf(env.Out, "%s\n", msg)
}

// runLoImport is \lo_import FILE [COMMENT] (psql's do_lo_import in large_obj.c, with
// libpq's lo_import): LASTOID is set to the new object's OID.
func runLoImport(env *Env, name string, args Args) Result {
	file, ok := requiredArg(env, name, args, OptNormal)
	if !ok {
		return Error
	}
	comment, hasComment := args.Next(OptNormal)
	if env.Copier == nil {
		env.Errorf("You are currently not connected to a database.")
		return Error
	}
	file = expandHome(file)
	var oid uint32
	ok = env.Copier.LargeObjects("\\lo_import", func(ctx context.Context, lo *proto.LargeObjects) error {
		f, err := os.Open(file)
		if err != nil {
			return loFileError(file, err)
		}
		defer f.Close()
		if oid, err = lo.Creat(ctx, proto.LORead|proto.LOWrite); err != nil {
			return err
		}
		fd, err := lo.Open(ctx, oid, proto.LOWrite)
		if err != nil {
			return err
		}
		buf := make([]byte, loBufSize)
		for {
			n, rerr := f.Read(buf)
			if n > 0 {
				if _, err := lo.Write(ctx, fd, buf[:n]); err != nil {
					return err
				}
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				return fmt.Errorf("could not read from file \"%s\": %s", file, fileErrText(rerr))
			}
		}
		if err := lo.Close(ctx, fd); err != nil {
			return err
		}
		if hasComment {
			if env.Query == nil {
				return ErrReported
			}
			if _, err := env.Query.Query(fmt.Sprintf("COMMENT ON LARGE OBJECT %d IS %s", oid, literal(comment))); err != nil {
				return ErrReported
			}
		}
		return nil
	})
	if !ok {
		return Error
	}
	printLoResult(env, fmt.Sprintf("lo_import %d", oid))
	env.Vars.Set("LASTOID", strconv.FormatUint(uint64(oid), 10))
	return OK
}

// runLoExport is \lo_export LOBOID FILE (psql's do_lo_export, libpq's lo_export).
func runLoExport(env *Env, name string, args Args) Result {
	oidArg, ok1 := args.Next(OptNormal)
	file, ok2 := args.Next(OptNormal)
	if !ok1 || !ok2 {
		env.Errorf("\\%s: missing required argument", name)
		return Error
	}
	if env.Copier == nil {
		env.Errorf("You are currently not connected to a database.")
		return Error
	}
	file = expandHome(file)
	oid := atooid(oidArg)
	ok := env.Copier.LargeObjects("\\lo_export", func(ctx context.Context, lo *proto.LargeObjects) error {
		fd, err := lo.Open(ctx, oid, proto.LORead)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(file, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o666)
		if err != nil {
			return loFileError(file, err)
		}
		for {
			data, err := lo.Read(ctx, fd, loBufSize)
			if err != nil {
				f.Close()
				return err
			}
			if len(data) == 0 {
				break
			}
			if _, err := f.Write(data); err != nil {
				f.Close()
				return fmt.Errorf("could not write to file \"%s\": %s", file, fileErrText(err))
			}
		}
		if err := lo.Close(ctx, fd); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("could not write to file \"%s\": %s", file, fileErrText(err))
		}
		return nil
	})
	if !ok {
		return Error
	}
	printLoResult(env, "lo_export")
	return OK
}

// runLoUnlink is \lo_unlink LOBOID (psql's do_lo_unlink).
func runLoUnlink(env *Env, name string, args Args) Result {
	oidArg, ok := requiredArg(env, name, args, OptNormal)
	if !ok {
		return Error
	}
	if env.Copier == nil {
		env.Errorf("You are currently not connected to a database.")
		return Error
	}
	oid := atooid(oidArg)
	if !env.Copier.LargeObjects("\\lo_unlink", func(ctx context.Context, lo *proto.LargeObjects) error {
		return lo.Unlink(ctx, oid)
	}) {
		return Error
	}
	printLoResult(env, fmt.Sprintf("lo_unlink %d", oid))
	return OK
}
