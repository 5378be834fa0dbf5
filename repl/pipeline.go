package repl

import "github.com/gpsql/gpsql/proto"

// pipelineState is psql 18's pipeline mode of a session (\startpipeline ... \endpipeline):
// the connection is busy with the pipeline from start to end, so nothing else may use it.
type pipelineState struct {
	p *proto.StepPipeline // nil when no pipeline is ongoing
}

// pipelineActive reports whether a pipeline is ongoing: the session's connection then
// belongs to it, and neither the notification watcher nor tab completion may read from it.
func (s *Session) pipelineActive() bool { return s.pipe.p != nil }
