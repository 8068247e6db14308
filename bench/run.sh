#!/usr/bin/env bash
# Runs every end-to-end scenario through the SDK (`bench-scenarios`) and
# through the raw CLI with no SDK (`raw-cli`), side by side, against the
# SDK's scripted model server, several rounds each; prints medians and the
# SDK/raw ratios as a Markdown table.
#
#   bench/run.sh [ROUNDS] [SCENARIO...]      (default: 5 rounds, all scenarios)
#
# CLAUDE_CLI names the CLI; by default the pinned version is installed into
# target/claude-cli/<version> with npm.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-5}
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(S1 S2 S2x25 S3 S4 S5)

version=2.1.330
if [ -z "${CLAUDE_CLI:-}" ]; then
  dir=target/claude-cli/$version
  CLAUDE_CLI=$PWD/$dir/node_modules/.bin/claude
  if [ ! -x "$CLAUDE_CLI" ]; then
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "@anthropic-ai/claude-code@$version" >&2
  fi
fi
export CLAUDE_CLI

cargo build --release -q -p claude-agent-sdk-bench --bins
bin=target/release

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill -INT "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/scripted-server" > "$work/server.out" &
server_pid=$!
for _ in $(seq 100); do grep -q '^PORT=' "$work/server.out" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/^PORT=//p' "$work/server.out")

mkdir -p "$work/home/.claude" "$work/cwd"
export HOME=$work/home CLAUDE_CONFIG_DIR=$work/home/.claude
export ANTHROPIC_BASE_URL=http://127.0.0.1:$port ANTHROPIC_API_KEY=sk-bench
export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
unset CLAUDECODE

results=$work/results.jsonl
echo "CLI: $("$CLAUDE_CLI" --version), $rounds rounds, model server on port $port" >&2
for scenario in "${scenarios[@]}"; do
  for round in $(seq "$rounds"); do
    # Alternate who goes first, so that neither always meets a cold cache.
    peers=(raw-cli bench-scenarios)
    [ $((round % 2)) -eq 0 ] && peers=(bench-scenarios raw-cli)
    # W1 (what a parked spare costs while it waits) has no raw counterpart.
    [ "$scenario" = W1 ] && peers=(bench-scenarios)
    for peer in "${peers[@]}"; do
      line=$(cd "$work/cwd" && "$OLDPWD/$bin/$peer" "$scenario" 2>>"$work/stderr.log" | tail -n 1) || true
      echo "$line" >> "$results"
      echo "  $scenario round $round $peer: $line" >&2
    done
  done
done

python3 - "$results" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith('{')]
def med(peer, sc, key):
    xs = [r[key] for r in runs if r['peer'] == peer and r['scenario'] == sc and r.get('ok') and key in r]
    return statistics.median(xs) if xs else None
order = []
for r in runs:
    if r['scenario'] not in order: order.append(r['scenario'])
print("| scenario | raw CLI t (ms) | SDK t (ms) | SDK / raw | SDK CPU (ms) | SDK peak RSS (MB) | runs ok (raw, SDK) | extra (SDK) |")
print("|---|---|---|---|---|---|---|---|")
for sc in order:
    raw, rust = med('raw-cli', sc, 't_ms'), med('rust', sc, 't_ms')
    cpu, rss = med('rust', sc, 'self_cpu_ms'), med('rust', sc, 'self_peak_rss_kb')
    ok_raw = sum(1 for r in runs if r['peer'] == 'raw-cli' and r['scenario'] == sc and r.get('ok'))
    ok_sdk = sum(1 for r in runs if r['peer'] == 'rust' and r['scenario'] == sc and r.get('ok'))
    n = sum(1 for r in runs if r['peer'] == 'rust' and r['scenario'] == sc)
    extra = []
    for key in ('rt_mean_ms', 'first_turn_ms', 'turn_mean_after_first_ms', 'warmup_ms', 'query_ms',
                'query_mean_ms', 'query_p95_ms', 'hit_rate', 'hit_rate_after_first', 'time_to_ready_ms',
                'spare_rss_mb', 'spare_cpu_ms_per_idle_min', 'waited', 'spares_spawned', 'queries_ms'):
        v = med('rust', sc, key)
        if v is not None: extra.append(f"{key} {v:.1f}")
    fmt = lambda v, f="{:.0f}": f.format(v) if v is not None else "–"
    ratio = f"{rust / raw:.3f}×" if raw and rust else "–"
    print(f"| {sc} | {fmt(raw)} | {fmt(rust)} | {ratio} | {fmt(cpu, '{:.1f}')} | {fmt(rss / 1024 if rss else None, '{:.1f}')} | {ok_raw}/{n}, {ok_sdk}/{n} | {', '.join(extra)} |")

# The warm scenarios, against the raw CLI's cold runs of the same work.
warm = [sc for sc in order if sc in ('S6', 'S7', 'S7p', 'S8')]
if warm:
    print()
    print("| scenario | measure | raw CLI, cold | SDK, warm | SDK / raw |")
    print("|---|---|---|---|---|")
    rows = {'S6': [('query_ms', 'query to result (ms)')],
            'S7': [('query_mean_ms', 'mean query (ms)'), ('query_p95_ms', 'p95 query (ms)')],
            'S7p': [('query_mean_ms', 'mean query (ms)'), ('query_p95_ms', 'p95 query (ms)')],
            'S8': [('queries_ms', 'the 50 queries (ms)'), ('t_ms', 'wall time, pool start and stop included (ms)'),
                   ('tree_cpu_ms', 'process tree CPU (ms)')]}
    raw_s1 = med('raw-cli', 'S1', 't_ms') or med('raw-cli', 'S6', 'query_ms')
    for sc in warm:
        for key, label in rows[sc]:
            raw, rust = med('raw-cli', sc, key), med('rust', sc, key)
            ratio = f"{rust / raw:.3f}×" if raw and rust else "–"
            print(f"| {sc} | {label} | {fmt(raw)} | {fmt(rust)} | {ratio} |")
        if sc in ('S6', 'S7', 'S7p') and raw_s1:
            key = 'query_ms' if sc == 'S6' else 'query_mean_ms'
            rust = med('rust', sc, key)
            if rust:
                print(f"| {sc} | vs raw S1 wall time | {raw_s1:.0f} | {rust:.0f} | {rust / raw_s1:.3f}× |")
PY
