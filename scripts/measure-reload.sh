#!/bin/bash
# Peak memory of the explorer on TARGET (a file or a directory), driven in tmux, for
# docs/PERFORMANCE.md (issue #27 point 3):
#
#     scripts/measure-reload.sh BIN TARGET OUT [FILE]
#
# waits for the events, and with FILE (one of TARGET's files) searches once, saves FILE with its
# first event's title changed (written beside it and renamed into place, as editors do), waits
# until the header says `reloaded`; then quits with q and prints "Maximum resident set size"
# from /usr/bin/time -v's report in OUT. XDG_CACHE_HOME is passed on (run once first to fill the
# cache: its key includes the program). FILE is changed: keep a copy.
BIN=$1; TARGET=$2; OUT=$3; FILE=$4
S=measure-reload-$$
tmux new-session -d -s "$S" -x 120 -y 40 \
    "XDG_CACHE_HOME=$XDG_CACHE_HOME /usr/bin/time -v -o $OUT $BIN $TARGET; sleep 1"
shown() { tmux capture-pane -p -t "$S" | grep -q "$1"; }
for _ in $(seq 240); do sleep 0.5; shown "event-\|[0-9]/[0-9][0-9]* " && break; done
sleep 2
if [ -n "$FILE" ]; then
    tmux send-keys -t "$S" '/'; sleep 0.3; tmux send-keys -t "$S" 'event 30000 ' Enter; sleep 2
    python3 - "$FILE" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
start = text.index("    title: ")
end = text.index("\n", start)
open(path + ".tmp", "w", encoding="utf-8").write(text[:start] + "    title: edited title" + text[end:])
os.rename(path + ".tmp", path)
PY
    for _ in $(seq 120); do sleep 0.5; shown "reloaded" && break; done
    tmux capture-pane -p -t "$S" | grep -o "reloaded[^│]*" | head -1
    sleep 2
fi
tmux send-keys -t "$S" q
sleep 2
tmux kill-session -t "$S" 2>/dev/null
grep "Maximum resident" "$OUT"
