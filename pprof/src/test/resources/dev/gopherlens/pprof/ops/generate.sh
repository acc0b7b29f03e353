#!/bin/sh
# Regenerates the goldens of OpsConformanceTest: one NAME.raw.txt per line of cases.tsv.
# Usage: GO=<a Go 1.27 go command> CORPUS=<the shared corpus folder> sh generate.sh
set -euf
cd "$(dirname "$0")"
# go1.N/KIND is the corpus's go1.N/data/KIND.pprof; a bare NAME is NAME.pb.gz here.
profile() {
    case "$1" in
        */*) echo "$CORPUS/${1%/*}/data/${1#*/}.pprof" ;;
        *) echo "$1.pb.gz" ;;
    esac
}
grep -v '^#' cases.tsv | while IFS='	' read -r name args; do
    set --
    for a in $args; do
        case "$a" in
            -base=*|-diff_base=*) set -- "$@" "${a%%=*}=$(profile "${a#*=}")" ;;
            -*) set -- "$@" "$a" ;;
            *) set -- "$@" "$(profile "$a")" ;;
        esac
    done
    "$GO" tool pprof -raw -symbolize=none "$@" > "$name.raw.txt"
done
