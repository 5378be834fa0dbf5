package meta

// editCommands are \e, \ef, \ev.
func editCommands() []Command {
	return nil
}
