// nginx: an Nginx-like pre-forking HTTP/1.1 server (nginx 1.15.6 with master_process on, one static site);
// the harness class Nginx drives it.
//
// Assembled after a configuration source that sets WORKER_PROCESSES (1..64) and EPOCH (the wall-clock second
// at emulated time 0, for Date headers). The host installs a listening TCP socket at fd LISTEN_FD (3) first.
//
// The master builds the configuration once, as nginx's cycle does (pointer-rich: every string, location,
// cached file and MIME type is reached through capabilities), then forks the workers and waits for them.
// Each worker (ngx_worker_process_init) makes its own pool of worker_connections connection structures on a
// free list, then loops: accept a connection; read a request head into the connection's 1 KB header buffer
// (client_header_buffer_size); parse the request line and headers (Host, Connection); find the location by
// exact URI; look up the content type by the file's extension; build the response head (Server, Date,
// Content-Type, Content-Length, Last-Modified, Connection, ETag, Accept-Ranges) and the body in a buffer
// and write it; keep the connection alive (HTTP/1.1, keepalive_requests) or close it; accept the next one
// when the client closes. Reads block, so a worker waiting for its client's next request yields the core.
// Responses: 200 for a known URI, 404 for another, 405 for a method other than GET or HEAD, 400 (and close)
// for a malformed request or a head larger than the buffer.
//
// Exit codes: master 0 when every worker exited 0, 1 if one did not, 2 if a fork failed, EXIT_NO_FORK (38)
// without fork; a worker exits 0 when accept fails with EINVAL (the listener was shut down), 3 for another
// accept error, ENOMEM (12) when out of memory.

        .equ LISTEN_FD, 3
        .equ ENOMEM, 12
        .equ WORKER_CONNECTIONS, 64
        .equ CLIENT_HEADER_BUFFER, 1024
        .equ KEEPALIVE_REQUESTS, 1000000000

        // the cycle (.data, reached through the GOT)
        .equ CY_CONF, 0             // cap: the http core configuration
        .equ CY_DATE, 16            // cap: the cached Date value (29 B, ngx_cached_http_time)
        .equ CY_PIDS, 32            // cap: the workers' pids (u64 each)
        .equ CY_FREE, 48            // cap: the worker's free connections (a list through CN_NEXT)
        .equ CY_SEC, 64             // u64: the second the cached Date shows (-1: none yet)
        .equ CY_NWORKERS, 72        // u64: workers forked
        .equ CY_SLOT, 80            // u64: this worker's number (master: -1)
        .equ CY_SERVED, 88          // u64: requests this process answered
        .equ CY_TS, 96              // 16 B: struct timespec
        .equ CY_FAILED, 112         // u64: master: workers that did not exit 0
        .equ CY_SIZE, 128

        // the http core configuration (heap)
        .equ CF_SERVER, 0           // cap: "nginx/1.15.6"
        .equ CF_NAME, 16            // cap: server_name
        .equ CF_LOCS, 32            // cap: the locations (a cap each)
        .equ CF_TYPES, 48           // cap: the MIME types ({cap extension, cap type} each)
        .equ CF_DEFTYPE, 64         // cap: default_type
        .equ CF_NLOCS, 80           // u64
        .equ CF_NTYPES, 88          // u64
        .equ CF_KEEPALIVE, 96       // u64: keepalive_requests
        .equ CF_HDRBUF, 104         // u64: client_header_buffer_size
        .equ CF_SIZE, 112
        .equ NLOCS, 3
        .equ NTYPES, 6

        .equ LC_URI, 0              // cap: the exact URI
        .equ LC_FILE, 16            // cap: the cached file
        .equ LC_SIZE, 32

        // a cached file (open_file_cache entry)
        .equ FL_NAME, 0             // cap: path
        .equ FL_BODY, 16            // cap: contents (bounds = size)
        .equ FL_EXT, 32             // cap: extension
        .equ FL_MTIME, 48           // cap: Last-Modified value
        .equ FL_ETAG, 64            // cap: ETag value
        .equ FL_SIZE, 80

        // a connection (ngx_connection_t)
        .equ CN_BUF, 0              // cap: header buffer
        .equ CN_NEXT, 16            // cap: next free connection
        .equ CN_FD, 32              // u64
        .equ CN_LAST, 40            // u64: bytes in the buffer
        .equ CN_REQS, 48            // u64: requests answered on it
        .equ CN_SIZE, 64

        // a request (ngx_http_request_t)
        .equ RQ_CONN, 0             // cap
        .equ RQ_METHOD, 16          // cap into the header buffer
        .equ RQ_URI, 32             // cap into the header buffer
        .equ RQ_HOST, 48            // cap into the header buffer (untagged if absent)
        .equ RQ_LOC, 64             // cap: the location
        .equ RQ_TYPE, 80            // cap: the content type
        .equ RQ_OUT, 96             // cap: the response buffer
        .equ RQ_END, 112            // u64: bytes of the request head
        .equ RQ_STATUS, 120         // u64: 0 while parsing, then 200, 400, 404 or 405
        .equ RQ_KEEPALIVE, 128      // u64
        .equ RQ_HEAD, 136           // u64: HEAD request
        .equ RQ_MINOR, 144          // u64: HTTP/1.x
        .equ RQ_SIZE, 160

        // enter N: a frame of N bytes with the link register at [csp]; leave N: pop it and return
        .macro enter n
        sub     csp, csp, #\n
        str     c30, [csp]
        .endm
        .macro leave n
        ldr     c30, [csp]
        add     csp, csp, #\n
        ret     c30
        .endm
        // lit S: C0 = the rodata string S, X1 = its length L_S
        .macro lit name
        adrp    c0, \name
        add     c0, c0, #:lo12:\name
        mov     x1, #L_\name
        .endm
        // out S: appends the rodata string S to the response
        .macro out name
        adrp    c1, \name
        add     c1, c1, #:lo12:\name
        mov     x2, #L_\name
        bl      emit
        .endm
        // load64 Xd, V: a constant below 2^32
        .macro load32 reg, v
        movz    \reg, #((\v) & 0xffff)
        movk    \reg, #(((\v) >> 16) & 0xffff), lsl #16
        .endm

        .rodata
