package meta

// PipelineStep is a step of psql 18's pipeline mode that a send performs instead of running
// the query buffer (psql's PSQL_SEND_* send modes of \startpipeline and its companions). The
// buffer is consumed all the same: it becomes the previous query, as psql's MainLoop makes
// it for every PSQL_CMD_SEND.
type PipelineStep int

// The pipeline steps.
const (
	NoPipelineStep PipelineStep = iota
	StartPipeline               // \startpipeline: enter pipeline mode (nothing when already in it)
	SyncPipeline                // \syncpipeline: queue a Sync
	EndPipeline                 // \endpipeline: queue a Sync, read every result, leave pipeline mode
	FlushRequest                // \flushrequest: queue a Flush message
	FlushPipeline               // \flush: write what is queued
	GetResults                  // \getresults [N]: read N pending results, all when N is 0
)

// pipelineCommands are psql 18's pipeline commands (psql-ref.txt, \startpipeline). Each
// returns Send with its step; the loop does the work when it sends.
func pipelineCommands() []Command {
	step := func(s PipelineStep) func(*Env, string, Args) Result {
		return func(env *Env, _ string, _ Args) Result {
			env.Send.Pipeline = s
			return Send
		}
	}
	return []Command{
		{Names: []string{"startpipeline"}, Help: "enter pipeline mode", Section: "Extended Query Protocol", Run: step(StartPipeline)},
		{Names: []string{"syncpipeline"}, Help: "add a synchronisation point to an ongoing pipeline", Section: "Extended Query Protocol", Run: step(SyncPipeline)},
		{Names: []string{"endpipeline"}, Help: "exit pipeline mode", Section: "Extended Query Protocol", Run: step(EndPipeline)},
		{Names: []string{"flushrequest"}, Help: "send request to the server to flush its output buffer", Section: "Extended Query Protocol", Run: step(FlushRequest)},
		{Names: []string{"flush"}, Help: "flush output data to the server", Section: "Extended Query Protocol", Run: step(FlushPipeline)},
		{Names: []string{"getresults"}, Args: "[NUM_RES]", Help: "read NUM_RES pending results, or all if no argument", Section: "Extended Query Protocol", Run: runGetResults},
		{Names: []string{"sendpipeline"}, Help: "send an extended query to an ongoing pipeline", Section: "Extended Query Protocol", Run: runSendPipeline},
	}
}

// runGetResults is \getresults [NUM_RES] (psql 18's exec_command_getresults): the count is
// C's atoi of the argument, so a word that is not a number reads every result; a negative
// count is an error.
func runGetResults(env *Env, cmd string, args Args) Result {
	env.Send.Pipeline, env.Send.Results = GetResults, 0
	if a, ok := args.Next(OptNormal); ok {
		n := atoi(a)
		if n < 0 {
			env.Errorf("\\%s: invalid number of requested results", cmd)
			return Error
		}
		env.Send.Results = n
	}
	return Send
}

// runSendPipeline is \sendpipeline (psql 18): it queues the query buffer with the parameters
// of the \bind or \bind_named before it. Outside a pipeline, or without one of those, it is
// an error that forgets the parameters (psql's clean_extended_state).
func runSendPipeline(env *Env, cmd string, _ Args) Result {
	switch {
	case !env.InPipeline:
		env.Errorf("\\%s not allowed outside of pipeline mode", cmd)
	case !env.Send.Bind && !env.Send.BindNamed:
		env.Errorf("\\%s must be used after \\bind or \\bind_named", cmd)
	default:
		return Send
	}
	*env.Send = SendOptions{}
	return Error
}

// refuseInPipeline is the check of psql 18's \g, \gx, \gset, \gexec and \watch: inside a
// pipeline they are an error that forgets \bind's parameters. It reports whether cmd was
// refused.
func refuseInPipeline(env *Env, cmd string) bool {
	if !env.InPipeline {
		return false
	}
	env.Errorf("\\%s not allowed in pipeline mode", cmd)
	*env.Send = SendOptions{}
	return true
}
