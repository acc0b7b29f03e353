#!/bin/sh
# Writes the dumps of one Go toolchain into ../NAME, gzipped. Usage, from this folder:
#   GO=/path/to/go1.27/bin/go ./generate.sh go1.27
set -u
out=../$1
mkdir -p "$out"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
GO=${GO:-go}
run() { # run FILE MODE [ENV=VALUE ...]: stdout and stderr of `go run` (its "exit status 2" included)
  file=$1; mode=$2; shift 2
  env "$@" timeout 60 "$GO" run -trimpath . "$mode" > "$out/$file.txt" 2>&1
  gzip -9n -f "$out/$file.txt"
}
run dump dump GOTRACEBACK=single
run panic-all panic GOTRACEBACK=all
run nil-single nil GOTRACEBACK=single
run nil-system nil GOTRACEBACK=system
run deadlock deadlock GOTRACEBACK=single
run repanic repanic GOTRACEBACK=single
# SIGQUIT to a program that does not handle it: the runtime prints every goroutine, runtime ones included
# under GOTRACEBACK=crash with registers; "go build" then the binary itself, so that the signal reaches it.
quit() { # quit FILE [ENV=VALUE ...]
  file=$1; shift
  bin=$(mktemp -d)/dumpgen
  "$GO" build -trimpath -o "$bin" .
  env "$@" "$bin" quit > "$out/$file.txt" 2>&1 &
  pid=$!
  sleep 3
  kill -QUIT $pid
  wait $pid
  rm -r "$(dirname "$bin")"
  gzip -9n -f "$out/$file.txt"
}
quit sigquit-crash GOTRACEBACK=crash
case "$1" in
go1.27) run panic-labels-ancestors panic GOTRACEBACK=all GODEBUG=tracebacklabels=1,tracebackancestors=2 ;;
esac
