package repl

import (
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// watchTimeFormat is C's %c in the C locale ("Sat Nov 21 08:49:58 2026"), which psql's
// do_watch puts in the title.
const watchTimeFormat = "Mon Jan _2 15:04:05 2006"

// watch is \watch (psql 15's do_watch): the query runs every interval seconds, each result
// titled with the time and the interval, until Ctrl-C or a failed run. A server error ends
// the watch without failing the command, as in psql; an empty query or COPY fails it. A
// newline on standard output ends it, as in psql. After \bind or \bind_named (req), every
// run goes through the extended protocol with the same parameters, as in psql 18.
func (s *Session) watch(query string, interval float64, req *meta.SendOptions) bool {
	if query == "" {
		s.fatal("\\watch cannot be used with an empty query")
		return false
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	// psql ends the watch with a newline on standard output, for the ^C the terminal echoed.
	defer func() {
		fmt.Fprintln(s.stdout())
		s.out.Flush()
	}()
	for {
		user := ""
		if s.popt.HasTitle {
			user = s.popt.Title
		}
		title := meta.WatchTitle(user, time.Now().Format(watchTimeFormat), interval)
		switch s.watchOnce(query, title, req) {
		case -1:
			return false
		case 0:
			return true
		}
		select {
		case <-sig:
			return true
		case <-s.ctx.Done():
			return true
		case <-time.After(time.Duration(interval * float64(time.Second))):
		}
	}
}

// watchOnce runs the query once as psql's PSQLexecWatch does: 1 when it ran, 0 after a
// server error (reported), -1 when the query cannot be watched.
func (s *Session) watchOnce(query, title string, req *meta.SendOptions) int {
	if s.conn == nil || s.conn.Closed() {
		s.fatal("You are currently not connected to a database.")
		return -1
	}
	stop := s.cancelOnInterrupt()
	defer stop()
	defer s.out.Flush()
	start := time.Now()
	var rs *proto.Results
	var err error
	switch {
	case req.Bind:
		rs, err = s.conn.ExecParams(s.ctx, query, req.Params, nil)
	case req.BindNamed:
		rs, err = s.conn.ExecPrepared(s.ctx, req.Statement, req.Params, nil)
	default:
		rs, err = s.conn.Query(s.ctx, query)
	}
	if err != nil {
		s.reportConnErr(err)
		return 0
	}
	res := 1
	for rs.NextResult() {
		r := rs.Result()
		switch {
		case r.IsCopy() != 0:
			s.fatal("\\watch cannot be used with COPY")
			res = -1
		case r.HasRows():
			popt := s.popt
			popt.Title, popt.HasTitle = title, true
			popt.TermWidth = s.termWidth()
			if err := render.PrintQuery(s.ctx, s.out, &resultRows{r: r}, &popt, nil); err != nil {
				s.reportResultErr(r, err, query)
				res = 0
			}
		case r.Err() != nil:
			s.reportResultErr(r, r.Err(), query)
			res = 0
		case r.Empty():
			s.fatal("\\watch cannot be used with an empty query")
			res = -1
		default:
			s.printStatus(r.CommandTag()) // psql 15 prints no title here (ExecQueryAndProcessResults)
		}
	}
	if err := rs.Err(); err != nil {
		s.reportConnErr(err)
		return 0
	}
	if res == 1 && s.timing {
		printTiming(s.stdout(), time.Since(start))
	}
	return res
}
