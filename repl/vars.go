package repl

import (
	"fmt"
	"sort"
	"strings"
)

// Vars is psql's variable store: names to string values, with hooks that validate a new
// value and mirror it into typed settings (psql's SetVariableHooks). It is owned by one
// Session and not safe for concurrent use.
type Vars struct {
	vals  map[string]string
	hooks map[string]varHook
}

// varHook validates and applies a special variable. value is nil when the variable is
// unset. It returns psql's error text, or "" to accept.
type varHook struct {
	// substitute maps a value before assignment (psql's substitute hook), e.g. nil → "off".
	substitute func(value *string) *string
	assign     func(value *string) error
	// initial, when not "", is the value the variable starts with when it is not set as the
	// hook is installed (psql sets AUTOCOMMIT and SHOW_ALL_RESULTS before their hooks).
	initial string
}

func newVars() *Vars { return &Vars{vals: map[string]string{}, hooks: map[string]varHook{}} }

// Get returns a variable's value.
func (v *Vars) Get(name string) (string, bool) {
	s, ok := v.vals[name]
	return s, ok
}

// Set assigns a variable, running its hooks; an invalid value leaves the old one and
// returns psql's message.
func (v *Vars) Set(name, value string) error {
	if !validVarName(name) {
		return fmt.Errorf("invalid variable name: \"%s\"", name)
	}
	return v.apply(name, &value)
}

// Unset removes a variable (special variables fall back to their default via the hook).
func (v *Vars) Unset(name string) error {
	if !validVarName(name) {
		return fmt.Errorf("invalid variable name: \"%s\"", name)
	}
	return v.apply(name, nil)
}

func (v *Vars) apply(name string, value *string) error {
	h, ok := v.hooks[name]
	if ok && h.substitute != nil {
		value = h.substitute(value)
	}
	if ok && h.assign != nil {
		if err := h.assign(value); err != nil {
			return err
		}
	}
	if value == nil {
		delete(v.vals, name)
	} else {
		v.vals[name] = *value
	}
	return nil
}

// hook installs hooks for a special variable and runs them once on its current value.
func (v *Vars) hook(name string, h varHook) {
	v.hooks[name] = h
	cur, ok := v.vals[name]
	var p *string
	switch {
	case ok:
		p = &cur
	case h.initial != "":
		p = &h.initial
	}
	v.apply(name, p)
}

// Names returns the variable names in sorted order.
func (v *Vars) Names() []string {
	names := make([]string, 0, len(v.vals))
	for n := range v.vals {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// validVarName is psql's valid_variable_name: letters, digits, underscores (and non-ASCII
// bytes).
func validVarName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80) {
			return false
		}
	}
	return true
}

// enumVar makes the hooks of a special variable with a fixed set of values; def is used
// when unset. set receives the chosen value.
func enumVar(name, def string, values []string, set func(string)) varHook {
	return varHook{
		substitute: func(v *string) *string {
			if v == nil {
				return &def
			}
			return v
		},
		assign: func(v *string) error {
			for _, ok := range values {
				if strings.EqualFold(*v, ok) {
					set(ok)
					return nil
				}
			}
			return fmt.Errorf("unrecognized value \"%s\" for \"%s\"\nAvailable values are: %s.", *v, name, strings.Join(values, ", "))
		},
	}
}
