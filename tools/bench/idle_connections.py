"""Opens N keep-alive connections to 127.0.0.1:PORT, sends one GET /healthz on each, keeps
them open and idle, and meanwhile checks that a fresh client is still served. Prints how many
were answered and whether the fresh request succeeded. Usage: idle_connections.py PORT N HOLD_S
"""
import socket
import sys
import time
import urllib.request

port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
sockets, answered = [], 0
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(request)
    sockets.append(s)
for s in sockets:
    try:
        if s.recv(4096).startswith(b"HTTP/1.1 200"):
            answered += 1
    except OSError:
        pass
print(f"open {len(sockets)} answered {answered}", flush=True)
time.sleep(hold)  # the caller samples the server's memory now
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as r:
        fresh = r.status == 200
except OSError:
    fresh = False
print(f"fresh client served {'yes' if fresh else 'no'}", flush=True)
for s in sockets:
    s.close()
