#!/usr/bin/env python3
"""A minimal HTTP CONNECT proxy for tests: the kind of proxy a house's network may force its
traffic through. Prints its port on the first line of stdout, then logs every CONNECT target,
one per line, to the file given as the first argument. Refuses anything but CONNECT (405)."""
import select, socket, sys, threading

log_path = sys.argv[1]
lock = threading.Lock()

def pipe(a, b):
    sockets = [a, b]
    try:
        while True:
            readable, _, _ = select.select(sockets, [], [], 60)
            if not readable:
                return
            for s in readable:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    finally:
        a.close(); b.close()

def serve(client):
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = client.recv(4096)
        if not chunk:
            client.close(); return
        head += chunk
    line = head.split(b"\r\n", 1)[0].decode("latin-1")
    method, target, _ = (line.split(" ") + ["", "", ""])[:3]
    if method != "CONNECT":
        client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"); client.close(); return
    with lock, open(log_path, "a") as log:
        log.write(target + "\n")
    host, port = target.rsplit(":", 1)
    try:
        upstream = socket.create_connection((host, int(port)), timeout=10)
    except OSError:
        client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"); client.close(); return
    client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
    pipe(client, upstream)

listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(64)
print(listener.getsockname()[1], flush=True)
while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
