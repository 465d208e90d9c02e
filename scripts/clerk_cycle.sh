#!/usr/bin/env bash
# The clerk's whole cycle through one commdesk executable, each exit status and the figures
# read back:
#
#   demo → check → export (before the imports) → import of each shared fixture → export
#   refused by a warning, then written with --note → the return's PDF and a roster → a
#   certificate as PDF (and one refused) → briefing PDF → two more committees (demo, export)
#   → consolidate the three → backup → demo --replace → restore → check → refusals (exit 2,
#   one line, in Chinese on a zh_CN locale)
#
# Usage: scripts/clerk_cycle.sh COMMDESK [PYTHON]
#   COMMDESK  the installed console script (.venv/bin/commdesk) or the bundle
#             (dist/commdesk/commdesk); tests/cli/test_clerk_cycle.py runs the first, .ci/run
#             the second
#   PYTHON    a Python with openpyxl, used only to read workbooks back (default: python3)
# The shared fixtures are read from ../shared/fixtures beside the repository (override with
# SHARED_FIXTURES). Exits non-zero at the first step whose exit status or figures are off.
set -Eeuo pipefail

APP="${1:?usage: clerk_cycle.sh COMMDESK [PYTHON]}"
PY="${2:-python3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIXTURES="${SHARED_FIXTURES:-$ROOT/../shared/fixtures}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/commdesk-cycle.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# English messages (the figures lines are the same in any language); the zh_CN step sets
# its own locale.
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE COMMDESK_DATA_DIR 2>/dev/null || true

STEPS=0
OUT="$WORK/stdout"
ERR="$WORK/stderr"

die() {
    echo "CLERK CYCLE FAILED: $*" >&2
    exit 1
}

# expect STATUS ARGS…: run the program, show its output, check the exit status (and, for 2,
# the one stderr line); no traceback ever.
expect() {
    local want=$1 status=0
    shift
    echo "+ commdesk $*"
    "$APP" "$@" >"$OUT" 2>"$ERR" || status=$?
    cat "$OUT"
    cat "$ERR" >&2
    [ "$status" -eq "$want" ] || die "commdesk $*: exit $status, expected $want"
    ! grep -q Traceback "$ERR" || die "commdesk $*: a traceback on stderr"
    if [ "$want" -eq 2 ]; then
        [ "$(grep -c . "$ERR")" -eq 1 ] || die "commdesk $*: exit 2 needs one stderr line"
    fi
    STEPS=$((STEPS + 1))
}

last_line() { grep . "$OUT" | tail -n 1; }

# check_counts: the "ok k=v …" line of `commdesk check`, for comparing later.
check_counts() { grep -E '^ok ' "$OUT" | head -n 1; }

# One figure of a return workbook: sheet, row code (column B), column number (1 = first
# figure); the value printed.
figure() {
    "$PY" - "$@" <<'PY'
import sys
from openpyxl import load_workbook

path, sheet, code, column = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ws = load_workbook(path, read_only=True, data_only=True)[sheet]
for row in ws.iter_rows(values_only=True):  # the row by its 乙 code, or by its label (合计)
    if len(row) > 1 and code in (row[0], row[1]):
        print(row[1 + column])
        break
else:
    sys.exit(f"{path}: no row {code} in {sheet}")
PY
}

# expected FILE KEY: a figure of shared/fixtures/expected.json.
expected() {
    "$PY" -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8"))[sys.argv[2]][sys.argv[3]])' \
        "$FIXTURES/expected.json" "$1" "$2"
}

same_number() {  # same_number WHAT A B: equal as numbers (12 == 12.0)
    "$PY" -c 'import sys; sys.exit(abs(float(sys.argv[1]) - float(sys.argv[2])) > 1e-9)' "$2" "$3" \
        || die "$1: $2, expected $3"
    echo "ok: $1 = $2"
}

