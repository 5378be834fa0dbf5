package repl

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLexerScriptsAgainstPsql runs every lexScriptCases script through
// /usr/bin/psql, connected to a fake server that records the queries it
// receives, and checks that psql's outcome is the recorded one. Together
// with TestLexerScripts this is a differential test of the lexer against
// psql. psql is required: without it the test fails.
func TestLexerScriptsAgainstPsql(t *testing.T) {
	t.Parallel()
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Fatalf("psql 15 is the oracle for the lexer tests and must be installed: %v", err)
	}
	for _, tc := range lexScriptCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := lexRunPsql(t, psql, tc.script, !tc.stdOff)
			lexCompareOutcome(t, "psql", got, tc.want)
		})
	}
}

// lexRunPsql runs psql -X -q on script against a fresh fake server.
func lexRunPsql(t *testing.T, psql, script string, std bool) lexOutcome {
	t.Helper()
	dir, err := os.MkdirTemp("", "lexpsql")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	srv := lexStartFakeServer(t, filepath.Join(dir, ".s.PGSQL.5432"), std)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, psql, "-X", "-q", "-h", dir, "-p", "5432", "-U", "tester", "-d", "testdb")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "LC_ALL=C.UTF-8", "PGCONNECT_TIMEOUT=10"}
	cmd.Stdin = strings.NewReader(script)
	var stdout, stderr strings.Builder
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("psql: %v\nstderr: %s", err, stderr.String())
	}
	out := srv.outcome()
	out.Stdout = stdout.String()
	out.Stderr = stderr.String()
	return out
}

// lexFakeServer speaks just enough of protocol 3.0 (startup with trust
// authentication, simple Query answered with EmptyQueryResponse) for psql
// to run a script, and records what arrives.
type lexFakeServer struct {
	ln  net.Listener
	std bool

	mu       sync.Mutex
	queries  []string
	connects []string
	conns    int
}

func lexStartFakeServer(t *testing.T, path string, std bool) *lexFakeServer {
	t.Helper()
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	s := &lexFakeServer{ln: ln, std: std}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				if err := s.serve(c); err != nil && !errors.Is(err, io.EOF) {
					t.Errorf("fake server: %v", err)
				}
			}()
		}
	}()
	return s
}

func (s *lexFakeServer) outcome() lexOutcome {
	s.mu.Lock()
	defer s.mu.Unlock()
	return lexOutcome{Queries: s.queries, Connects: s.connects}
}

func (s *lexFakeServer) serve(c net.Conn) error {
	c.SetDeadline(time.Now().Add(30 * time.Second))
	r := bufio.NewReader(c)
	params, err := lexReadStartup(r, c)
	if err != nil {
		return err
	}
	s.mu.Lock()
	if s.conns > 0 {
		s.connects = append(s.connects, params["database"])
	}
	s.conns++
	s.mu.Unlock()

	std := "on"
	if !s.std {
		std = "off"
	}
	var out []byte
	out = lexMsg(out, 'R', lexInt32(nil, 0)) // AuthenticationOk
	for _, kv := range [][2]string{
		{"server_version", "15.18"}, {"server_encoding", "UTF8"}, {"client_encoding", "UTF8"},
		{"standard_conforming_strings", std}, {"DateStyle", "ISO, MDY"}, {"IntervalStyle", "postgres"},
		{"integer_datetimes", "on"}, {"TimeZone", "UTC"}, {"is_superuser", "on"},
		{"session_authorization", params["user"]}, {"application_name", "psql"},
	} {
		out = lexMsg(out, 'S', []byte(kv[0]+"\x00"+kv[1]+"\x00"))
	}
	out = lexMsg(out, 'K', lexInt32(lexInt32(nil, 4242), 99))
	out = lexMsg(out, 'Z', []byte{'I'})
	if _, err := c.Write(out); err != nil {
		return err
	}
	for {
		typ, body, err := lexReadMsg(r)
		if err != nil {
			return err
		}
		switch typ {
		case 'Q':
			s.mu.Lock()
			s.queries = append(s.queries, strings.TrimSuffix(string(body), "\x00"))
			s.mu.Unlock()
			out = lexMsg(out[:0], 'I', nil) // EmptyQueryResponse
			out = lexMsg(out, 'Z', []byte{'I'})
			if _, err := c.Write(out); err != nil {
				return err
			}
		case 'X':
			return nil
		default:
			return errors.New("unexpected message " + string(typ))
		}
	}
}

// lexReadStartup reads the StartupMessage, refusing SSL and GSS encryption
// requests first.
func lexReadStartup(r *bufio.Reader, w io.Writer) (map[string]string, error) {
	for {
		var hdr [8]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return nil, err
		}
		n := int(binary.BigEndian.Uint32(hdr[:4]))
		code := binary.BigEndian.Uint32(hdr[4:])
		if n < 8 || n > 10000 {
			return nil, errors.New("bad startup length")
		}
		body := make([]byte, n-8)
		if _, err := io.ReadFull(r, body); err != nil {
			return nil, err
		}
		switch code {
		case 80877103, 80877104: // SSLRequest, GSSENCRequest
			if _, err := w.Write([]byte{'N'}); err != nil {
				return nil, err
			}
			continue
		case 196608:
		default:
			return nil, errors.New("unexpected startup code")
		}
		params := map[string]string{}
		fields := strings.Split(string(body), "\x00")
		for i := 0; i+1 < len(fields); i += 2 {
			params[fields[i]] = fields[i+1]
		}
		return params, nil
	}
}

func lexReadMsg(r *bufio.Reader) (byte, []byte, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, nil, err
	}
	n := int(binary.BigEndian.Uint32(hdr[1:]))
	if n < 4 || n > 1<<24 {
		return 0, nil, errors.New("bad message length")
	}
	body := make([]byte, n-4)
	_, err := io.ReadFull(r, body)
	return hdr[0], body, err
}

func lexMsg(dst []byte, typ byte, body []byte) []byte {
	dst = append(dst, typ)
	dst = lexInt32(dst, uint32(len(body)+4))
	return append(dst, body...)
}

func lexInt32(dst []byte, v uint32) []byte {
	return binary.BigEndian.AppendUint32(dst, v)
}
