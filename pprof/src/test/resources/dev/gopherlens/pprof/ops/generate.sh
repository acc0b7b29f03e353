#!/bin/sh
# Regenerates the goldens of OpsConformanceTest: one NAME.raw.txt per line of cases.tsv.
# Usage: GO=<a Go 1.27 go command> CORPUS=<the shared corpus folder> sh generate.sh
set -eu
cd "$(dirname "$0")"
grep -v '^#' cases.tsv | while IFS='	' read -r name args; do
    set --
    for a in $args; do
        case "$a" in
            -base=*|-diff_base=*) f=${a#*=}; set -- "$@" "${a%%=*}=$CORPUS/${f%/*}/data/${f#*/}.pprof" ;;
            -*) set -- "$@" "$a" ;;
            *) set -- "$@" "$CORPUS/${a%/*}/data/${a#*/}.pprof" ;;
        esac
    done
    "$GO" tool pprof -raw -symbolize=none "$@" > "$name.raw.txt"
done
