package pgtest

import (
	"net"
	"sync"

	"github.com/gpsql/gpsql/proto/wire"
)

// Fake is a scripted server on a loopback port: each accepted connection runs Script, which
// speaks the protocol through a wire.Backend (or writes raw bytes to the net.Conn). It is for
// what a real server will not do on demand: dropping the connection, sending garbage.
type Fake struct {
	// Port is the loopback TCP port to connect to.
	Port int

	ln   net.Listener
	wg   sync.WaitGroup
	once sync.Once
}

// Script handles one client connection. The connection is closed when it returns.
type Script func(b *wire.Backend, nc net.Conn)

// StartFake listens on 127.0.0.1 and runs script for each connection until Close.
func StartFake(script Script) (*Fake, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	f := &Fake{Port: ln.Addr().(*net.TCPAddr).Port, ln: ln}
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			f.wg.Add(1)
			go func() {
				defer f.wg.Done()
				defer nc.Close()
				script(wire.NewBackend(nc, nc), nc)
			}()
		}
	}()
	return f, nil
}

// Close stops listening and waits for the running scripts to end.
func (f *Fake) Close() {
	f.once.Do(func() { f.ln.Close() })
	f.wg.Wait()
}

// Handshake answers a startup as a trust server would: it reads the startup packet
// (answering an SSLRequest with 'N'), then sends AuthenticationOk, BackendKeyData, a few
// ParameterStatus and ReadyForQuery. It reports false if the client went away.
func Handshake(b *wire.Backend, nc net.Conn) bool {
	for {
		m, err := b.ReceiveStartup()
		if err != nil {
			return false
		}
		switch m.(type) {
		case *wire.SSLRequest, *wire.GSSENCRequest:
			if _, err := nc.Write([]byte{'N'}); err != nil {
				return false
			}
			continue
		case *wire.StartupMessage:
		default:
			return false
		}
		break
	}
	msgs := []wire.BackendMessage{
		&wire.AuthenticationOk{},
		&wire.BackendKeyData{ProcessID: 4242, SecretKey: []byte{1, 2, 3, 4}},
		&wire.ParameterStatus{Name: "server_version", Value: "15.0"},
		&wire.ParameterStatus{Name: "client_encoding", Value: "UTF8"},
		&wire.ParameterStatus{Name: "standard_conforming_strings", Value: "on"},
		&wire.ReadyForQuery{TxStatus: 'I'},
	}
	for _, m := range msgs {
		if b.Send(m) != nil {
			return false
		}
	}
	return b.Flush() == nil
}
