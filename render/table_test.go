package render

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// describeSetup creates what the describe goldens show.
const describeSetup = `set client_min_messages = error;
create table if not exists render_golden_t(a int primary key, "b c" text not null default 'x');
create table if not exists render_golden_e();
drop publication if exists render_golden_pub;
create publication render_golden_pub for table render_golden_t;
`

// describeScript is run by psql under each describe set; describeTables
// are the same tables built by hand, with the option overrides psql's
// describe.c applies (\d: expanded off; no default footer).
const describeScript = "\\d render_golden_t\n\\d render_golden_e\n\\dRp+ render_golden_pub\n"

func describeTables() []struct {
	t          Table
	noExpanded bool
} {
	cols := func(names ...string) []Column {
		var c []Column
		for _, n := range names {
			c = append(c, Column{Name: n, Align: AlignLeft})
		}
		return c
	}
	tableCols := cols("Column", "Type", "Collation", "Nullable", "Default")
	return []struct {
		t          Table
		noExpanded bool
	}{
		{Table{
			Title:   `Table "public.render_golden_t"`,
			Columns: tableCols,
			Rows: [][]string{
				{"a", "integer", "", "not null", ""},
				{"b c", "text", "", "not null", "'x'::text"},
			},
			Footers: []string{
				"Indexes:", `    "render_golden_t_pkey" PRIMARY KEY, btree (a)`,
				"Publications:", `    "render_golden_pub"`,
			},
		}, true},
		{Table{Title: `Table "public.render_golden_e"`, Columns: tableCols}, true},
		{Table{
			Title:   "Publication render_golden_pub",
			Columns: cols("Owner", "All tables", "Inserts", "Updates", "Deletes", "Truncates", "Via root"),
			Rows:    [][]string{{"postgres", "f", "t", "t", "t", "t", "f"}},
			Footers: []string{"Tables:", `    "public.render_golden_t"`},
		}, false},
	}
}

// describeSets names the golden sets the describe script runs under.
func describeSets() []goldenSet {
	want := map[string]bool{
		"default": true, "ascii_border0": true, "unicode_border2": true, "oldascii_border1": true,
		"x_ascii_border1": true, "x_oldascii_border0": true, "x_unicode_border2": true, "x_ascii_border0": true,
		"tuples_only_border1": true, "x_tuples_only_border2": true, "footer_off": true,
		"unaligned": true, "unaligned_x": true, "unaligned_x_zero": true, "csv": true, "csv_x": true,
		"wrapped_columns25": true, "x_wrapped_columns25": true, "x_auto_columns45": true,
		"html": true, "html_x": true, "asciidoc": true, "asciidoc_x": true, "latex": true, "latex_x": true,
		"latex-longtable": true, "latex-longtable_x": true, "troff-ms": true, "troff-ms_x": true,
	}
	var sets []goldenSet
	for _, s := range goldenSets() {
		if want[s.name] {
			sets = append(sets, s)
		}
	}
	return sets
}

func updateDescribeGoldens(t *testing.T) {
	runPsql(t, describeSetup)
	for _, set := range describeSets() {
		writeGolden(t, "describe/"+set.name+".out", runPsql(t, psetScript(set)+describeScript))
	}
}

// TestPrintTableDescribe prints hand-built copies of psql's \d and \dRp+
// tables with PrintTable and compares with what psql printed: titles and
// explicit footers, in aligned, expanded, unaligned and csv formats.
func TestPrintTableDescribe(t *testing.T) {
	if *updateGolden {
		updateDescribeGoldens(t)
	}
	for _, set := range describeSets() {
		t.Run(set.name, func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(filepath.Join(goldenDir, "describe", set.name+".out"))
			if err != nil {
				t.Fatal(err)
			}
			opts := Defaults()
			for _, kv := range set.psets {
				if err := applyPset(&opts, kv[0], kv[1]); err != nil {
					t.Fatal(err)
				}
			}
			opts.Footer = false
			var got bytes.Buffer
			for _, d := range describeTables() {
				o := opts
				if d.noExpanded {
					o.Expanded = ExpandedOff
				}
				if err := PrintTable(context.Background(), &got, &d.t, &o); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("differs from psql:\n%s", diffText(want, got.Bytes()))
			}
		})
	}
}

// errSource fails after its rows.
type errSource struct {
	sliceSource
}

func (s *errSource) Err() error { return errBroken }

var errBroken = errors.New("connection lost")

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errBroken }

// TestPrintQueryErrors checks the error contract: nothing is written for a
// failed result, a cancelled context stops printing, bad rows and
// unsupported formats are errors, and write errors come back.
func TestPrintQueryErrors(t *testing.T) {
	t.Parallel()
	res := &goldenResult{
		cols: []Column{{Name: "a", Align: AlignLeft}},
		rows: [][][]byte{{[]byte("x")}, {[]byte("y")}},
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		src     RowSource
		w       func() *bytes.Buffer
		opts    func(*Options)
		wantErr error
		wantOut string
	}{
		{name: "source error", ctx: context.Background(), src: &errSource{sliceSource{res: res}}, wantErr: errBroken},
		{name: "cancelled", ctx: cancelled, src: &sliceSource{res: res}, wantErr: context.Canceled},
		{name: "short row", ctx: context.Background(),
			src:     &sliceSource{res: &goldenResult{cols: res.cols, rows: [][][]byte{{}}}},
			wantErr: nil},
		{name: "unknown format", ctx: context.Background(), src: &sliceSource{res: res},
			opts: func(o *Options) { o.Format = Format(42) }, wantErr: ErrUnknownFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := Defaults()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			var out bytes.Buffer
			err := PrintQuery(tc.ctx, &out, tc.src, &opts, nil)
			if tc.name == "short row" {
				if err == nil || !strings.Contains(err.Error(), "has 0 values for 1 columns") {
					t.Fatalf("err = %v, want a row length error", err)
				}
			} else if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if out.String() != tc.wantOut {
				t.Fatalf("wrote %q, want %q", out.String(), tc.wantOut)
			}
		})
	}
	t.Run("write error", func(t *testing.T) {
		t.Parallel()
		opts := Defaults()
		err := PrintQuery(context.Background(), failWriter{}, &sliceSource{res: res}, &opts, nil)
		if !errors.Is(err, errBroken) {
			t.Fatalf("err = %v, want %v", err, errBroken)
		}
	})
}

// TestPrintQueryCString checks that a value is cut at a NUL byte, as psql
// (which handles values as C strings) would print it, and that explicit
// footers replace the default one.
func TestPrintQueryCString(t *testing.T) {
	t.Parallel()
	res := &goldenResult{
		cols: []Column{{Name: "a\x00b", Align: AlignLeft}, {Name: "n", Align: AlignRight}},
		rows: [][][]byte{{[]byte("xy\x00zzzzzz"), []byte("1")}},
	}
	opts := Defaults()
	var out bytes.Buffer
	if err := PrintQuery(context.Background(), &out, &sliceSource{res: res}, &opts, []string{"foot"}); err != nil {
		t.Fatal(err)
	}
	// Same layout as psql's for: select 'xy' as a, 1 as n; with one footer.
	want := " a  | n \n" +
		"----+---\n" +
		" xy | 1\n" +
		"foot\n\n"
	if out.String() != want {
		t.Fatalf("got\n%q\nwant\n%q", out.String(), want)
	}
}