s_version:  .ascii "nginx/1.15.6"
        .equ L_s_version, . - s_version
s_localhost: .ascii "localhost"
        .equ L_s_localhost, . - s_localhost
s_octet:    .ascii "application/octet-stream"
        .equ L_s_octet, . - s_octet
s_uri_root: .ascii "/"
        .equ L_s_uri_root, . - s_uri_root
s_uri_index: .ascii "/index.html"
        .equ L_s_uri_index, . - s_uri_index
s_uri_50x:  .ascii "/50x.html"
        .equ L_s_uri_50x, . - s_uri_50x
s_path_index: .ascii "/usr/share/nginx/html/index.html"
        .equ L_s_path_index, . - s_path_index
s_path_50x: .ascii "/usr/share/nginx/html/50x.html"
        .equ L_s_path_50x, . - s_path_50x
s_html:     .ascii "html"
        .equ L_s_html, . - s_html
s_text_html: .ascii "text/html"
        .equ L_s_text_html, . - s_text_html
s_css:      .ascii "css"
        .equ L_s_css, . - s_css
s_text_css: .ascii "text/css"
        .equ L_s_text_css, . - s_text_css
s_js:       .ascii "js"
        .equ L_s_js, . - s_js
s_app_js:   .ascii "application/javascript"
        .equ L_s_app_js, . - s_app_js
s_txt:      .ascii "txt"
        .equ L_s_txt, . - s_txt
s_text_plain: .ascii "text/plain"
        .equ L_s_text_plain, . - s_text_plain
s_png:      .ascii "png"
        .equ L_s_png, . - s_png
s_image_png: .ascii "image/png"
        .equ L_s_image_png, . - s_image_png
s_ico:      .ascii "ico"
        .equ L_s_ico, . - s_ico
s_image_ico: .ascii "image/x-icon"
        .equ L_s_image_ico, . - s_image_ico
s_etag_fmt: .asciz "\"%lx-%lx\""
s_http:     .ascii "HTTP/1."
        .equ L_s_http, . - s_http
s_get:      .ascii "GET"
        .equ L_s_get, . - s_get
s_headm:    .ascii "HEAD"
        .equ L_s_headm, . - s_headm
s_host:     .ascii "host"
        .equ L_s_host, . - s_host
s_connection: .ascii "connection"
        .equ L_s_connection, . - s_connection
s_close:    .ascii "close"
        .equ L_s_close, . - s_close
s_keepalive: .ascii "keep-alive"
        .equ L_s_keepalive, . - s_keepalive
s_200:      .ascii "HTTP/1.1 200 OK\r\n"
        .equ L_s_200, . - s_200
s_400:      .ascii "HTTP/1.1 400 Bad Request\r\n"
        .equ L_s_400, . - s_400
s_404:      .ascii "HTTP/1.1 404 Not Found\r\n"
        .equ L_s_404, . - s_404
s_405:      .ascii "HTTP/1.1 405 Not Allowed\r\n"
        .equ L_s_405, . - s_405
h_server:   .ascii "Server: "
        .equ L_h_server, . - h_server
h_date:     .ascii "Date: "
        .equ L_h_date, . - h_date
h_ctype:    .ascii "Content-Type: "
        .equ L_h_ctype, . - h_ctype
h_clen:     .ascii "Content-Length: "
        .equ L_h_clen, . - h_clen
h_lastmod:  .ascii "Last-Modified: "
        .equ L_h_lastmod, . - h_lastmod
h_conn_ka:  .ascii "Connection: keep-alive\r\n"
        .equ L_h_conn_ka, . - h_conn_ka
h_conn_close: .ascii "Connection: close\r\n"
        .equ L_h_conn_close, . - h_conn_close
h_etag:     .ascii "ETag: "
        .equ L_h_etag, . - h_etag
h_ranges:   .ascii "Accept-Ranges: bytes\r\n"
        .equ L_h_ranges, . - h_ranges
s_crlf:     .ascii "\r\n"
        .equ L_s_crlf, . - s_crlf
day_names:  .ascii "SunMonTueWedThuFriSat"
month_names: .ascii "JanFebMarAprMayJunJulAugSepOctNovDec"
// the error pages nginx makes (ngx_http_error_pages), with its signature
p_400:      .ascii "<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n"
            .ascii "<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx/1.15.6</center>\r\n</body>\r\n</html>\r\n"
        .equ L_p_400, . - p_400
p_404:      .ascii "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
            .ascii "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.15.6</center>\r\n</body>\r\n</html>\r\n"
        .equ L_p_404, . - p_404
p_405:      .ascii "<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n"
            .ascii "<center><h1>405 Not Allowed</h1></center>\r\n<hr><center>nginx/1.15.6</center>\r\n</body>\r\n</html>\r\n"
        .equ L_p_405, . - p_405
// the files of the site: nginx's default index.html (612 B) and 50x.html, with their modification times
        .equ MTIME_INDEX, 1541431389
        .equ MTIME_50X, 1541431389
f_index:    .ascii "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\n"
            .ascii "    body {\n        width: 35em;\n        margin: 0 auto;\n"
            .ascii "        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }\n</style>\n</head>\n<body>\n"
            .ascii "<h1>Welcome to nginx!</h1>\n"
            .ascii "<p>If you see this page, the nginx web server is successfully installed and\n"
            .ascii "working. Further configuration is required.</p>\n\n"
            .ascii "<p>For online documentation and support please refer to\n"
            .ascii "<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\n"
            .ascii "Commercial support is available at\n"
            .ascii "<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n"
            .ascii "<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n"
        .equ L_f_index, . - f_index
