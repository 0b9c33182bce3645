#!/usr/bin/env python3
"""Where a keystroke's time goes (docs/benchmarks.md, "Where a keystroke's time goes, step by step").

Joins the web app's SearchService DEBUG lines (one per search: the hints it was given, each pass's steps and
milliseconds) for the run's measured account with the keystroke benchmark's timings, in the order keystrokes.sh sends
them (phase (a) words, (a) keys, (b) words, (b) keys), and prints per phase of keys: the step shapes of the keystrokes
over a threshold, each step's median and p90, and the slowest keystrokes.

    web-app/bench/search/passes.py web-app/target/bench-keystrokes-NAME [threshold ms, 10] [slowest shown, 15]

Since history's steps run on a second connection beside the rest (docs/search.md, "Two connections"), a pass's
milliseconds are the longer of the two connections' passes of the same rank, which did not run at the same moment:
the per-step figures are each step's cost, but a line's times no longer add up to the keystroke's time in PostgreSQL.

A line's hints are four digits: bookmarks' and history's `PrefixHints.Skip` (0 nothing, 1 walk first, 2 skip the
first walk, 3 skip both walks), then their `PrefixHints.Look` (0 unknown, 1 common: the bounded trigram look skipped
where it would come, 2 few: the look finds every match).

The run must have had the app's SearchService at DEBUG:
BENCH_APP_OPTS='-Dquarkus.log.category."io.fxhome.web.search.SearchService".level=DEBUG'.
"""
import collections
import re
import statistics
import sys

run = sys.argv[1]
threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
shown = int(sys.argv[3]) if len(sys.argv) > 3 else 15

with open(run + '/summary.txt') as f:
    account = re.search(r'account (\S+),', f.readline()).group(1)
searches = []
with open(run + '/web.log') as f:
    for line in f:
        m = re.search(r'search for account (\S+): \d+ words, hints (\S+), passes \(bookmarks, history: ms\)(.*)$', line)
        if m and m.group(1) == account:
            searches.append((m.group(2), m.group(3).split()))
phases = ['a-first-sync-http-words', 'a-first-sync-http-keys', 'b-maintained-http-words', 'b-maintained-http-keys']
timings = {}
for phase in phases:
    with open(run + '/' + phase + '.out') as f:
        timings[phase] = [line.rstrip('\n').split('\t') for line in f]
expected = sum(len(t) for t in timings.values())
if len(searches) != expected:
    sys.exit(f'{len(searches)} DEBUG lines for account {account}, {expected} timings: was SearchService at DEBUG?')

i = 0
for phase in phases:
    rows = timings[phase]
    mine = searches[i:i + len(rows)]
    i += len(rows)
    if not phase.endswith('keys'):
        continue
    shapes, slow, slowest, steps = collections.Counter(), collections.Counter(), [], collections.defaultdict(list)
    for row, (hints, passes) in zip(rows, mine):
        ms, query = float(row[3]), row[4] if len(row) > 4 else ''
        shape = ' '.join(passes[0::2])
        shapes[shape] += 1
        for code, step_ms in zip(passes[0::2], passes[1::2]):
            steps[code].append(float(step_ms))
        if ms > threshold:
            slow[shape] += 1
            slowest.append((ms, query, hints, ' '.join(passes)))
    print(f'== {phase}: {sum(slow.values())} of {len(rows)} over {threshold:g} ms'
          ' (steps per pass: bookmarks then history; w walk, c bounded trigram look, t long walk, a every match)')
    for shape, n in slow.most_common():
        print(f'   {shape:<14} {n:4d} of {shapes[shape]:4d}')
    print('   step medians / p90 (ms): ' + ' | '.join(
        f'{code} {statistics.median(v):.2f} / {sorted(v)[int(len(v) * 0.9)]:.2f} (n={len(v)})'
        for code, v in sorted(steps.items(), key=lambda kv: -len(kv[1]))))
    for ms, query, hints, passes in sorted(slowest, reverse=True)[:shown]:
        print(f'   {ms:7.2f} {query!r:<24} hints {hints}  {passes}')
