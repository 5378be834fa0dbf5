package meta

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/gpsql/gpsql/render"
)

// wordArgs hands out pre-split arguments, whatever the kind asked for.
type wordArgs struct{ words []string }

func (a *wordArgs) Next(OptionKind) (string, bool) {
	if len(a.words) == 0 {
		return "", false
	}
	w := a.words[0]
	a.words = a.words[1:]
	return w, true
}

func sendEnv() (*Env, *bytes.Buffer) {
	var errs bytes.Buffer
	popt := render.Defaults()
	return &Env{
		Print:  &popt,
		Send:   &SendOptions{},
		Errorf: func(f string, a ...any) { fmt.Fprintf(&errs, "error: "+f+"\n", a...) },
		Warnf:  func(f string, a ...any) { fmt.Fprintf(&errs, "warning: "+f+"\n", a...) },
	}, &errs
}

func TestSendCommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cmd     string
		args    []string
		want    Result
		check   func(*SendOptions) string // "" when fine
		wantErr string
	}{
		{name: "plain g", cmd: "g", want: Send, check: func(o *SendOptions) string {
			if o.Print != nil || o.Target != "" {
				return "options set"
			}
			return ""
		}},
		{name: "g file", cmd: "g", args: []string{"/tmp/f"}, want: Send, check: func(o *SendOptions) string {
			if o.Target != "/tmp/f" {
				return "target " + o.Target
			}
			return ""
		}},
		{name: "gx forces expanded", cmd: "gx", want: Send, check: func(o *SendOptions) string {
			if o.Print == nil || o.Print.Expanded != render.ExpandedOn {
				return "not expanded"
			}
			return ""
		}},
		{name: "g options then file", cmd: "g", args: []string{"(format=csv", "t)", "|cat"}, want: Send, check: func(o *SendOptions) string {
			if o.Print == nil || o.Print.Format != render.FormatCSV || !o.Print.TuplesOnly || o.Target != "|cat" {
				return fmt.Sprintf("got %+v", o)
			}
			return ""
		}},
		{name: "g missing paren", cmd: "g", args: []string{"(format=csv"}, want: Error, wantErr: "error: \\g: missing right parenthesis\n"},
		{name: "gx bad option", cmd: "gx", args: []string{"(bogus=1)"}, want: Error, wantErr: "error: \\pset: unknown option: bogus\n"},
		{name: "gset prefix", cmd: "gset", args: []string{"p_"}, want: Send, check: func(o *SendOptions) string {
			if !o.Gset || o.GsetPrefix != "p_" {
				return "no gset"
			}
			return ""
		}},
		{name: "gexec extra", cmd: "gexec", args: []string{"x"}, want: Send, wantErr: "warning: \\gexec: extra argument \"x\" ignored\n"},
		{name: "gdesc", cmd: "gdesc", want: Send, check: func(o *SendOptions) string {
			if !o.Gdesc {
				return "no gdesc"
			}
			return ""
		}},
		{name: "watch default", cmd: "watch", want: Send, check: func(o *SendOptions) string {
			if o.Watch != 2 {
				return fmt.Sprint(o.Watch)
			}
			return ""
		}},
		{name: "watch not positive", cmd: "watch", args: []string{"-3"}, want: Send, check: func(o *SendOptions) string {
			if o.Watch != 1 {
				return fmt.Sprint(o.Watch)
			}
			return ""
		}},
		{name: "watch strtod prefix", cmd: "watch", args: []string{"0.5s", "ignored"}, want: Send, check: func(o *SendOptions) string {
			if o.Watch != 0.5 {
				return fmt.Sprint(o.Watch)
			}
			return ""
		}},
		{name: "bind params", cmd: "bind", args: []string{"a", ""}, want: OK, check: func(o *SendOptions) string {
			if !o.Bind || len(o.Params) != 2 || string(o.Params[0]) != "a" || o.Params[1] == nil {
				return fmt.Sprintf("got %+v", o)
			}
			return ""
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, errs := sendEnv()
			before := *env.Print
			c, ok := Lookup(tc.cmd)
			if !ok {
				t.Fatalf("\\%s not registered", tc.cmd)
			}
			if got := c.Run(env, tc.cmd, &wordArgs{tc.args}); got != tc.want {
				t.Errorf("result %v, want %v", got, tc.want)
			}
			if errs.String() != tc.wantErr {
				t.Errorf("messages %q, want %q", errs.String(), tc.wantErr)
			}
			if tc.check != nil {
				if msg := tc.check(env.Send); msg != "" {
					t.Error(msg)
				}
			}
			if env.Print.Format != before.Format || env.Print.Expanded != before.Expanded || env.Print.TuplesOnly != before.TuplesOnly {
				t.Error("the session's print options changed")
			}
		})
	}
}

