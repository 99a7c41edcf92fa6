#!/usr/bin/env bash
# Checks the markwhen and iCalendar exports with the tools people read them with: the markwhen
# parser (node, @markwhen/parser) and ics-py (python, `ics`). Not part of `cargo test`, since
# getting those tools needs the network.
#
#   scripts/check-exports.sh            use the tools if they are installed (see below)
#   scripts/check-exports.sh --install  first install them into $TOOLS (needs npm, python3, network)
#
# The tools are looked for in $TOOLS (default ${XDG_CACHE_HOME:-~/.cache}/timeline-explorer-tools):
# $TOOLS/node_modules/@markwhen/parser and $TOOLS/venv/bin/python with `ics`. Each check that
# cannot run says so and why, and is skipped; the script fails only when a check that ran fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
TOOLS="${TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/timeline-explorer-tools}"
bin="${TIMELINE_EXPLORER:-}"

if [[ "${1:-}" == "--install" ]]; then
  mkdir -p "$TOOLS"
  if command -v npm >/dev/null; then
    (cd "$TOOLS" && { [[ -f package.json ]] || npm init -y >/dev/null; } && npm install --silent @markwhen/parser@^1.2)
  else
    echo "npm not found: cannot install @markwhen/parser"
  fi
  if command -v python3 >/dev/null; then
    python3 -m venv "$TOOLS/venv" && "$TOOLS/venv/bin/pip" install --quiet ics icalendar
  else
    echo "python3 not found: cannot install ics"
  fi
fi

if [[ -z "$bin" ]]; then
  (cd "$repo" && cargo build --quiet)
  bin="${CARGO_TARGET_DIR:-$repo/target}/debug/timeline-explorer"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The built-in timeline, one with every key, one with hostile text, one with the dates, tags and
# markup that need care, an incident timeline with times of day in two zones, and one with
# times in three zones, a range across a change of the clocks, and planned and cancelled events.
inputs=("" "$repo/tests/fixtures/good/full.yaml" "$repo/tests/fixtures/good/hostile-text.yaml"
        "$repo/tests/fixtures/exports/tricky.yaml" "$repo/tests/fixtures/good/incident.yaml"
        "$repo/tests/fixtures/exports/three-zones.yaml")
names=(builtin full hostile-text tricky incident three-zones)
for i in "${!inputs[@]}"; do
  file=(); [[ -n "${inputs[$i]}" ]] && file=(-f "${inputs[$i]}")
  "$bin" "${file[@]}" list --format json >"$work/${names[$i]}.json"
  "$bin" "${file[@]}" export --format markwhen -o "$work/${names[$i]}.mw" 2>/dev/null
  "$bin" "${file[@]}" export --format ics -o "$work/${names[$i]}.ics" 2>/dev/null
  "$bin" "${file[@]}" export --format timelinejs -o "$work/${names[$i]}.timelinejs.json" 2>/dev/null
done

failed=0
echo "markwhen (@markwhen/parser):"
if ! command -v node >/dev/null; then
  echo "  SKIPPED: node is not installed"
elif [[ ! -d "$TOOLS/node_modules/@markwhen/parser" ]]; then
  echo "  SKIPPED: @markwhen/parser is not in $TOOLS/node_modules (run with --install)"
else
  echo "  @markwhen/parser $(node -p "require('$TOOLS/node_modules/@markwhen/parser/package.json').version"), node $(node --version)"
  cp "$here/check-markwhen.mjs" "$TOOLS/check-markwhen.mjs"
  for n in "${names[@]}"; do
    node "$TOOLS/check-markwhen.mjs" "$work/$n.mw" "$work/$n.json" || failed=1
  done
fi

echo "iCalendar (ics-py):"
if [[ ! -x "$TOOLS/venv/bin/python" ]] || ! "$TOOLS/venv/bin/python" -c "import ics" 2>/dev/null; then
  echo "  SKIPPED: python with the ics package is not in $TOOLS/venv (run with --install)"
else
  echo "  ics $("$TOOLS/venv/bin/python" -c 'import ics; print(ics.__version__)'), $("$TOOLS/venv/bin/python" --version)"
  for n in "${names[@]}"; do
    "$TOOLS/venv/bin/python" "$here/check-ics.py" "$work/$n.ics" "$work/$n.json" || failed=1
  done
fi

echo "TimelineJS (the slides as TimelineJS shows them):"
python3 - "$work" "${names[@]}" <<'PY' || failed=1
import json, sys
work, names = sys.argv[1], sys.argv[2:]
bad = 0
for n in names:
    events = json.load(open(f"{work}/{n}.json"))
    slides = {s["unique_id"]: s for s in json.load(open(f"{work}/{n}.timelinejs.json"))["events"]}
    shown = []
    for e in events:
        s = slides.get(e["id"])
        if s is None:
            print(f"  {n}: {e['id']}: no slide"); bad = 1; continue
        if e["status"] != "happened":
            line = f"<p><em>{e['status'].capitalize()}</em></p>"
            if not s["display_date"].endswith(f"({e['status']})") or not s["text"]["text"].startswith(line):
                print(f"  {n}: {e['id']}: the slide does not show `{e['status']}`: {s['display_date']!r}"); bad = 1
            else:
                shown.append(f"{e['id']}: {s['display_date']}")
    print(f"  ok: {n}: {len(slides)} slides" + (f"; status shown: {'; '.join(shown)}" if shown else "") if not bad else f"  {n}: FAILED")
if not bad:
    print("  (TimelineJS itself in a browser: SKIPPED, no browser here; this reads the slide fields it shows)")
sys.exit(bad)
PY

if [[ $failed -ne 0 ]]; then
  echo "FAILED: a reader disagrees with an export (above)"
  exit 1
fi
echo "done"
