package history

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestAddControl(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		control Control
		adds    []string
		want    []string
	}{
		{"none keeps all", ControlNone, []string{"a", "a", " b"}, []string{"a", "a", " b"}},
		{"ignorespace", ControlIgnoreSpace, []string{"a", " b", "a"}, []string{"a", "a"}},
		{"ignoredups", ControlIgnoreDups, []string{"a", "a", " b", "a"}, []string{"a", " b", "a"}},
		{"ignoreboth", ControlIgnoreBoth, []string{"a", "a", " b", "c"}, []string{"a", "c"}},
		{"blank never kept", ControlNone, []string{"", "  ", "x"}, []string{"x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "hist")
			h, err := Open(path, DefaultSize, tc.control)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range tc.adds {
				if _, err := h.Add(a); err != nil {
					t.Fatal(err)
				}
			}
			if !reflect.DeepEqual(h.Entries(), tc.want) {
				t.Fatalf("entries %q, want %q", h.Entries(), tc.want)
			}
			again, _ := Open(path, DefaultSize, tc.control)
			if len(tc.want) > 0 && !reflect.DeepEqual(again.Entries(), tc.want) {
				t.Fatalf("reread %q, want %q", again.Entries(), tc.want)
			}
		})
	}
}

// TestMultiLineAndMode: a multi-line statement with backslashes is one entry after a
// reread, and the file is private.
func TestMultiLineAndMode(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "hist")
	h, _ := Open(path, DefaultSize, ControlNone)
	entry := "select 1,\n  'a\\nb' \\\\ x\n;"
	h.Add(entry)
	h.Add("\\q")
	again, err := Open(path, DefaultSize, ControlNone)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Entries(), []string{entry, "\\q"}) {
		t.Fatalf("entries %q", again.Entries())
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
}

// TestCloseTrims keeps the newest HISTSIZE entries.
func TestCloseTrims(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "hist")
	h, _ := Open(path, 3, ControlNone)
	for i := 0; i < 10; i++ {
		h.Add(fmt.Sprintf("q%d", i))
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	again, _ := Open(path, 3, ControlNone)
	if !reflect.DeepEqual(again.Entries(), []string{"q7", "q8", "q9"}) {
		t.Fatalf("entries %q", again.Entries())
	}
}

// TestConcurrentSessions: sessions appending to one file at once lose and interleave
// nothing.
func TestConcurrentSessions(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "hist")
	const sessions, each = 4, 200
	var wg sync.WaitGroup
	for s := 0; s < sessions; s++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h, _ := Open(path, -1, ControlNone)
			for i := 0; i < each; i++ {
				if _, err := h.Add(fmt.Sprintf("select %d, %d, '%s'", s, i, strings.Repeat("x", 3000))); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	h, _ := Open(path, -1, ControlNone)
	if len(h.Entries()) != sessions*each {
		t.Fatalf("%d entries, want %d", len(h.Entries()), sessions*each)
	}
	seen := map[string]bool{}
	for _, e := range h.Entries() {
		if !strings.HasPrefix(e, "select ") || !strings.HasSuffix(e, "'") || seen[e] {
			t.Fatalf("damaged or duplicated entry %.60q", e)
		}
		seen[e] = true
	}
}

func TestParseControl(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Control{"ignorespace": ControlIgnoreSpace, "IGNOREDUPS": ControlIgnoreDups,
		"ignoreboth": ControlIgnoreBoth, "none": ControlNone, "bogus": ControlNone} {
		if got := ParseControl(in); got != want {
			t.Errorf("ParseControl(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzDecodeFile: any file decodes without panic, and entries survive encode/decode.
func FuzzDecodeFile(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, e := range decodeFile(b) {
			if got := decode(encode(e)); got != e {
				t.Fatalf("round trip %q -> %q", e, got)
			}
			if strings.Contains(encode(e), "\n") {
				t.Fatalf("encoded entry has a newline: %q", encode(e))
			}
		}
	})
}
