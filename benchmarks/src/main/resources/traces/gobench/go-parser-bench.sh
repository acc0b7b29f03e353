#!/usr/bin/env bash
# Times Go's own trace parser alone (no printing) on a trace: copies the
# non-test sources of GOROOT/src/internal/trace (the parser behind
# `go tool trace`, and the origin of golang.org/x/exp/trace) into a
# throw-away module, rewrites its import paths, and reads every event 5 times.
#   usage: go-parser-bench.sh TRACE[.gz] [GOROOT]   (GOROOT defaults to /usr/lib/go-1.27)
# Needs no module download. Writes only under a mktemp directory.
set -euo pipefail
trace=$(realpath "$1"); goroot=${2:-/usr/lib/go-1.27}
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
for d in . version tracev2 internal/tracev1; do
  mkdir -p "$w/trace/$d"
  for f in "$goroot/src/internal/trace/$d"/*.go; do
    case $f in *_test.go) ;; *) cp "$f" "$w/trace/$d/" ;; esac
  done
done
sed -i 's#"internal/trace#"parsebench/trace#g' $(find "$w/trace" -name '*.go')
printf 'module parsebench\n\ngo 1.23\n' > "$w/go.mod"
cat > "$w/main.go" <<'GO'
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"time"

	"parsebench/trace"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			panic(err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			panic(err)
		}
	}
	for i := 0; i < 5; i++ {
		start := time.Now()
		r, err := trace.NewReader(bufio.NewReader(bytes.NewReader(data)))
		if err != nil {
			panic(err)
		}
		n := 0
		for {
			if _, err := r.ReadEvent(); err == io.EOF {
				break
			} else if err != nil {
				panic(err)
			}
			n++
		}
		d := time.Since(start)
		fmt.Printf("run %d: %d events in %v (%.2f M events/s)\n", i, n, d, float64(n)/d.Seconds()/1e6)
	}
}
GO
cd "$w"
GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off "$goroot/bin/go" build -trimpath -o pb .
./pb "$trace"
