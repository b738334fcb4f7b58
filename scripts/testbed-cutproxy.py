#!/usr/bin/env python3
"""A TCP proxy that cuts the line in the middle of an upload, for the tests.

    testbed-cutproxy.py LISTEN_PORT TARGET_PORT CUT_AFTER_BYTES [LIFETIME_SECONDS]

Forwards 127.0.0.1:LISTEN_PORT to 127.0.0.1:TARGET_PORT. Once CUT_AFTER_BYTES have gone from clients to the
target, it resets every connection, stops listening (new connections are refused) and exits: to the client the
server is gone mid-request, as when it is killed, while the server itself keeps what it had received (moto keeps
its state in memory only, so killing it would also erase the unfinished uploads a test must find). After
LIFETIME_SECONDS (default 300) without a cut it ends all the same, printing "no cut", so a test never hangs on it.
"""
import socket
import struct
import sys
import threading

listen_port, target_port, cut_after = (int(value) for value in sys.argv[1:4])
lifetime = int(sys.argv[4]) if len(sys.argv) > 4 else 300
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen_port))
server.listen(64)
lock = threading.Lock()
forwarded = 0
sockets = []
cut = threading.Event()


def pipe(source, target, upstream):
    global forwarded
    try:
        while not cut.is_set():
            data = source.recv(65536)
            if not data:
                break
            if upstream:
                with lock:
                    forwarded += len(data)
                    if forwarded >= cut_after:
                        cut.set()
                        return  # the main thread resets every connection
            target.sendall(data)
    except OSError:
        return
    if not cut.is_set():
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def accept():
    while not cut.is_set():
        try:
            client, _ = server.accept()
        except OSError:
            return
        upstream = socket.create_connection(("127.0.0.1", target_port))
        with lock:
            sockets.extend([client, upstream])
        threading.Thread(target=pipe, args=(client, upstream, True), daemon=True).start()
        threading.Thread(target=pipe, args=(upstream, client, False), daemon=True).start()


threading.Thread(target=accept, daemon=True).start()
was_cut = cut.wait(lifetime)
cut.set()
try:
    server.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; new connections are refused from now on
except OSError:
    pass
server.close()
with lock:
    for connection in sockets:
        try:
            # Linger 0: close with a reset, as a dying server's kernel does.
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()
        except OSError:
            pass
print(f"cut after {forwarded} bytes" if was_cut else "no cut", flush=True)
