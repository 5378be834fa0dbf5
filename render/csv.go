package render

import (
	"bytes"
	"context"
)

// csvField writes one field as csv_print_field does: quoted, with quotes
// doubled, when it holds the separator, a quote, CR or LF, when it is
// exactly `\.`, or whenever the separator is a backslash or a period (so
// that no line reads as COPY's end-of-data marker).
func csvField(o *writer, s []byte, sep byte) {
	plain := sep != '\\' && sep != '.' && string(s) != `\.`
	for i := 0; plain && i < len(s); i++ {
		b := s[i]
		plain = b != sep && b != '"' && b != '\n' && b != '\r'
	}
	if plain {
		o.Write(s)
		return
	}
	o.WriteByte('"')
	for {
		i := bytes.IndexByte(s, '"')
		if i < 0 {
			break
		}
		o.Write(s[:i+1])
		o.WriteByte('"')
		s = s[i+1:]
	}
	o.Write(s)
	o.WriteByte('"')
}

// printCSV is print_csv_text: a header line unless tuples_only, then one
// line per row, each ended by a newline; never a title or a footer.
func printCSV(ctx context.Context, o *writer, c *content, opts *Options) error {
	sep := opts.CSVFieldSep
	if c.start && !opts.TuplesOnly {
		for i, h := range c.headers {
			if i > 0 {
				o.WriteByte(sep)
			}
			csvField(o, []byte(h), sep)
		}
		o.WriteByte('\n')
	}
	doneCh := ctx.Done()
	it := c.iter()
	for i := range c.ncells {
		if i%c.ncols == 0 && cancelled(doneCh) {
			return ctx.Err()
		}
		csvField(o, it.nextText(), sep)
		if (i+1)%c.ncols != 0 {
			o.WriteByte(sep)
		} else {
			o.WriteByte('\n')
		}
	}
	return nil
}

// printCSVVertical is print_csv_vertical: one "name,value" line per field,
// no header, title or footer.
func printCSVVertical(ctx context.Context, o *writer, c *content, opts *Options) error {
	sep := opts.CSVFieldSep
	doneCh := ctx.Done()
	it := c.iter()
	for i := range c.ncells {
		if cancelled(doneCh) {
			return ctx.Err()
		}
		csvField(o, []byte(c.headers[i%c.ncols]), sep)
		o.WriteByte(sep)
		csvField(o, it.nextText(), sep)
		o.WriteByte('\n')
	}
	return nil
}
