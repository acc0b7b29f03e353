// Command gosyntax writes gosyntax.golden: how Go's fmt prints floats, complex numbers and strings with %#v, and
// the order in which it prints map keys, for GoSyntaxTest. Regenerate with `go run main.go > gosyntax.golden`.
//
// Each line is tab-separated: a kind, the input as bits or bytes in hex, and fmt's output.
package main

import (
	"encoding/hex"
	"fmt"
	"math"
	"math/rand"
	"strings"
)

// Point and Config are main.go's of the corpus core program (core/src), to print their zero values.
type Point struct{ X, Y int32 }

type Config struct {
	Name    string
	ID      uint64
	Ratio   float64
	Enabled bool
	Origin  Point
	Tags    []string
	Limits  [3]int16
	Next    *Point
	Extra   map[string]int
	Any     interface{}
	Err     error
}

// The runtime's uint16InterfacePtr, stringInterfacePtr and sliceInterfacePtr (runtime/iface.go), which its
// uint16Eface, stringEface and sliceEface hold; the runtime's binaries have no DWARF for them.
type uint16InterfacePtr uint16
type stringInterfacePtr string
type sliceInterfacePtr []byte

func main() {
	r := rand.New(rand.NewSource(12))
	f64 := []float64{0, math.Copysign(0, -1), 1, -1, 3.25, 0.1, 0.3, 1.0 / 3, 2.0 / 3, 100, 1e5, 1e6, 123456,
		1234567, 123456789, 1e20, 1e21, 1e23, 2e23, 0.0001, 0.00001, 1.5e-5, 1e-7, 5e-324, 2.2250738585072014e-308,
		math.MaxFloat64, 1 << 53, 1<<53 + 2, 9007199254740993, 123456.7, 1.5e300, -2.5e-300, 299792458,
		math.Pi, math.E, math.NaN(), math.Inf(1), math.Inf(-1)}
	for i := 0; i < 300; i++ {
		f64 = append(f64, math.Float64frombits(r.Uint64()))
	}
	for i := 0; i < 100; i++ {
		f64 = append(f64, float64(r.Intn(2000000))/float64(1+r.Intn(1000)))
	}
	for _, v := range f64 {
		fmt.Printf("float64\t%016x\t%#v\n", math.Float64bits(v), v)
	}
	f32 := []float32{0, 1, 0.1, 0.3, 1.1, 3.25, 16777216, 16777217, 3.4028235e38, 1e-45, 1.17549435e-38, 123456.79,
		1e6, 1e-5, float32(math.Inf(1)), float32(math.NaN())}
	for i := 0; i < 200; i++ {
		f32 = append(f32, math.Float32frombits(r.Uint32()))
	}
	for _, v := range f32 {
		fmt.Printf("float32\t%08x\t%#v\n", math.Float32bits(v), v)
	}
	c128 := []complex128{complex(1, 2), complex(0, -1), complex(-1.5, 0), complex(math.Inf(1), math.NaN()),
		complex(1e21, 1e-7)}
	for _, v := range c128 {
		fmt.Printf("complex128\t%016x %016x\t%#v\n", math.Float64bits(real(v)), math.Float64bits(imag(v)), v)
	}
	c64 := []complex64{complex(1, 2), complex(0.1, -0.3)}
	for _, v := range c64 {
		fmt.Printf("complex64\t%08x %08x\t%#v\n", math.Float32bits(real(v)), math.Float32bits(imag(v)), v)
	}
	strs := []string{"", "hello", "quote\"back\\slash", "\a\b\f\n\r\t\v", "\x00\x01\x1f\x7f", "é", "日本語",
		"\u00a0", "\u00ad", "\u200b", "\u2028", "\ufeff", "\U0001F600", "\U000e0001", "\u0378", "e\u0301",
		"\xff\xfe", "\xe6\x97", "\xed\xa0\x80", "\xc0\x80", "\xf4\x90\x80\x80", "a\x80b", "`backquote`",
		"the quick brown gopher jumps over the lazy dog"}
	for i := 0; i < 100; i++ {
		b := make([]byte, r.Intn(12))
		r.Read(b)
		strs = append(strs, string(b))
	}
	for _, s := range strs {
		fmt.Printf("string\t%s\t%#v\n", hex.EncodeToString([]byte(s)), s)
	}

	// Key order: each key maps to its index in the input line, so the printed values spell fmt's permutation.
	keys := []float64{3, math.Inf(-1), 0, math.NaN(), -1e300, 1e-300, math.Inf(1), -7.5, 2, math.MaxFloat64}
	fm := map[float64]int{}
	var fbits []string
	for i, k := range keys {
		fm[k] = i
		fbits = append(fbits, fmt.Sprintf("%016x", math.Float64bits(k)))
	}
	fmt.Printf("floatorder\t%s\t%#v\n", strings.Join(fbits, ","), fm)
	skeys := []string{"b", "a", "", "ab", "B", "é", "z", "\xff", "日本", "\U0001F600", "\uffff", "a\x00", "\x00"}
	sm := map[string]int{}
	var sbytes []string
	for i, k := range skeys {
		sm[k] = i
		sbytes = append(sbytes, hex.EncodeToString([]byte(k)))
	}
	fmt.Printf("stringorder\t%s\t%#v\n", strings.Join(sbytes, ","), sm)
	ikeys := []int64{5, -1, math.MinInt64, 0, math.MaxInt64, -300}
	im := map[int64]int{}
	var ibits []string
	for i, k := range ikeys {
		im[k] = i
		ibits = append(ibits, fmt.Sprintf("%016x", uint64(k)))
	}
	fmt.Printf("intorder\t%s\t%#v\n", strings.Join(ibits, ","), im)
	um := map[uint64]int{}
	for i, k := range ikeys {
		um[uint64(k)] = i
	}
	fmt.Printf("uintorder\t%s\t%#v\n", strings.Join(ibits, ","), um)

	// Nil slices, maps, pointers and interfaces inside a struct, and a nil pointer at the top level.
	fmt.Printf("zeroconfig\t\t%#v\n", Config{})
	fmt.Printf("nilpointer\t\t%#v\n", (*Point)(nil))
	fmt.Printf("pointer\t\t%#v\n", &Point{X: 3, Y: 4})
	// A []byte prints as []byte at the top level (fmt's printArg), as []uint8 inside another value.
	fmt.Printf("topbytes\t\t%#v\n", []byte{2, 0, 0, 0, 0, 0, 0, 0})
	fmt.Printf("nestedbytes\t\t%#v\n", struct{ X []byte }{[]byte{1}})
	fmt.Printf("descriptoronly\t\t%#v %#v %#v\n", any(uint16InterfacePtr(0)), any(stringInterfacePtr("")),
		any(sliceInterfacePtr(nil)))
}
