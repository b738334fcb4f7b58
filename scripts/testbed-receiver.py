#!/usr/bin/env python3
"""An HTTP server that records every request it receives, for the notification tests.

    testbed-receiver.py --port PORT --log FILE

Listens on 127.0.0.1:PORT (HTTP/1.1, keep-alive). Every request, whatever its method, is appended to FILE as one
JSON line, in one write, before it is answered:

    {"time": <unix seconds>, "method": "POST", "path": "/x", "query": "a=1", "headers": {"content-type": "..."},
     "body": "<the body as UTF-8, bad bytes replaced>", "body_base64": "<the raw body>"}

Header names are lower-cased (repeated ones joined with ", "); the body is read by Content-Length or, with
`Transfer-Encoding: chunked`, chunk by chunk. The answer depends on the path:
    /hang/...         none: the connection is held open until the server stops (a receiver that never answers)
    /status/NNN/...   status NNN, body "error NNN"
    /ready            200 "ok", NOT recorded: scripts/testbed-notify.sh polls it until the server answers
    anything else     200 "ok"
Nothing is logged per request. Handler threads are daemons: SIGTERM ends the server at once, hung requests too.
"""
import argparse
import base64
import json
import os
import re
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATUS_PATH = re.compile(r"^/status/([1-5][0-9][0-9])(?:/|$)")
stopping = threading.Event()
log_lock = threading.Lock()
log_fd = -1


def append(record):
    """Appends one JSON line to the log in a single write (O_APPEND), so that a reader never sees half of it."""
    data = (json.dumps(record, separators=(",", ":")) + "\n").encode("utf-8")
    with log_lock:
        view = memoryview(data)
        while view:  # a regular file takes it whole; the loop only guards against a short write
            written = os.write(log_fd, view)
            view = view[written:]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "baktainer-testbed-receiver"

    def version_string(self):
        return self.server_version

    def __getattr__(self, name):
        # BaseHTTPRequestHandler calls do_<METHOD>: every method is handled alike.
        if name.startswith("do_"):
            return self.handle_any
        raise AttributeError(name)

    def log_message(self, format, *args):  # nothing per request
        pass

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                line = self.rfile.readline(65537)
                if not line:
                    break  # the client went away mid-body
                size = int(line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)  # the CRLF after the chunk
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def handle_any(self):
        body = self.read_body()
        path, _, query = self.path.partition("?")
        path = path.partition("#")[0]
        if path == "/ready":
            self.answer(200, b"ok")
            return
        headers = {}
        for name, value in self.headers.items():
            name = name.lower()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        append({
            "time": time.time(),
            "method": self.command,
            "path": path,
            "query": query,
            "headers": headers,
            "body": body.decode("utf-8", errors="replace"),
            "body_base64": base64.b64encode(body).decode("ascii"),
        })
        if path.startswith("/hang/"):
            self.close_connection = True
            while not stopping.wait(1):
                pass
            return
        status = STATUS_PATH.match(path)
        if status:
            code = int(status.group(1))
            self.answer(code, b"" if code < 200 or code in (204, 304) else f"error {code}".encode("ascii"))
        else:
            self.answer(200, b"ok")

    def answer(self, code, body):
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)
        self.wfile.flush()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


def main():
    global log_fd
    parser = argparse.ArgumentParser(description="Records every HTTP request as a JSON line.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    arguments = parser.parse_args()
    log_fd = os.open(arguments.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    server = Server(("127.0.0.1", arguments.port), Handler)

    def terminate(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stopping.set()
        server.server_close()
        os.close(log_fd)


if __name__ == "__main__":
    main()