[ -d "$FIXTURES" ] || die "no shared fixtures at $FIXTURES"
"$PY" -c 'import openpyxl' || die "$PY has no openpyxl"
IN="$WORK/in"
RETURNS="$WORK/returns"
mkdir -p "$IN" "$RETURNS"
cp "$FIXTURES"/*.xlsx "$FIXTURES"/*.csv "$IN/"  # the rejected-rows report is written beside

A="$WORK/committee-a"
PERIOD=2025

echo "== committee A: demo, check, export before the imports"
expect 0 --data-dir "$A" demo --records 300 --division-code 110105001001 --kind urban
expect 0 --data-dir "$A" check
grep -q '^ok .*service_record=300' "$OUT" || die "check after demo: $(last_line)"
expect 0 --data-dir "$A" export --period "$PERIOD" --out "$WORK/a-before.xlsx"

echo "== committee A: import each shared fixture"
ROSTER=志愿者花名册_2024.xlsx
expect 1 --data-dir "$A" import volunteers "$IN/$ROSTER"
[[ "$(last_line)" =~ ^added=([0-9]+)\ updated=0\ skipped=0\ rejected=([0-9]+)\ warnings=[0-9]+$ ]] \
    || die "import volunteers: last line $(last_line)"
same_number "volunteers added" "${BASH_REMATCH[1]}" "$(expected "$ROSTER" accepted)"
same_number "volunteers rejected" "${BASH_REMATCH[2]}" "$(expected "$ROSTER" rejected)"
[ -f "$A/reports/志愿者花名册_2024_未导入.xlsx" ] || die "no rejected-rows report in the data folder's reports/"
[ ! -e "$IN/志愿者花名册_2024_未导入.xlsx" ] || die "the rejected-rows report was written next to the source"

LEDGER=服务台账_2025.xlsx
expect 0 --data-dir "$A" import services "$IN/$LEDGER"
[ "$(last_line)" = "added=$(expected "$LEDGER" accepted) updated=0 skipped=0 rejected=0 warnings=0" ] \
    || die "import services: last line $(last_line)"

WORKERS=社区工作者.csv
expect 0 --data-dir "$A" import workers "$IN/$WORKERS"
[[ "$(last_line)" =~ ^added=$(expected "$WORKERS" accepted)\ updated=0\ skipped=0\ rejected=0\  ]] \
    || die "import workers: last line $(last_line)"

# One long emergency shift (30 hours for 4 people): the return's W-SERVICE-HOURS warning.
printf '日期,服务类别,服务对象,服务内容,人次,时长(小时),服务方式\n2025-07-01,志愿服务,老年人,应急值守,4,30,窗口\n' \
    >"$IN/long-shift.csv"
expect 0 --data-dir "$A" import services "$IN/long-shift.csv"

echo "== committee A: export refused by an unexplained warning, then written with a note"
expect 1 --data-dir "$A" export --period "$PERIOD" --out "$RETURNS/a.xlsx"
grep -q '^warning W-SERVICE-HOURS: ' "$OUT" || die "export: no W-SERVICE-HOURS line"
[ ! -e "$RETURNS/a.xlsx" ] || die "a refused export wrote its file"
expect 0 --data-dir "$A" export --period "$PERIOD" --out "$RETURNS/a.xlsx" \
    --note "W-SERVICE-HOURS=应急值守连续30小时，合并登记"
[ -f "$RETURNS/a.xlsx" ] || die "export with a note wrote no file"
# The imported services are in the return: 表3 合计 grew by exactly what was imported.
for column in 2:people:4 3:hours:30; do
    IFS=: read -r col key extra <<<"$column"
    before="$(figure "$WORK/a-before.xlsx" 表3 合计 "$col")"
    after="$(figure "$RETURNS/a.xlsx" 表3 合计 "$col")"
    grown="$("$PY" -c 'import sys; print(float(sys.argv[2]) - float(sys.argv[1]))' "$before" "$after")"
    want="$("$PY" -c 'import sys; print(float(sys.argv[1]) + float(sys.argv[2]))' \
        "$(expected "$LEDGER" "$key")" "$extra")"
    same_number "表3 合计 $key added by the imports" "$grown" "$want"
done

echo "== committee A on paper: the return's PDF (same audit, same notes) and a roster"
expect 1 --data-dir "$A" export --period "$PERIOD" --out "$WORK/a.pdf"
[ ! -e "$WORK/a.pdf" ] || die "a refused PDF export wrote its file"
expect 0 --data-dir "$A" export --period "$PERIOD" --out "$WORK/a.pdf" \
    --note "W-SERVICE-HOURS=应急值守连续30小时，合并登记"
[ "$(head -c 5 "$WORK/a.pdf")" = "%PDF-" ] || die "export --out a.pdf wrote no PDF"
expect 0 --data-dir "$A" roster volunteers --out "$WORK/roster.pdf"
[ "$(head -c 5 "$WORK/roster.pdf")" = "%PDF-" ] || die "roster wrote no PDF"

echo "== committee A: a volunteer service certificate (志愿服务记录证明) as PDF"
# The volunteer with the most linked services, and the span of those services.
read -r VID VFROM VTO < <("$PY" - "$A/commdesk.sqlite" <<'PY'
import sqlite3, sys

con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(*con.execute(
    "SELECT v.id_number, min(s.service_date), max(s.service_date) FROM volunteer v "
    "JOIN service_volunteer l ON l.volunteer_id = v.id JOIN service_record s ON s.id = l.service_id "
    "WHERE v.deleted_at IS NULL AND s.deleted_at IS NULL GROUP BY v.id ORDER BY count(*) DESC LIMIT 1"
).fetchone())
PY
)
[ -n "$VID" ] || die "no volunteer with linked services in committee A"
expect 0 --data-dir "$A" certificate --volunteer "$VID" --from "$VFROM" --to "$VTO" \
    --out "$WORK/certificate.pdf"
grep -Eq '^[0-9]{4}-0001 ' "$OUT" || die "certificate: no number 0001 in $(cat "$OUT")"
[ "$(head -c 5 "$WORK/certificate.pdf")" = "%PDF-" ] || die "certificate: not a PDF"
expect 2 --data-dir "$A" certificate --volunteer "$VID" --from "$VFROM" --to 2999-01-01 \
    --out "$WORK/never.pdf"
[ ! -e "$WORK/never.pdf" ] || die "a refused certificate wrote its file"

echo "== the year's briefing (PDF): its indicators and the return's service count on it"
expect 0 --data-dir "$A" briefing --period "$PERIOD" --out "$WORK/briefing.pdf"
[ -s "$WORK/briefing.pdf" ] || die "briefing: no file"
if command -v pdftotext >/dev/null; then
    pdftotext "$WORK/briefing.pdf" "$WORK/briefing.txt"
    services="$("$PY" -c 'import sys; print(f"{int(float(sys.argv[1])):,}")' \
        "$(figure "$RETURNS/a.xlsx" 表3 合计 1)")"
    for want in 每百户居民拥有社区综合服务设施面积 每万常住人口拥有社区工作者数 "$services services"; do
        grep -qF "$want" "$WORK/briefing.txt" || die "briefing: \"$want\" not in the PDF"
    done
fi

echo "== two more committees of the same township"
for committee in 002:village 003:urban; do
    code="110105001${committee%%:*}"
    expect 0 --data-dir "$WORK/committee-$code" demo --records 60 --division-code "$code" \
        --kind "${committee#*:}"
    expect 0 --data-dir "$WORK/committee-$code" export --period "$PERIOD" --out "$RETURNS/$code.xlsx"
done

echo "== the township consolidates the three returns"
TOWN="$WORK/township"
expect 0 --data-dir "$TOWN" consolidate "$RETURNS" --period "$PERIOD" --out "$WORK/township.xlsx"
[ "$(grep -c '^included ' "$OUT")" -eq 3 ] || die "consolidate: not 3 files included"
same_number "附表 committees" "$(figure "$WORK/township.xlsx" 附表 UNITS 1)" 3
same_number "附表 urban" "$(figure "$WORK/township.xlsx" 附表 UNITS 2)" 2
same_number "附表 village" "$(figure "$WORK/township.xlsx" 附表 UNITS 3)" 1
for col in 1 2 3; do
    sum=0
    for f in "$RETURNS"/*.xlsx; do
        sum="$("$PY" -c 'import sys; print(float(sys.argv[1]) + float(sys.argv[2]))' \
            "$sum" "$(figure "$f" 表3 合计 "$col")")"
    done
    same_number "township 表3 合计 column $col" "$(figure "$WORK/township.xlsx" 表3 合计 "$col")" "$sum"
done

echo "== backup, a change, restore, check"
expect 0 --data-dir "$A" check
BEFORE="$(check_counts)"
expect 0 --data-dir "$A" backup --out "$WORK/a-backup.sqlite"
[ -s "$WORK/a-backup.sqlite" ] || die "backup wrote no file"
expect 0 --data-dir "$A" demo --replace --records 10
expect 0 --data-dir "$A" check
[ "$(check_counts)" != "$BEFORE" ] || die "demo --replace changed nothing"
expect 0 --data-dir "$A" restore "$WORK/a-backup.sqlite"
expect 0 --data-dir "$A" check
[ "$(check_counts)" = "$BEFORE" ] || die "after restore: $(check_counts), expected $BEFORE"
echo "ok: counts after restore = counts at backup ($BEFORE)"

echo "== refusals: exit 2, one line, in the locale's language"
expect 2 --data-dir "$WORK/nowhere" check
expect 2 --data-dir "$A" import volunteers "$IN/no-such-file.xlsx"
# A server that is not there: one line naming it, nothing done.
expect 2 --data-dir "$A" server init 'postgresql+psycopg://admin:secret@127.0.0.1:1/postgres' --committee 110105001001
expect 2 --data-dir "$A" export --period 2025-13 --out "$WORK/x.xlsx"
expect 2 --data-dir "$A" briefing --period 2025-13 --out "$WORK/x.pdf"
LANG=zh_CN.UTF-8 expect 2 --data-dir "$A" export --period 2025-13 --out "$WORK/x.xlsx"
grep -q '月份' "$ERR" || die "zh_CN locale: the refusal is not in Chinese: $(cat "$ERR")"

echo "clerk cycle passed: $STEPS commands, each with its exit status and figures"
