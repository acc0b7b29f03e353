module dumpgen

go 1.15
