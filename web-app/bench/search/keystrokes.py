#!/usr/bin/env python3
"""The keystroke benchmark's client (keystrokes.sh): one signed-in client, one kept-alive HTTP connection, requests one
after another, each timed on its own; or the bare-SQL side from pgbench's per-transaction log.

  keystrokes.py http HOST PORT COOKIE QUERIES ROUNDS OUT     times every query of QUERIES, ROUNDS times, into OUT
  keystrokes.py warm HOST PORT COOKIE QUERIES SECONDS        the same queries for SECONDS, untimed (JIT, pools)
  keystrokes.py pgbench QUERIES LOG... > OUT                 pgbench's log lines (script number, latency) as OUT
  keystrokes.py report NAME OUT...                           p50/p95/p99 per query set and prefix length
"""
import http.client
import sys
import time


def queries(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def get(conn, cookie, encoded):
    conn.request("GET", "/api/v1/search?q=" + encoded, headers={"Cookie": cookie, "Accept": "application/json"})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        raise SystemExit(f"search {encoded}: HTTP {r.status}")


def http_run(host, port, cookie, path, rounds, out):
    qs = queries(path)
    conn = http.client.HTTPConnection(host, int(port))
    with open(out, "w", encoding="utf-8") as o:
        for _ in range(int(rounds)):
            for s, n, encoded, text in qs:
                t0 = time.perf_counter_ns()
                get(conn, cookie, encoded)
                o.write(f"{s}\t{n}\t{len(text)}\t{(time.perf_counter_ns() - t0) / 1e6:.3f}\t{text}\n")


def warm(host, port, cookie, path, seconds):
    qs = queries(path)
    conn = http.client.HTTPConnection(host, int(port))
    end = time.time() + float(seconds)
    while time.time() < end:
        for _, _, encoded, _ in qs:
            get(conn, cookie, encoded)


def from_pgbench(path, logs):
    qs = queries(path)
    for log in logs:
        with open(log) as f:
            for line in f:
                fields = line.split()
                # client_id transaction_no time script_no time_epoch time_us (time in microseconds)
                s, n, _, text = qs[int(fields[3])]
                print(f"{s}\t{n}\t{len(text)}\t{int(fields[2]) / 1000:.3f}\t{text}")


def bucket(length):
    return str(length) if length <= 4 else "5-6" if length <= 6 else "7-9" if length <= 9 else "10+"


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, max(0, -(-len(v) * p // 100) - 1))]


def report(name, outs):
    groups = {}
    for out in outs:
        with open(out, encoding="utf-8") as f:
            for line in f:
                s, n, length, ms, _ = line.rstrip("\n").split("\t", 4)
                ms = float(ms)
                groups.setdefault((s, "all"), []).append(ms)
                groups.setdefault((s, "chars " + bucket(int(length))), []).append(ms)
                if s == "words":
                    groups.setdefault((s, n + " word" + ("s" if n != "1" else "")), []).append(ms)
    order = ["all", "chars 0", "1 word", "2 words", "3 words", "chars 1", "chars 2", "chars 3", "chars 4", "chars 5-6", "chars 7-9",
             "chars 10+"]
    sets = ["floor", "words", "keys"]
    for (s, g) in sorted(groups, key=lambda k: (sets.index(k[0]), order.index(k[1]))):
        v = groups[(s, g)]
        print(f"{name}\t{s}\t{g}\t{len(v)}\tp50 {pct(v, 50):.2f}\tp95 {pct(v, 95):.2f}\tp99 {pct(v, 99):.2f}\tmax {max(v):.2f}")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "http":
        http_run(*args)
    elif cmd == "warm":
        warm(*args)
    elif cmd == "pgbench":
        from_pgbench(args[0], args[1:])
    elif cmd == "report":
        report(args[0], args[1:])
    else:
        raise SystemExit(__doc__)
