package repl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gpsql/gpsql/history"
	"github.com/gpsql/gpsql/meta"
)

// specialSettings mirrors psql's special variables into typed settings.
type specialSettings struct {
	autocommit      bool
	onErrorRollback string // "off", "on", "interactive"
	echo            string // "none", "errors", "queries", "all"
	echoHidden      string // "off", "on", "noexec"
	singleLine      bool
	singleStep      bool
	showAllResults  bool
	hideTableAM     bool
	hideCompression bool
	ignoreEOF       int
	histSize        int
	histControl     history.Control
}

// initSpecialVars installs the hooks of the special variables psql sets at start-up, with
// psql's defaults and validation messages (psql's EstablishVariableSpace).
func (s *Session) initSpecialVars() {
	v, st := s.vars, &s.special
	v.hook("AUTOCOMMIT", boolVar("AUTOCOMMIT", &st.autocommit, "on"))
	v.hook("COMP_KEYWORD_CASE", enumVar("COMP_KEYWORD_CASE", "preserve-upper",
		[]string{"lower", "upper", "preserve-lower", "preserve-upper"}, func(string) {}))
	v.hook("ECHO", enumVar("ECHO", "none", []string{"none", "errors", "queries", "all"}, func(x string) { st.echo = x }))
	v.hook("ECHO_HIDDEN", boolOrVar("ECHO_HIDDEN", "off", "noexec", func(x string) { st.echoHidden = x }))
	v.hook("HIDE_TABLEAM", boolVar("HIDE_TABLEAM", &st.hideTableAM, "off"))
	v.hook("HIDE_TOAST_COMPRESSION", boolVar("HIDE_TOAST_COMPRESSION", &st.hideCompression, "off"))
	v.hook("HISTCONTROL", enumVar("HISTCONTROL", "none", []string{"none", "ignorespace", "ignoredups", "ignoreboth"},
		func(x string) {
			st.histControl = history.ParseControl(x)
			if s.hist != nil {
				s.hist.SetControl(st.histControl)
			}
		}))
	v.hook("HISTSIZE", intVar("HISTSIZE", "500", -1, func(n int) {
		st.histSize = n
		if s.hist != nil {
			s.hist.SetSize(n)
		}
	}))
	v.hook("IGNOREEOF", varHook{
		substitute: func(val *string) *string {
			zero, ten := "0", "10"
			switch {
			case val == nil:
				return &zero
			case !isInt(*val):
				return &ten // psql: a non-numeric IGNOREEOF means 10
			}
			return val
		},
		assign: func(val *string) error { st.ignoreEOF, _ = strconv.Atoi(*val); return nil },
	})
	v.hook("LAST_ERROR_MESSAGE", varHook{})
	v.Set("LAST_ERROR_MESSAGE", "")
	v.Set("LAST_ERROR_SQLSTATE", "00000")
	v.hook("ON_ERROR_ROLLBACK", boolOrVar("ON_ERROR_ROLLBACK", "off", "interactive", func(x string) { st.onErrorRollback = x }))
	v.hook("SHOW_ALL_RESULTS", boolVar("SHOW_ALL_RESULTS", &st.showAllResults, "on"))
	v.hook("SINGLELINE", boolVar("SINGLELINE", &st.singleLine, "off"))
	v.hook("SINGLESTEP", boolVar("SINGLESTEP", &st.singleStep, "off"))
	v.hook("QUERY_PROTOCOL", queryProtocolHook()) // simple or extended (qproto.go)
}

// boolSubstitute is psql's bool_substitute_hook: \unset FOO means off, \set FOO (no
// value) means on.
func boolSubstitute(v *string) *string {
	on, off := "on", "off"
	switch {
	case v == nil:
		return &off
	case *v == "":
		return &on
	}
	return v
}

// boolVar makes the hooks of a Boolean special variable, which starts as initial.
func boolVar(name string, dst *bool, initial string) varHook {
	return varHook{
		initial:    initial,
		substitute: boolSubstitute,
		assign: func(v *string) error {
			b, ok := meta.ParseBool(*v)
			if !ok {
				return fmt.Errorf("unrecognized value \"%s\" for \"%s\": Boolean expected", *v, name)
			}
			*dst = b
			return nil
		},
	}
}

// boolOrVar is a Boolean that also accepts one extra word (ECHO_HIDDEN noexec,
// ON_ERROR_ROLLBACK interactive); set receives "on", "off" or the word. It starts as initial.
func boolOrVar(name, initial, word string, set func(string)) varHook {
	return varHook{
		initial:    initial,
		substitute: boolSubstitute,
		assign: func(v *string) error {
			if strings.EqualFold(*v, word) {
				set(word)
				return nil
			}
			b, ok := meta.ParseBool(*v)
			if !ok {
				return fmt.Errorf("unrecognized value \"%s\" for \"%s\"\nAvailable values are: on, off, %s.", *v, name, word)
			}
			if b {
				set("on")
			} else {
				set("off")
			}
			return nil
		},
	}
}

// intVar makes the hooks of an integer special variable; unset means def.
func intVar(name, def string, _ int, set func(int)) varHook {
	return varHook{
		substitute: func(v *string) *string {
			if v == nil {
				return &def
			}
			return v
		},
		assign: func(v *string) error {
			n, err := strconv.Atoi(strings.TrimSpace(*v))
			if err != nil {
				return fmt.Errorf("invalid value \"%s\" for \"%s\": integer expected", *v, name)
			}
			set(n)
			return nil
		},
	}
}

func isInt(s string) bool {
	_, err := strconv.Atoi(strings.TrimSpace(s))
	return err == nil
}
