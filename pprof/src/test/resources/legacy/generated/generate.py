import random, struct, os, sys
out = sys.argv[1]; n = int(sys.argv[2])
R = random.Random(42)
def addr(): return R.choice([0x400000, 0x401000, 0x7f0000000000, 0x7f2000000000, 0x900000, 0x8048000, 0]) + R.randrange(0, 0x3000)
def addrs(k): return ' '.join('0x%x' % addr() for _ in range(k))
def maps():
    lines = []
    for _ in range(R.randrange(0, 7)):
        s = R.choice([0x400000, 0x401000, 0x7f0000000000, 0x7f0000010000, 0x7f2000000000, 0x900000, 0x8048000])
        e = s + R.choice([0x1000, 0x10000, 0x52000])
        perm = R.choice(['r-xp', 'r--p', 'rw-p', 'r-xs', ''])
        off = R.choice([0, 0x1000, 0x10000])
        f = R.choice(['/usr/bin/app', '/lib/libc-2.15.so', '/lib/libc.so.6', '[vdso]', '/anon_hugepage', '', '/opt/x (deleted)', '$d/libz.so'])
        kind = R.randrange(4)
        if kind == 0:
            lines.append('%x-%x %s %08x 08:01 %d %s' % (s, e, perm, off, R.randrange(99), f))
        elif kind == 1:
            lines.append('0x%x-0x%x %s %s (@%x) %s' % (s, e, perm, f, off, R.choice(['', 'abc123', 'deadbeef'])))
        elif kind == 2:
            lines.append('I0102 15:04:05.000000 1 m.cc:%d] %x-%x %s %08x 00:00 0 %s' % (R.randrange(99), s, e, perm, off, f))
        else:
            lines.append(R.choice(['d=/opt/lib', 'd = /opt/zlib', 'garbage line', '']))
    return '\n'.join(lines) + ('\n' if lines else '')
def heap():
    hdr = R.choice(['heap_v2/524288', 'heapz_v2/1024', 'heap/1048576', 'heap/0', 'heapprofile', 'growthz', 'growth', 'fragmentationz', 'heap_v2/1', 'heapz'])
    a, b = R.randrange(5), R.randrange(10000)
    c, d = R.choice([(a, b), (0, 0), (a + 3, b * 2)])
    s = 'heap profile: %d: %d [%d: %d] @ %s\n' % (a, b, c, d, hdr)
    for _ in range(R.randrange(0, 6)):
        n1 = R.randrange(0, 4); n2 = R.randrange(1, 5000) * (1 if n1 else 0)
        n3 = R.randrange(0, 6); n4 = R.randrange(1, 90000) * (1 if n3 else 0)
        s += '%s%d: %d [%d: %d] @ %s\n' % (R.choice(['', '   ']), n1, n2, n3, n4, addrs(R.randrange(0, 5)))
        if R.random() < 0.3: s += '#\t0x401000\tmain.f+0x10\tmain.go:10\n'
    if R.random() < 0.6: s += R.choice(['MAPPED_LIBRARIES:\n', '--- Memory map: ---\n', 'junk\n']) + maps()
    return s
def contention():
    s = R.choice(['--- contentionz 1 ---\n', '--- mutex:\n', '--- contention:\n'])
    for k in R.sample(['cycles/second = %d' % R.choice([0, 2000000000, 3201000000]), 'sampling period = %s' % R.choice(['0', '1', '100', '0x10']), 'ms since reset = %d' % R.randrange(10**7), 'discarded samples = 0', '# comment', ''], R.randrange(0, 5)):
        s += k + '\n'
    for _ in range(R.randrange(0, 5)):
        s += '%s%d %s%d @ %s\n' % (R.choice(['', '  ']), R.randrange(0, 10**6), R.choice([' ', '    ', '']), R.randrange(1, 50), addrs(R.randrange(0, 5)))
    if R.random() < 0.5: s += R.choice(['---\n', '']) + R.choice(['--- Memory map: ---\n', 'MAPPED_LIBRARIES:\n']) + maps()
    return s
def thread():
    s = R.choice(['--- threadz 1 ---\n\n', '# c\n--- threadz 2 ---\n'])
    for i in range(R.randrange(0, 5)):
        s += '--- Thread %x (name: t%d/%d) stack: ---\n' % (0x7f00 + i, i, 100 + i)
        r = R.random()
        if r < 0.2: s += '  same as previous thread\n'
        elif r < 0.3: pass
        else:
            s += '  PC: 0x%08x: f\n' % addr()
            for _ in range(R.randrange(0, 4)): s += '  0x%08x: g\n' % addr()
    if R.random() < 0.3: s += '---- no stack trace for thread 9 ----\n'
    s += R.choice(['--- Memory map: ---\n', 'MAPPED_LIBRARIES:\n']) + maps()
    return s
def count():
    t = R.choice(['goroutine', 'threadcreate'])
    s = R.choice(['', '# c\n\n']) + '%s profile: total %d\n' % (t, R.randrange(100))
    for _ in range(R.randrange(0, 5)):
        s += '%s @ %s\n' % (R.choice(['1', '3', '010', '0']), addrs(R.randrange(1, 5)))
        if R.random() < 0.4: s += '# labels: {"a":"b"}\n#\t0x401000\tmain.f+0x10\tmain.go:10\n\n'
    return s
def cpu():
    fmt = R.choice(['<I', '>I', '<Q', '>Q'])
    words = [0, 3, 0, R.choice([1, 10000, 5000]), 0]
    handler = 0x7f0000000400
    ns = R.randrange(0, 40)
    for i in range(ns):
        st = [addr()]
        if R.random() < 0.9: st.append(handler)
        if R.random() < 0.2: st.append(st[0])
        st += [addr() for _ in range(R.randrange(0, 3))]
        if fmt[1] == 'I': st = [x & 0xffffffff for x in st]
        words += [R.randrange(1, 4), len(st)] + st
    if R.random() < 0.9: words += [0, 1, 0]
    b = b''.join(struct.pack(fmt, w) for w in words)
    return b + maps().encode()
gens = [heap, contention, thread, count, cpu]
for i in range(n):
    g = gens[i % len(gens)]
    d = g()
    if isinstance(d, str): d = d.encode()
    open(os.path.join(out, '%05d.in' % i), 'wb').write(d)
