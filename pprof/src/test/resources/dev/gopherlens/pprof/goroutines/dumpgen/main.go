// Command dumpgen parks a few hundred goroutines in known states and then writes a goroutine dump, panics or
// deadlocks, so that the text the Go runtime prints for each can be kept as test data.
//
// Usage: dumpgen dump|panic|nil|deadlock|quit|repanic
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// How many goroutines each parking function gets; the tests count them.
const (
	nRecv     = 100
	nSend     = 40
	nSelect   = 30
	nNoCases  = 3
	nLock     = 20
	nWait     = 10
	nCond     = 5
	nSleep    = 25
	nDeep     = 2
	nInlined  = 4
	nLabelled = 2
	deepDepth = 130
)

var (
	never    = make(chan int)
	noReader = make(chan int)
	a, b     = make(chan int), make(chan int)
	mu       sync.Mutex
	wgNever  sync.WaitGroup
	cond     = sync.NewCond(&sync.Mutex{})
	started  sync.WaitGroup
	sink     int
)

func recvForever()  { started.Done(); <-never }
func sendForever()  { started.Done(); noReader <- 1 }
func lockForever()  { started.Done(); mu.Lock() }
func waitForever()  { started.Done(); wgNever.Wait() }
func sleepForever() { started.Done(); time.Sleep(time.Hour) }

func selectForever() {
	started.Done()
	select {
	case <-a:
	case <-b:
	}
}

func selectNoCases() {
	started.Done()
	select {}
}

func condForever() {
	cond.L.Lock()
	started.Done()
	cond.Wait()
}

func lockedToThread() {
	runtime.LockOSThread()
	started.Done()
	<-never
}

// deep recurses so that the traceback is too long to print whole.
func deep(n int) int {
	if n == 0 {
		started.Done()
		return <-never
	}
	return deep(n-1) + 1
}

// park is small enough to be inlined into its callers.
func park() int {
	return <-never
}

func inlinedCaller() {
	started.Done()
	sink = park()
}

func labelled() {
	pprof.Do(context.Background(), pprof.Labels("worker", "7", "job name", "nightly build"), func(context.Context) {
		started.Done()
		<-never
	})
}

func ioWait(l net.Listener) {
	started.Done()
	c, err := l.Accept()
	if err == nil {
		c.Close()
	}
}

func spawn(n int, f func()) {
	started.Add(n)
	for i := 0; i < n; i++ {
		go f()
	}
}

type point struct{ x, y int }

// crashNil dereferences a nil pointer.
func crashNil(p *point) int {
	return p.x + p.y
}

// nested panics, recovers and panics again while the first is being handled.
func nested() {
	defer func() {
		r := recover()
		panic(fmt.Sprintf("second panic after recovering %v", r))
	}()
	panic("first panic")
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: dumpgen dump|panic|nil|deadlock|quit|repanic")
		os.Exit(1)
	}
	mode := os.Args[1]
	mu.Lock()
	wgNever.Add(1)
	spawn(nRecv, recvForever)
	spawn(nSend, sendForever)
	spawn(nSelect, selectForever)
	spawn(nNoCases, selectNoCases)
	spawn(nLock, lockForever)
	spawn(nWait, waitForever)
	spawn(nCond, condForever)
	spawn(nDeep, func() { deep(deepDepth) })
	spawn(nInlined, inlinedCaller)
	spawn(nLabelled, labelled)
	if mode != "deadlock" {
		// A sleeping, a network-waiting and a locked goroutine would keep the runtime from seeing a deadlock.
		spawn(nSleep, sleepForever)
		spawn(1, lockedToThread)
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		spawn(1, func() { ioWait(l) })
	}
	started.Wait()
	time.Sleep(300 * time.Millisecond) // let every goroutine park
	switch mode {
	case "dump":
		pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
	case "panic":
		nested()
	case "nil":
		fmt.Println(crashNil(nil))
	case "deadlock":
		<-never
	case "quit":
		// Wait for SIGQUIT; the sleepers keep the runtime from calling this a deadlock.
		fmt.Println("ready")
		select {}
	case "repanic":
		repanic()
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", mode)
		os.Exit(1)
	}
}

// repanic recovers a panic and panics again with the same value.
func repanic() {
	defer func() {
		panic(recover())
	}()
	panic("boom")
}
