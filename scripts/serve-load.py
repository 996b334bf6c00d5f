#!/usr/bin/env python3
"""Load figures for `handbook serve` (docs/reliability.md): requests/s and p99 latency with
keep-alive clients, and whether the server stays reachable while half-sent requests hold
connections open (the server runs with 256 file descriptors, as in the issue's attack).

Usage: scripts/serve-load.py [BINARY] [SITE]   (defaults: target/debug/handbook, .)
No downloaded tools: Python's standard library only.
"""
import socket, subprocess, sys, threading, time

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/debug/handbook"
SITE = sys.argv[2] if len(sys.argv) > 2 else "."
PORT = 8765
CLIENTS, SECONDS, HALF_OPEN = 50, 5.0, 300

server = subprocess.Popen(
    ["bash", "-c", f"ulimit -n 256 && exec {BIN} serve --root {SITE} --port {PORT}"],
    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

def request_ok(timeout=5.0):
    try:
        with socket.create_connection(("127.0.0.1", PORT), timeout=timeout) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(12).startswith(b"HTTP/1.1 200")
    except OSError:
        return False

try:
    deadline = time.time() + 120
    while not request_ok(1.0):
        if time.time() > deadline or server.poll() is not None:
            sys.exit("the server did not start")
        time.sleep(0.2)

    # Half-sent requests: the headers never end.
    held = []
    for _ in range(HALF_OPEN):
        try:
            s = socket.create_connection(("127.0.0.1", PORT), timeout=2)
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            held.append(s)
        except OSError:
            break
    t = time.time()
    reachable = request_ok(15.0)
    print(f"half-open connections opened: {len(held)}; a new request then answered: {reachable} "
          f"(after {time.time() - t:.1f} s)")
    time.sleep(11)
    closed = 0
    for s in held:
        try:
            s.settimeout(0.5)
            if s.recv(1) == b"":
                closed += 1
        except socket.timeout:
            pass
        except OSError:
            closed += 1
        s.close()
    print(f"closed by the server's 10 s header timeout: {closed} of {len(held)}")
    print(f"reachable after the timeout: {request_ok(5.0)}")

    latencies, lock = [], threading.Lock()
    stop = time.time() + SECONDS
    def client():
        mine = []
        s = socket.create_connection(("127.0.0.1", PORT))
        f = s.makefile("rb")
        while time.time() < stop:
            t0 = time.perf_counter()
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            length = 0
            while True:
                line = f.readline()
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line in (b"\r\n", b""):
                    break
            f.read(length)
            mine.append(time.perf_counter() - t0)
        s.close()
        with lock:
            latencies.extend(mine)
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for th in threads: th.start()
    for th in threads: th.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)] * 1000
    print(f"{CLIENTS} keep-alive clients for {SECONDS:.0f} s: {len(latencies) / SECONDS:.0f} requests/s, "
          f"p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, p99 {p99:.1f} ms")
finally:
    server.terminate()
    server.wait()
