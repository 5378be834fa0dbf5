package render

import "context"

// writeSep is print_separator: the separator string (a C string), or a NUL
// byte when its _zero variant is set.
func writeSep(o *writer, sep string, zero bool) {
	if zero {
		o.WriteByte(0)
	} else {
		o.WriteString(cString(sep))
	}
}

// printUnaligned is print_unaligned_text: fields joined by fieldsep,
// records by recordsep, the last record ended by a newline (or by a NUL byte
// when recordsep_zero is set).
func printUnaligned(ctx context.Context, o *writer, c *content, opts *Options) error {
	needRecordSep := !c.start // a continued table goes on after its last record
	if c.start && !opts.TuplesOnly {
		if c.hasTitle {
			o.WriteString(c.title)
			writeSep(o, opts.RecordSep, opts.RecordSepZero)
		}
		for i, h := range c.headers {
			if i > 0 {
				writeSep(o, opts.FieldSep, opts.FieldSepZero)
			}
			o.WriteString(h)
		}
		needRecordSep = true
	}
	doneCh := ctx.Done()
	it := c.iter()
	for i := range c.ncells {
		if needRecordSep {
			writeSep(o, opts.RecordSep, opts.RecordSepZero)
			needRecordSep = false
			if cancelled(doneCh) {
				return ctx.Err()
			}
		}
		o.Write(it.nextText())
		if (i+1)%c.ncols != 0 {
			writeSep(o, opts.FieldSep, opts.FieldSepZero)
		} else {
			needRecordSep = true
		}
	}
	if !c.stop {
		return nil
	}
	if !opts.TuplesOnly {
		for _, f := range footerLines(c, opts) {
			if needRecordSep {
				writeSep(o, opts.RecordSep, opts.RecordSepZero)
				needRecordSep = false
			}
			o.WriteString(f)
			needRecordSep = true
		}
	}
	endRecord(o, needRecordSep, opts)
	return nil
}

// endRecord ends the last record with a newline, or with a NUL byte when
// recordsep_zero is set (for xargs -0), whatever the record separator.
func endRecord(o *writer, needRecordSep bool, opts *Options) {
	if needRecordSep {
		if opts.RecordSepZero {
			o.WriteByte(0)
		} else {
			o.WriteByte('\n')
		}
	}
}

// printUnalignedVertical is print_unaligned_vertical: one "name|value"
// line per field, records separated by two record separators.
func printUnalignedVertical(ctx context.Context, o *writer, c *content, opts *Options) error {
	needRecordSep := !c.start // a continued table goes on after its last record
	if c.start && !opts.TuplesOnly && c.hasTitle {
		o.WriteString(c.title)
		needRecordSep = true
	}
	doneCh := ctx.Done()
	it := c.iter()
	for i := range c.ncells {
		if needRecordSep {
			writeSep(o, opts.RecordSep, opts.RecordSepZero)
			writeSep(o, opts.RecordSep, opts.RecordSepZero)
			needRecordSep = false
			if cancelled(doneCh) {
				return ctx.Err()
			}
		}
		o.WriteString(c.headers[i%c.ncols])
		writeSep(o, opts.FieldSep, opts.FieldSepZero)
		o.Write(it.nextText())
		if (i+1)%c.ncols != 0 {
			writeSep(o, opts.RecordSep, opts.RecordSepZero)
		} else {
			needRecordSep = true
		}
	}
	if !c.stop {
		return nil
	}
	// Only explicit footers, as in psql.
	if !opts.TuplesOnly && len(c.footers) > 0 {
		writeSep(o, opts.RecordSep, opts.RecordSepZero)
		for _, f := range c.footers {
			writeSep(o, opts.RecordSep, opts.RecordSepZero)
			o.WriteString(f)
		}
	}
	endRecord(o, needRecordSep, opts)
	return nil
}
