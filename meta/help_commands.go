package meta

// helpCommands are \? and \h.
func helpCommands() []Command {
	return nil
}
