#!/bin/sh
# Collect user-visible strings into the .ts (keeping existing translations),
# then compile the .qm the app loads. Options must come before the folder:
# pyside6-lupdate ignores -extensions/-recursive given after it.
set -eu
cd "$(dirname "$0")/.."
BIN="$(dirname "$(command -v python)")"
LUPDATE="${LUPDATE:-$BIN/pyside6-lupdate}"
LRELEASE="${LRELEASE:-$BIN/pyside6-lrelease}"
[ -x "$LUPDATE" ] || LUPDATE=pyside6-lupdate
[ -x "$LRELEASE" ] || LRELEASE=pyside6-lrelease
"$LUPDATE" -no-obsolete -locations relative -extensions py -recursive commdesk -ts translations/commdesk_zh_CN.ts
"$LRELEASE" translations/commdesk_zh_CN.ts -qm translations/commdesk_zh_CN.qm
echo "Unfinished messages: $(grep -c 'type="unfinished"' translations/commdesk_zh_CN.ts || true)"