f_50x:      .ascii "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\n"
            .ascii "    body {\n        width: 35em;\n        margin: 0 auto;\n"
            .ascii "        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }\n</style>\n</head>\n<body>\n"
            .ascii "<h1>An error occurred.</h1>\n"
            .ascii "<p>Sorry, the page you are looking for is currently unavailable.<br/>\n"
            .ascii "Please try again later.</p>\n"
            .ascii "<p>If you are the system administrator of this resource then you should check\n"
            .ascii "the error log for details.</p>\n"
            .ascii "<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n"
        .equ L_f_50x, . - f_50x

        .data
        .balign 16
cycle:  .space  CY_SIZE
        .size   cycle, CY_SIZE

        .section .got, "aw"
        .balign 16
got_cycle: .chericap cycle

        .text
        .global _start
        .type _start, @function
_start:
        adrp    c28, got_cycle
        ldr     c28, [c28, #:lo12:got_cycle]
        mov     x9, #-1
        str     x9, [c28, #CY_SEC]
        str     x9, [c28, #CY_SLOT]
        bl      conf_init
        bl      master_fork
// ---------------------------------------------------------------- the master: wait for every worker
master_wait:
        sub     csp, csp, #16
1:      mov     x0, #-1
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, #0
        b.le    2f                          // ECHILD: every worker is reaped
        ldr     w9, [csp]
        cbz     w9, 1b
        ldr     x9, [c28, #CY_FAILED]
        add     x9, x9, #1
        str     x9, [c28, #CY_FAILED]
        b       1b
2:      ldr     x0, [c28, #CY_FAILED]
        cmp     x0, #0
        cset    x0, ne
        sys     exit

// master_fork(): forks WORKER_PROCESSES workers; returns in the master, never in a worker
master_fork:
        enter   32
        str     c19, [csp, #16]
        mov     x0, #(WORKER_PROCESSES * 8)
        bl      zalloc
        str     c0, [c28, #CY_PIDS]
        mov     x19, #0
1:      cmp     x19, #WORKER_PROCESSES
        b.hs    3f
        fork_or_enosys
        cmn     x0, #ENOSYS
        b.eq    8f
        cmp     x0, #0
        b.lt    9f
        b.eq    2f
        ldr     c9, [c28, #CY_PIDS]
        add     c9, c9, x19, uxtx #3
        str     x0, [c9]
        add     x19, x19, #1
        str     x19, [c28, #CY_NWORKERS]
        b       1b
2:      str     x19, [c28, #CY_SLOT]        // the child: worker number x19
        b       worker
3:      ldr     c19, [csp, #16]
        leave   32
8:      mov     x0, #EXIT_NO_FORK
        sys     exit
9:      mov     x0, #2
        sys     exit

// ---------------------------------------------------------------- the configuration (ngx_init_cycle)
// conf_init(): the http core configuration, its locations, cached files and MIME types
conf_init:
        enter   64
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        mov     x0, #CF_SIZE
        bl      zalloc
        mov     c19, c0
        str     c19, [c28, #CY_CONF]
        lit     s_version
        bl      str_dup
        str     c0, [c19, #CF_SERVER]
        lit     s_localhost
        bl      str_dup
        str     c0, [c19, #CF_NAME]
        lit     s_octet
        bl      str_dup
        str     c0, [c19, #CF_DEFTYPE]
        load32  x9, KEEPALIVE_REQUESTS
        str     x9, [c19, #CF_KEEPALIVE]
        mov     x9, #CLIENT_HEADER_BUFFER
        str     x9, [c19, #CF_HDRBUF]
        mov     x0, #29
        bl      zalloc
        mov     x1, #29
        scbnds  c0, c0, x1
        str     c0, [c28, #CY_DATE]
        // MIME types (mime.types)
        mov     x0, #(NTYPES * 32)
        bl      zalloc
        mov     c20, c0
        str     c20, [c19, #CF_TYPES]
        mov     x9, #NTYPES
        str     x9, [c19, #CF_NTYPES]
        .macro type_entry i, ext, type
        lit     \ext
        bl      str_dup
        str     c0, [c20, #(\i * 32)]
        lit     \type
        bl      str_dup
        str     c0, [c20, #(\i * 32 + 16)]
        .endm
        type_entry 0, s_html, s_text_html
        type_entry 1, s_css, s_text_css
        type_entry 2, s_js, s_app_js
        type_entry 3, s_txt, s_text_plain
        type_entry 4, s_png, s_image_png
        type_entry 5, s_ico, s_image_ico
        // the cached files, and the locations serving them
        mov     x0, #(NLOCS * 16)
        bl      zalloc
        mov     c20, c0
        str     c20, [c19, #CF_LOCS]
        mov     x9, #NLOCS
        str     x9, [c19, #CF_NLOCS]
        adrp    c0, s_path_index
        add     c0, c0, #:lo12:s_path_index
        mov     x1, #L_s_path_index
        adrp    c2, f_index
        add     c2, c2, #:lo12:f_index
        mov     x3, #L_f_index
        load32  x4, MTIME_INDEX
        bl      make_file
        str     c0, [csp, #48]
        lit     s_uri_root
        ldr     c2, [csp, #48]
        bl      make_location
        str     c0, [c20]
        lit     s_uri_index
        ldr     c2, [csp, #48]
        bl      make_location
        str     c0, [c20, #16]
        adrp    c0, s_path_50x
        add     c0, c0, #:lo12:s_path_50x
        mov     x1, #L_s_path_50x
        adrp    c2, f_50x
        add     c2, c2, #:lo12:f_50x
        mov     x3, #L_f_50x
        load32  x4, MTIME_50X
        bl      make_file
        mov     c2, c0
        lit     s_uri_50x
        bl      make_location
        str     c0, [c20, #32]
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        leave   64

// make_location(c0 uri, x1 length, c2 file) -> c0 a location
make_location:
        enter   48
        str     c2, [csp, #16]
        bl      str_dup
        str     c0, [csp, #32]
        mov     x0, #LC_SIZE
        bl      zalloc
        ldr     c1, [csp, #32]
        str     c1, [c0, #LC_URI]
        ldr     c1, [csp, #16]
        str     c1, [c0, #LC_FILE]
        leave   48

// make_file(c0 path, x1 length, c2 contents, x3 size, x4 mtime) -> c0 a cached file: the contents read
// into memory, the extension, Last-Modified and the ETag ("mtime-size" in hex) made once
make_file:
        enter   112
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        str     c2, [csp, #64]
        str     x3, [csp, #80]
        str     x4, [csp, #96]
        mov     c20, c0
        mov     x21, x1
        mov     x0, #FL_SIZE
        bl      zalloc
        mov     c19, c0
        mov     c0, c20
        mov     x1, x21
        bl      str_dup
        str     c0, [c19, #FL_NAME]
        ldr     c0, [csp, #64]
        ldr     x1, [csp, #80]
        bl      str_dup
        str     c0, [c19, #FL_BODY]
        // the extension: after the last '.' of the path
        mov     x9, x21
1:      sub     x9, x9, #1
        add     c10, c20, x9
        ldrb    w10, [c10]
        cmp     w10, #46
        b.ne    1b
        add     x9, x9, #1
        add     c0, c20, x9
        sub     x1, x21, x9
        bl      str_dup
        str     c0, [c19, #FL_EXT]
        mov     x0, #29
        bl      zalloc
        mov     x1, #29
        scbnds  c1, c0, x1
        str     c1, [c19, #FL_MTIME]
        ldr     x0, [csp, #96]
        bl      format_date
        mov     x0, #48
        bl      zalloc
        mov     c20, c0
        mov     x1, #48
        adrp    c2, s_etag_fmt
        add     c2, c2, #:lo12:s_etag_fmt
        ldr     x3, [csp, #96]
        ldr     x4, [csp, #80]
        bl      snprintf
        mov     x1, x0
        mov     c0, c20
        bl      str_dup
        str     c0, [c19, #FL_ETAG]
        mov     c0, c20
        bl      free
        mov     c0, c19
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        leave   112

// ---------------------------------------------------------------- a worker (ngx_worker_process_cycle)
// Registers through the loop: c19 connection, x20 its fd, c21 request, c22 header buffer, c23 conf,
// c24 response buffer and x25 its length (emit), x26 keep-alive, x27 request head length, c28 cycle.
worker:
        ldr     c23, [c28, #CY_CONF]
        bl      connections_init
        bl      update_time
w_accept:
        mov     x0, #LISTEN_FD
        sys     accept
        cmp     x0, #0
        b.lt    w_exit
        mov     x20, x0
        ldr     c19, [c28, #CY_FREE]        // ngx_get_connection
        gctag   x9, c19
        cbz     x9, w_refuse
        ldr     c9, [c19, #CN_NEXT]
        str     c9, [c28, #CY_FREE]
        str     x20, [c19, #CN_FD]
        str     xzr, [c19, #CN_LAST]
        str     xzr, [c19, #CN_REQS]
        ldr     x0, [c23, #CF_HDRBUF]
        bl      malloc_or_exit
        mov     c22, c0
        str     c22, [c19, #CN_BUF]
w_request:
        bl      read_head                   // x0: head length, 0 end of file, -1 too large
        cbz     x0, w_close
        mov     x27, x0
        mov     x0, #RQ_SIZE
        bl      zalloc
        mov     c21, c0
        str     c19, [c21, #RQ_CONN]
        bl      update_time
        tbnz    x27, #63, 1f
        str     x27, [c21, #RQ_END]
        bl      parse_request
        ldr     x9, [c21, #RQ_STATUS]
        cbnz    x9, 2f
        bl      find_location
        b       2f
1:      ldr     x9, [c19, #CN_LAST]         // no end of head in the buffer: 400, and close
        str     x9, [c21, #RQ_END]
        mov     x9, #400
        str     x9, [c21, #RQ_STATUS]
2:      ldr     x9, [c21, #RQ_STATUS]
        cmp     x9, #400
        b.ne    3f
        str     xzr, [c21, #RQ_KEEPALIVE]
3:      ldr     x26, [c21, #RQ_KEEPALIVE]
        ldr     x9, [c19, #CN_REQS]
        add     x9, x9, #1
        str     x9, [c19, #CN_REQS]
        ldr     x10, [c23, #CF_KEEPALIVE]
        cmp     x9, x10
        csel    x26, xzr, x26, hs
        str     x26, [c21, #RQ_KEEPALIVE]
        bl      respond                     // x0: 0, or -1 when the write failed
        cbz     x0, 4f
        mov     x26, #0
4:      ldr     x9, [c28, #CY_SERVED]
        add     x9, x9, #1
        str     x9, [c28, #CY_SERVED]
        ldr     x9, [c21, #RQ_END]          // keep what follows the head (a pipelined request)
        ldr     x10, [c19, #CN_LAST]
        sub     x2, x10, x9
        str     x2, [c19, #CN_LAST]
        cbz     x2, 5f
        mov     c0, c22
        add     c1, c22, x9
        bl      memmove
5:      mov     c0, c21
        bl      free
        cbnz    x26, w_request
w_close:
        mov     x0, x20                     // ngx_close_connection
        sys     close
        mov     c0, c22
        bl      free
        ldr     c9, [c28, #CY_FREE]
        str     c9, [c19, #CN_NEXT]
        str     c19, [c28, #CY_FREE]
        b       w_accept
w_refuse:
        mov     x0, x20                     // worker_connections are not enough
        sys     close
        b       w_accept
w_exit:
        cmn     x0, #EINVAL
        b.ne    1f
        mov     x0, #0
        sys     exit
1:      mov     x0, #3
        sys     exit

// connections_init(): worker_connections connection structures on the free list (ngx_event_process_init)
connections_init:
        enter   16
        mov     x0, #(WORKER_CONNECTIONS * CN_SIZE)
        bl      zalloc
        mov     x9, #(WORKER_CONNECTIONS - 1)
        mov     c10, c0
1:      cbz     x9, 2f
        add     c11, c10, #CN_SIZE
        str     c11, [c10, #CN_NEXT]
        mov     c10, c11
        sub     x9, x9, #1
        b       1b
2:      str     c0, [c28, #CY_FREE]
        leave   16

// read_head() -> x0: the length of the request head in the connection's buffer (through the blank line),
// 0 at end of file, -1 when the buffer is full without one. Reads only while the head is incomplete.
read_head:
        enter   16
1:      mov     c0, c22
        ldr     x1, [c19, #CN_LAST]
        bl      find_head_end
        cbnz    x0, 9f
        ldr     x1, [c19, #CN_LAST]
        gclen   x2, c22
        cmp     x1, x2
        b.hs    8f
        sub     x2, x2, x1
        add     c1, c22, x1
        mov     x0, x20
        sys     read
        cmp     x0, #0
        b.le    7f
        ldr     x1, [c19, #CN_LAST]
        add     x1, x1, x0
        str     x1, [c19, #CN_LAST]
        b       1b
7:      mov     x0, #0                      // end of file (or a reset): the connection ends
        b       9f
8:      mov     x0, #-1
9:      leave   16

// find_head_end(c0 buffer, x1 length) -> x0 the offset after the first CR LF CR LF, or 0 (leaf)
find_head_end:
        mov     x2, #3
1:      cmp     x2, x1
        b.hs    8f
        add     c3, c0, x2
        ldrb    w4, [c3]
        cmp     w4, #10
        b.ne    2f
        ldurb   w4, [c3, #-1]
        cmp     w4, #13
        b.ne    2f
        ldurb   w4, [c3, #-2]
        cmp     w4, #10
        b.ne    2f
        ldurb   w4, [c3, #-3]
        cmp     w4, #13
        b.ne    2f
        add     x0, x2, #1
        ret     c30
2:      add     x2, x2, #1
        b       1b
8:      mov     x0, #0
        ret     c30

// parse_request(): the request line and headers of the head in c22 (length x27) into the request c21:
// method, URI, version, Host, Connection. Status 400 when malformed, 405 for a method other than GET and HEAD.
// State: x11 cursor, x12/x13 header name start/length, x14/x15 value start/length.
parse_request:
        enter   32
        mov     x11, #0
1:      cmp     x11, x27                    // the method: up to the first space
        b.hs    pr_bad
        add     c9, c22, x11
        ldrb    w9, [c9]
        cmp     w9, #32
        b.eq    2f
        add     x11, x11, #1
        cmp     x11, #16
        b.hi    pr_bad
        b       1b
2:      cbz     x11, pr_bad
        scbnds  c9, c22, x11
        str     c9, [c21, #RQ_METHOD]
        add     x11, x11, #1
        mov     x12, x11                    // the URI: up to the next space
3:      cmp     x11, x27
        b.hs    pr_bad
        add     c9, c22, x11
        ldrb    w9, [c9]
        cmp     w9, #32
        b.eq    4f
        cmp     w9, #13
        b.eq    pr_bad
        add     x11, x11, #1
        b       3b
4:      sub     x13, x11, x12
        cbz     x13, pr_bad
        add     c9, c22, x12
        ldrb    w10, [c9]
        cmp     w10, #47                    // '/'
        b.ne    pr_bad
        scbnds  c9, c9, x13
        str     c9, [c21, #RQ_URI]
        add     x11, x11, #1                // the version: "HTTP/1." digit CR LF
        add     x9, x11, #10
        cmp     x9, x27
        b.hi    pr_bad
        add     c0, c22, x11
        adrp    c1, s_http
        add     c1, c1, #:lo12:s_http
        mov     x2, #L_s_http
        str     x11, [csp, #16]
        bl      memcmp
        ldr     x11, [csp, #16]
        cbnz    x0, pr_bad
        add     x11, x11, #L_s_http
        add     c9, c22, x11
        ldrb    w10, [c9]
        sub     w10, w10, #48
        cmp     w10, #1
        b.hi    pr_bad
        str     x10, [c21, #RQ_MINOR]
        str     x10, [c21, #RQ_KEEPALIVE]   // HTTP/1.1 keeps the connection by default, 1.0 does not
        ldrb    w10, [c9, #1]
        cmp     w10, #13
        b.ne    pr_bad
        ldrb    w10, [c9, #2]
        cmp     w10, #10
        b.ne    pr_bad
        add     x11, x11, #3
5:      add     x9, x11, #2                 // a header line, or the blank line ending the head
        cmp     x9, x27
        b.hi    pr_bad
        add     c9, c22, x11
        ldrb    w10, [c9]
        cmp     w10, #13
        b.eq    8f
        mov     x12, x11
6:      cmp     x11, x27                    // the name: up to ':'
        b.hs    pr_bad
        add     c9, c22, x11
        ldrb    w10, [c9]
        cmp     w10, #58
        b.eq    7f
        cmp     w10, #13
        b.eq    pr_bad
        add     x11, x11, #1
        b       6b
7:      sub     x13, x11, x12
        cbz     x13, pr_bad
        add     x11, x11, #1
71:     add     c9, c22, x11                // skip spaces before the value
        ldrb    w10, [c9]
        cmp     w10, #32
        b.ne    72f
        add     x11, x11, #1
        b       71b
72:     mov     x14, x11
73:     cmp     x11, x27                    // the value: up to CR
        b.hs    pr_bad
        add     c9, c22, x11
        ldrb    w10, [c9]
        cmp     w10, #13
        b.eq    74f
        add     x11, x11, #1
        b       73b
74:     sub     x15, x11, x14
        ldrb    w10, [c9, #1]
        cmp     w10, #10
        b.ne    pr_bad
        add     x11, x11, #2
        add     c0, c22, x12                // Host
        mov     x1, x13
        adrp    c2, s_host
        add     c2, c2, #:lo12:s_host
        mov     x3, #L_s_host
        bl      lcmatch
        cbz     x0, 75f
        add     c9, c22, x14
        scbnds  c9, c9, x15
        str     c9, [c21, #RQ_HOST]
        b       5b
75:     add     c0, c22, x12                // Connection: close / keep-alive
        mov     x1, x13
        adrp    c2, s_connection
        add     c2, c2, #:lo12:s_connection
        mov     x3, #L_s_connection
        bl      lcmatch
        cbz     x0, 5b
        add     c0, c22, x14
        mov     x1, x15
        adrp    c2, s_close
        add     c2, c2, #:lo12:s_close
        mov     x3, #L_s_close
        bl      lcmatch
        cbz     x0, 76f
        str     xzr, [c21, #RQ_KEEPALIVE]
        b       5b
76:     add     c0, c22, x14
        mov     x1, x15
        adrp    c2, s_keepalive
        add     c2, c2, #:lo12:s_keepalive
        mov     x3, #L_s_keepalive
        bl      lcmatch
        cbz     x0, 5b
        mov     x9, #1
        str     x9, [c21, #RQ_KEEPALIVE]
        b       5b
8:      ldrb    w10, [c9, #1]               // the blank line
        cmp     w10, #10
        b.ne    pr_bad
        add     x11, x11, #2
        cmp     x11, x27
        b.ne    pr_bad
        ldr     c0, [c21, #RQ_METHOD]       // GET or HEAD
        gclen   x1, c0
        cmp     x1, #L_s_get
        b.ne    81f
        adrp    c1, s_get
        add     c1, c1, #:lo12:s_get
        mov     x2, #L_s_get
        bl      memcmp
        cbz     x0, 9f
        b       pr_405
81:     cmp     x1, #L_s_headm
        b.ne    pr_405
        adrp    c1, s_headm
        add     c1, c1, #:lo12:s_headm
        mov     x2, #L_s_headm
        bl      memcmp
        cbnz    x0, pr_405
        mov     x9, #1
        str     x9, [c21, #RQ_HEAD]
9:      leave   32
pr_405: mov     x9, #405
        str     x9, [c21, #RQ_STATUS]
        leave   32
pr_bad: mov     x9, #400
        str     x9, [c21, #RQ_STATUS]
        leave   32

// lcmatch(c0 s, x1 length, c2 lower-case literal, x3 its length) -> x0 1 if s equals it ignoring case (leaf;
// x0 is written last, since writing it clears c0; uses x4-x6 only: a letter's bit 5 is its case, and the other bytes compared here have bit 5 set)
lcmatch:
        cmp     x1, x3
        b.ne    9f
        mov     x4, #0
1:      cmp     x4, x1
        b.hs    8f
        add     c5, c0, x4
        ldrb    w5, [c5]
        orr     w5, w5, #0x20
        add     c6, c2, x4
        ldrb    w6, [c6]
        cmp     w5, w6
        b.ne    9f
        add     x4, x4, #1
        b       1b
8:      mov     x0, #1
        ret     c30
9:      mov     x0, #0
        ret     c30

// find_location(): the location whose URI equals the request's: RQ_LOC and status 200, else status 404
find_location:
        enter   48
        str     c26, [csp, #16]
        str     x27, [csp, #32]
        mov     x27, #0
1:      ldr     x9, [c23, #CF_NLOCS]
        cmp     x27, x9
        b.hs    8f
        ldr     c9, [c23, #CF_LOCS]
        add     c9, c9, x27, uxtx #4
        ldr     c26, [c9]
        ldr     c0, [c26, #LC_URI]
        ldr     c1, [c21, #RQ_URI]
        gclen   x2, c0
        gclen   x3, c1
        cmp     x2, x3
        b.ne    2f
        bl      memcmp
        cbz     x0, 7f
2:      add     x27, x27, #1
        b       1b
7:      str     c26, [c21, #RQ_LOC]
        mov     x9, #200
        b       9f
8:      mov     x9, #404
9:      str     x9, [c21, #RQ_STATUS]
        ldr     c26, [csp, #16]
        ldr     x27, [csp, #32]
        leave   48

// content_type(c0 extension) -> c0 the type mime.types gives it, or default_type
content_type:
        enter   64
        str     c26, [csp, #16]
        str     x27, [csp, #32]
        str     c0, [csp, #48]
        mov     x27, #0
1:      ldr     x9, [c23, #CF_NTYPES]
        cmp     x27, x9
        b.hs    8f
        ldr     c26, [c23, #CF_TYPES]
        lsl     x9, x27, #5
        add     c26, c26, x9
        ldr     c0, [c26]
        ldr     c1, [csp, #48]
        gclen   x2, c0
        gclen   x3, c1
        cmp     x2, x3
        b.ne    2f
        bl      memcmp
        cbz     x0, 7f
2:      add     x27, x27, #1
        b       1b
7:      ldr     c0, [c26, #16]
        b       9f
8:      ldr     c0, [c23, #CF_DEFTYPE]
9:      ldr     c26, [csp, #16]
        ldr     x27, [csp, #32]
        leave   64

// respond() -> x0 0, or -1 if the write failed: the response head and body in one buffer, written at once
// (ngx_http_header_filter, then the static module's body). Frame: [16] body, [32] body length, [48] file.
respond:
        enter   64
        ldr     x9, [c21, #RQ_STATUS]
        cmp     x9, #200
        b.ne    1f
        ldr     c9, [c21, #RQ_LOC]
        ldr     c9, [c9, #LC_FILE]
        str     c9, [csp, #48]
        ldr     c10, [c9, #FL_BODY]
        str     c10, [csp, #16]
        gclen   x10, c10
        str     x10, [csp, #32]
        ldr     c0, [c9, #FL_EXT]
        bl      content_type
        str     c0, [c21, #RQ_TYPE]
        b       4f
1:      cmp     x9, #404                    // an error page
        b.ne    2f
        adrp    c11, p_404
        add     c11, c11, #:lo12:p_404
        mov     x10, #L_p_404
        b       3f
2:      cmp     x9, #405
        b.ne    21f
        adrp    c11, p_405
        add     c11, c11, #:lo12:p_405
        mov     x10, #L_p_405
        b       3f
21:     adrp    c11, p_400
        add     c11, c11, #:lo12:p_400
        mov     x10, #L_p_400
3:      str     c11, [csp, #16]             // (c11: writing x10 would clear c10)
        str     x10, [csp, #32]
        adrp    c0, s_text_html
        add     c0, c0, #:lo12:s_text_html
        mov     x1, #L_s_text_html
        scbnds  c0, c0, x1
        str     c0, [c21, #RQ_TYPE]
4:      ldr     x0, [csp, #32]              // the buffer: head (at most 512 B) and body
        add     x0, x0, #512
        bl      malloc_or_exit
        mov     c24, c0
        str     c24, [c21, #RQ_OUT]
        mov     x25, #0
        ldr     x9, [c21, #RQ_STATUS]       // the status line
        cmp     x9, #200
        b.ne    5f
        out     s_200
        b       8f
5:      cmp     x9, #404
        b.ne    6f
        out     s_404
        b       8f
6:      cmp     x9, #405
        b.ne    7f
        out     s_405
        b       8f
7:      out     s_400
8:      out     h_server
        ldr     c1, [c23, #CF_SERVER]
        bl      emit_str
        out     s_crlf
        out     h_date
        ldr     c1, [c28, #CY_DATE]
        bl      emit_str
        out     s_crlf
        out     h_ctype
        ldr     c1, [c21, #RQ_TYPE]
        bl      emit_str
        out     s_crlf
        out     h_clen
        ldr     x0, [csp, #32]
        bl      emit_dec
        out     s_crlf
        ldr     x9, [c21, #RQ_STATUS]
        cmp     x9, #200
        b.ne    81f
        out     h_lastmod
        ldr     c9, [csp, #48]
        ldr     c1, [c9, #FL_MTIME]
        bl      emit_str
        out     s_crlf
81:     ldr     x9, [c21, #RQ_KEEPALIVE]
        cbz     x9, 82f
        out     h_conn_ka
        b       83f
82:     out     h_conn_close
83:     ldr     x9, [c21, #RQ_STATUS]
        cmp     x9, #200
        b.ne    84f
        out     h_etag
        ldr     c9, [csp, #48]
        ldr     c1, [c9, #FL_ETAG]
        bl      emit_str
        out     s_crlf
        out     h_ranges
84:     out     s_crlf
        ldr     x9, [c21, #RQ_HEAD]
        cbnz    x9, 85f
        ldr     c1, [csp, #16]
        ldr     x2, [csp, #32]
        bl      emit
85:     mov     x0, x20
        mov     c1, c24
        mov     x2, x25
        bl      write_all
        str     x0, [csp, #32]
        mov     c0, c24
        bl      free
        ldr     x0, [csp, #32]
        leave   64

// ---------------------------------------------------------------- the response buffer (c24, length x25)
// emit(c1 bytes, x2 length): appends them (ngx_cpymem)
emit:
        enter   32
        str     x2, [csp, #16]
        add     c0, c24, x25
        bl      memcpy
        ldr     x2, [csp, #16]
        add     x25, x25, x2
        leave   32

// emit_str(c1 string): appends a string whose capability's bounds are its length
emit_str:
        gclen   x2, c1
        b       emit

// emit_dec(x0 value): appends it in decimal
emit_dec:
        enter   64
        add     c1, csp, #48
        mov     x3, #0
        mov     x4, #10
1:      udiv    x5, x0, x4
        msub    x6, x5, x4, x0
        add     x6, x6, #48
        sub     c1, c1, #1
        strb    w6, [c1]
        add     x3, x3, #1
        mov     x0, x5
        cbnz    x0, 1b
        mov     x2, x3
        bl      emit
        leave   64

// ---------------------------------------------------------------- time (ngx_time_update)
// update_time(): refreshes the cached Date value when the second has changed
update_time:
        enter   16
        mov     x0, #0                      // CLOCK_REALTIME
        add     c1, c28, #CY_TS
        sys     clock_gettime
        ldr     x0, [c28, #CY_TS]
        load32  x9, EPOCH
        add     x0, x0, x9
        ldr     x9, [c28, #CY_SEC]
        cmp     x0, x9
        b.eq    1f
        str     x0, [c28, #CY_SEC]
        ldr     c1, [c28, #CY_DATE]
        bl      format_date
1:      leave   16

// format_date(x0 seconds since 1970, c1 29 bytes): "Www, DD Mon YYYY HH:MM:SS GMT" (RFC 7231 IMF-fixdate),
// the civil date by Hinnant's days_from_civil inverse
format_date:
        enter   96
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        str     c22, [csp, #64]
        str     c23, [csp, #80]
        mov     c19, c1
        load32  x9, 86400
        udiv    x10, x0, x9                 // days
        msub    x20, x10, x9, x0            // seconds of the day
        add     x12, x10, #4                // 1970-01-01 was a Thursday
        mov     x13, #7
        udiv    x14, x12, x13
        msub    x12, x14, x13, x12
        add     x12, x12, x12, lsl #1
        adrp    c2, day_names
        add     c2, c2, #:lo12:day_names
        add     c2, c2, x12
        ldrb    w3, [c2]
        strb    w3, [c19]
        ldrb    w3, [c2, #1]
        strb    w3, [c19, #1]
        ldrb    w3, [c2, #2]
        strb    w3, [c19, #2]
        mov     w3, #44
        strb    w3, [c19, #3]
        mov     w3, #32
        strb    w3, [c19, #4]
        strb    w3, [c19, #7]
        strb    w3, [c19, #11]
        strb    w3, [c19, #16]
        strb    w3, [c19, #25]
        mov     w3, #58
        strb    w3, [c19, #19]
        strb    w3, [c19, #22]
        mov     w3, #71
        strb    w3, [c19, #26]
        mov     w3, #77
        strb    w3, [c19, #27]
        mov     w3, #84
        strb    w3, [c19, #28]
        load32  x9, 719468
        add     x0, x10, x9                 // z
        load32  x9, 146097
        udiv    x1, x0, x9                  // era
        msub    x2, x1, x9, x0              // doe
        mov     x9, #1460
        udiv    x3, x2, x9
        sub     x4, x2, x3
        mov     x9, #36524
        udiv    x3, x2, x9
        add     x4, x4, x3
        load32  x9, 146096
        udiv    x3, x2, x9
        sub     x4, x4, x3
        mov     x9, #365
        udiv    x4, x4, x9                  // yoe
        mov     x9, #400
        madd    x21, x1, x9, x4             // y
        mov     x9, #365
        mul     x6, x4, x9
        add     x6, x6, x4, lsr #2
        mov     x9, #100
        udiv    x7, x4, x9
        sub     x6, x6, x7
        sub     x6, x2, x6                  // doy
        add     x7, x6, x6, lsl #2
        add     x7, x7, #2
        mov     x9, #153
        udiv    x7, x7, x9                  // mp
        mul     x8, x7, x9
        add     x8, x8, #2
        mov     x9, #5
        udiv    x8, x8, x9
        sub     x8, x6, x8
        add     x23, x8, #1                 // day
        add     x9, x7, #3
        sub     x10, x7, #9
        cmp     x7, #10
        csel    x22, x9, x10, lo            // month
        cmp     x22, #2
        cinc    x21, x21, ls
        mov     x0, x23
        add     c1, c19, #5
        bl      put2
        sub     x9, x22, #1
        add     x9, x9, x9, lsl #1
        adrp    c2, month_names
        add     c2, c2, #:lo12:month_names
        add     c2, c2, x9
        ldrb    w3, [c2]
        strb    w3, [c19, #8]
        ldrb    w3, [c2, #1]
        strb    w3, [c19, #9]
        ldrb    w3, [c2, #2]
        strb    w3, [c19, #10]
        mov     x9, #100
        udiv    x0, x21, x9
        add     c1, c19, #12
        bl      put2
        mov     x9, #100
        udiv    x10, x21, x9
        msub    x0, x10, x9, x21
        add     c1, c19, #14
        bl      put2
        mov     x9, #3600
        udiv    x0, x20, x9
        add     c1, c19, #17
        bl      put2
        mov     x9, #3600
        udiv    x10, x20, x9
        msub    x10, x10, x9, x20
        mov     x9, #60
        udiv    x0, x10, x9
        add     c1, c19, #20
        bl      put2
        mov     x9, #60
        udiv    x10, x20, x9
        msub    x0, x10, x9, x20
        add     c1, c19, #23
        bl      put2
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        ldr     c22, [csp, #64]
        ldr     c23, [csp, #80]
        leave   96

// put2(x0 0..99, c1): two decimal digits (leaf)
put2:
        mov     x9, #10
        udiv    x10, x0, x9
        msub    x11, x10, x9, x0
        add     x10, x10, #48
        add     x11, x11, #48
        strb    w10, [c1]
        strb    w11, [c1, #1]
        ret     c30

// ---------------------------------------------------------------- memory and I/O
// zalloc(x0 n) -> c0: a zeroed block (ngx_pcalloc); out of memory exits ENOMEM
zalloc:
        enter   16
        mov     x1, x0
        mov     x0, #1
        bl      calloc
        gctag   x9, c0
        cbz     x9, 1f
        leave   16
1:      mov     x0, #ENOMEM
        sys     exit

// malloc_or_exit(x0 n) -> c0 (ngx_palloc: not zeroed)
malloc_or_exit:
        enter   16
        bl      malloc
        gctag   x9, c0
        cbz     x9, 1f
        leave   16
1:      mov     x0, #ENOMEM
        sys     exit

// str_dup(c0 bytes, x1 length) -> c0: a heap copy whose capability's bounds are exactly the string
str_dup:
        enter   48
        str     c0, [csp, #16]
        str     x1, [csp, #32]
        mov     x0, x1
        bl      malloc_or_exit
        ldr     c1, [csp, #16]
        ldr     x2, [csp, #32]
        bl      memcpy
        ldr     x1, [csp, #32]
        scbnds  c0, c0, x1
        leave   48

// write_all(x0 fd, c1 buffer, x2 n) -> x0 0, or -1 if a write failed
write_all:
        enter   64
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        mov     x21, x0
        mov     c19, c1
        mov     x20, x2
1:      cbz     x20, 3f
        mov     x0, x21
        mov     c1, c19
        mov     x2, x20
        sys     write
        cmp     x0, #0
        b.le    2f
        add     c19, c19, x0
        sub     x20, x20, x0
        b       1b
2:      mov     x0, #-1
        b       4f
3:      mov     x0, #0
4:      ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        leave   64
