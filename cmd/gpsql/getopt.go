package main

import (
	"fmt"
	"strings"
)

// optSpec is one command-line option in the getopt_long style psql uses.
type optSpec struct {
	short  byte   // 0 if long only
	long   string // "" if short only
	hasArg int    // noArg, requiredArg, optionalArg (long form only takes optional args)
}

const (
	noArg = iota
	requiredArg
	optionalArg
)

// parsedOpt is one option occurrence, in command-line order.
type parsedOpt struct {
	spec  *optSpec
	name  string // as given: "-c" or "--command"
	value string
	has   bool // a value was given (for optional arguments)
}

// usageError is a command-line error; its text is GNU getopt's, naming the program as
// invoked.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// getopt parses args (without the program name) as GNU getopt_long does with psql's option
// table: bundled short options, attached or separate arguments, "--name=value", unique
// prefixes of long names, "--" ending the options, and non-option arguments anywhere
// (returned in order as operands).
func getopt(prog string, args []string, specs []optSpec) (opts []parsedOpt, operands []string, err error) {
	byShort := map[byte]*optSpec{}
	for i := range specs {
		if specs[i].short != 0 {
			byShort[specs[i].short] = &specs[i]
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			operands = append(operands, args[i+1:]...)
			return opts, operands, nil
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			sp, err := lookupLong(prog, name, specs)
			if err != nil {
				return nil, nil, err
			}
			o := parsedOpt{spec: sp, name: "--" + sp.long}
			switch sp.hasArg {
			case noArg:
				if hasVal {
					return nil, nil, &usageError{fmt.Sprintf("%s: option '--%s' doesn't allow an argument", prog, sp.long)}
				}
			case requiredArg:
				if hasVal {
					o.value, o.has = val, true
				} else if i+1 < len(args) {
					i++
					o.value, o.has = args[i], true
				} else {
					return nil, nil, &usageError{fmt.Sprintf("%s: option '--%s' requires an argument", prog, sp.long)}
				}
			case optionalArg:
				o.value, o.has = val, hasVal
			}
			opts = append(opts, o)
		case len(a) > 1 && a[0] == '-':
			for j := 1; j < len(a); j++ {
				sp := byShort[a[j]]
				if sp == nil {
					return nil, nil, &usageError{fmt.Sprintf("%s: invalid option -- '%c'", prog, a[j])}
				}
				o := parsedOpt{spec: sp, name: "-" + string(a[j])}
				if sp.hasArg == requiredArg {
					if j+1 < len(a) {
						o.value, o.has = a[j+1:], true
					} else if i+1 < len(args) {
						i++
						o.value, o.has = args[i], true
					} else {
						return nil, nil, &usageError{fmt.Sprintf("%s: option requires an argument -- '%c'", prog, a[j])}
					}
					opts = append(opts, o)
					break
				}
				opts = append(opts, o)
			}
		default:
			operands = append(operands, a)
		}
	}
	return opts, operands, nil
}

// lookupLong finds a long option by exact name or unique prefix.
func lookupLong(prog, name string, specs []optSpec) (*optSpec, error) {
	var matches []*optSpec
	for i := range specs {
		if specs[i].long == "" {
			continue
		}
		if specs[i].long == name {
			return &specs[i], nil
		}
		if strings.HasPrefix(specs[i].long, name) {
			matches = append(matches, &specs[i])
		}
	}
	switch {
	case len(matches) == 1:
		return matches[0], nil
	case len(matches) == 0:
		return nil, &usageError{fmt.Sprintf("%s: unrecognized option '--%s'", prog, name)}
	}
	// Options that are one and the same (--set and --variable) are not ambiguous.
	same := true
	for _, m := range matches[1:] {
		if m.short != matches[0].short || m.short == 0 {
			same = false
		}
	}
	if same {
		return matches[0], nil
	}
	var names []string
	for _, m := range matches { // table order, as glibc lists them
		names = append(names, "'--"+m.long+"'")
	}
	return nil, &usageError{fmt.Sprintf("%s: option '--%s' is ambiguous; possibilities: %s", prog, name, strings.Join(names, " "))}
}
