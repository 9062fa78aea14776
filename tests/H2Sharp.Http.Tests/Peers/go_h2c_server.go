// Go's net/http2 (golang.org/x/net/http2, Debian's golang-golang-x-net-dev) as an h2c server for
// the H2SharpHandler tests: go_h2c_server PORT. Prior knowledge and "Upgrade: h2c" both work
// (h2c.NewHandler). Prints "listening", exits after 60 s in any case.
//   GET  /hello          "hello from go HTTP/2.0" (the protocol the request came in on)
//   GET  /download/N     N bytes of the tests' pattern, byte i = (i*31+7) mod 251
//   POST /upload         "LENGTH SHA256HEX" of the request body
//   GET  /trailers       "body before trailers", trailers x-checksum: abc123, x-count: 2
//   GET  /reset          writes "partial", flushes, then aborts: RST_STREAM INTERNAL_ERROR
//   OPTIONS /            204 after 200 ms (the request that carries "Upgrade: h2c"). The delay
//                        works around a race in x/net 0.7.0's server: response HEADERS are
//                        HPACK-encoded on another goroutine (writeFrameAsync) while the serve
//                        goroutine applies the client's SETTINGS_HEADER_TABLE_SIZE to the same
//                        encoder, so the answer to the upgrade request, written while the
//                        client's first SETTINGS arrives, could carry a dynamic table size update
//                        after a field (a COMPRESSION_ERROR that H2SharpHandler rightly reports).
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/h2c"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodOptions {
			http.NotFound(w, r)
			return
		}
		time.Sleep(200 * time.Millisecond)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "hello from go "+r.Proto)
	})
	mux.HandleFunc("/download/", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/download/"))
		if err != nil || n < 0 {
			http.Error(w, "bad size", http.StatusBadRequest)
			return
		}
		body := make([]byte, n)
		for i := range body {
			body[i] = byte((int64(i)*31 + 7) % 251)
		}
		w.Header().Set("Content-Length", strconv.Itoa(n))
		w.Write(body)
	})
	mux.HandleFunc("/upload", func(w http.ResponseWriter, r *http.Request) {
		h := sha256.New()
		n, err := io.Copy(h, r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "%d %s", n, hex.EncodeToString(h.Sum(nil)))
	})
	mux.HandleFunc("/trailers", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Checksum, X-Count")
		io.WriteString(w, "body before trailers")
		w.Header().Set("X-Checksum", "abc123")
		w.Header().Set("X-Count", "2")
	})
	mux.HandleFunc("/reset", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "partial")
		w.(http.Flusher).Flush()
		time.Sleep(50 * time.Millisecond)
		panic(http.ErrAbortHandler)
	})
	listener, err := net.Listen("tcp", "127.0.0.1:"+os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go func() {
		time.Sleep(60 * time.Second)
		os.Exit(0)
	}()
	fmt.Println("listening")
	server := &http.Server{Handler: h2c.NewHandler(mux, &http2.Server{}), ErrorLog: nil}
	server.Serve(listener)
}
