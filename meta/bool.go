package meta

import "strings"

// ParseBool is psql's ParseVariableBool: unique prefixes of true/false/yes/no, on/off
// (at least two letters), 1/0, case-insensitive. ok is false for anything else.
func ParseBool(value string) (bool, bool) {
	v := strings.ToLower(value)
	switch {
	case v == "":
		return false, false
	case strings.HasPrefix("true", v), strings.HasPrefix("yes", v):
		return true, true
	case strings.HasPrefix("false", v), strings.HasPrefix("no", v):
		return false, true
	case len(v) >= 2 && strings.HasPrefix("on", v):
		return true, true
	case len(v) >= 2 && strings.HasPrefix("off", v):
		return false, true
	case v == "1":
		return true, true
	case v == "0":
		return false, true
	}
	return false, false
}