func TestWatchTitle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, user string
		interval   float64
		want       string
	}{
		{"default", "", 2, "Sat Nov 21 08:49:58 2026 (every 2s)\n"},
		{"fraction", "", 0.01, "Sat Nov 21 08:49:58 2026 (every 0.01s)\n"},
		{"user title", "mine", 1.5, "mine\tSat Nov 21 08:49:58 2026 (every 1.5s)\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := WatchTitle(tc.user, "Sat Nov 21 08:49:58 2026", tc.interval); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStrtod(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want float64
	}{{"1", 1}, {" 2.5", 2.5}, {"3x", 3}, {"x", 0}, {"1e1", 10}, {"-1", -1}}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			if got := strtod(tc.in); got != tc.want {
				t.Errorf("strtod(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

// TestRestrict checks \restrict and \unrestrict's state changes and their errors, whose texts
// were taken from psql 15.18 (exec_command_restrict, exec_command_unrestrict).
func TestRestrict(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cmd     string
		key     string // the key before the command
		args    []string
		want    Result
		wantKey string
		wantErr string
	}{
		{name: "restrict", cmd: "restrict", args: []string{"a-b"}, want: OK, wantKey: "a-b"},
		{name: "restrict no key", cmd: "restrict", want: Error, wantErr: "error: \\restrict: missing required argument\n"},
		{name: "restrict empty key", cmd: "restrict", args: []string{""}, want: Error, wantErr: "error: \\restrict: missing required argument\n"},
		{name: "restrict extra", cmd: "restrict", args: []string{"ab", "cd"}, want: OK, wantKey: "ab",
			wantErr: "warning: \\restrict: extra argument \"cd\" ignored\n"},
		{name: "unrestrict", cmd: "unrestrict", key: "ab", args: []string{"ab"}, want: OK},
		{name: "unrestrict wrong key", cmd: "unrestrict", key: "ab", args: []string{"ba"}, want: Error, wantKey: "ab",
			wantErr: "error: \\unrestrict: wrong key\n"},
		{name: "unrestrict no key", cmd: "unrestrict", key: "ab", want: Error, wantKey: "ab",
			wantErr: "error: \\unrestrict: missing required argument\n"},
		{name: "unrestrict unrestricted", cmd: "unrestrict", args: []string{"ab"}, want: Error,
			wantErr: "error: \\unrestrict: not currently in restricted mode\n"},
		{name: "unrestrict no key unrestricted", cmd: "unrestrict", args: []string{""}, want: Error,
			wantErr: "error: \\unrestrict: missing required argument\n"},
		{name: "unrestrict extra", cmd: "unrestrict", key: "ab", args: []string{"ab", "x"}, want: OK,
			wantErr: "warning: \\unrestrict: extra argument \"x\" ignored\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, errs := sendEnv()
			key := tc.key
			env.Restrict = &key
			c, ok := Lookup(tc.cmd)
			if !ok {
				t.Fatalf("\\%s not in the registry", tc.cmd)
			}
			if got := c.Run(env, tc.cmd, &wordArgs{words: tc.args}); got != tc.want {
				t.Errorf("result %v, want %v", got, tc.want)
			}
			if key != tc.wantKey {
				t.Errorf("key %q, want %q", key, tc.wantKey)
			}
			if errs.String() != tc.wantErr {
				t.Errorf("messages %q, want %q", errs.String(), tc.wantErr)
			}
		})
	}
}
