package meta

// sendCommands are \g and its variants, \gset, \gexec, \gdesc, \watch, \bind and the extended-protocol commands.
func sendCommands() []Command {
	return nil
}
