#!/usr/bin/env python3
"""Which keystrokes are slow in every run, and which in one (docs/benchmarks.md, "Run-to-run spread").

Runs of the keystroke benchmark on the same data seed send the same keystrokes; a keystroke over the threshold in
one run of many was delayed by the machine, one over it in every run costs that much. Prints, for one phase, how many
keystrokes were over the threshold in each run, how many distinct keystrokes were over it in k runs, and the ones
over it in the most runs with the median and maximum of all their rounds.

    web-app/bench/search/spread.py a-first-sync web-app/target/bench-keystrokes-A web-app/target/bench-keystrokes-B ...
    (phase: a-first-sync or b-maintained; optional --threshold MS, 10; --shown N, 25)
"""
import argparse
import collections
import statistics

parser = argparse.ArgumentParser()
parser.add_argument('phase', choices=['a-first-sync', 'b-maintained'])
parser.add_argument('runs', nargs='+')
parser.add_argument('--threshold', type=float, default=10.0)
parser.add_argument('--shown', type=int, default=25)
args = parser.parse_args()

over = collections.defaultdict(set)
times = collections.defaultdict(list)
per_run = {}
for run in args.runs:
    with open(f'{run}/{args.phase}-http-keys.out') as f:
        rows = [line.rstrip('\n').split('\t') for line in f]
    per_run[run] = 0
    for row in rows:
        query, ms = row[4], float(row[3])
        times[query].append(ms)
        if ms > args.threshold:
            over[query].add(run)
            per_run[run] += 1
print(f'over {args.threshold:g} ms per run: ' + ', '.join(f'{r.rstrip("/").rsplit("/", 1)[-1]} {n}' for r, n in per_run.items()))
print('distinct keystrokes over it in k runs: ' + ', '.join(
    f'{k}: {n}' for k, n in sorted(collections.Counter(len(v) for v in over.values()).items())))
for query in sorted(over, key=lambda q: (-len(over[q]), -statistics.median(times[q])))[:args.shown]:
    v = times[query]
    print(f'  {len(over[query]):2d} runs  median {statistics.median(v):6.2f}  max {max(v):6.2f}  {query!r}')
