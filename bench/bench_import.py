"""How fast is importing a 50,000-row roster, compared with the plainest read+insert?

    python bench/bench_import.py [--rows 50000] [--kind volunteers|services] [--runs N]
        [--seed 1] [--keep FILE] [--profile] [--database URL | --start-pg]

1. Generates a ledger like a clerk's (volunteers: merged title row, 序号, valid IDs
   with gender and birth date to match, text and date cells, teams, yes/no;
   services: dates, categories, target groups, counts, recipients) as a real xlsx
   with shared strings, written directly (openpyxl's write-only mode needs ~16 s
   for 50,000 rows; this writer well under a second).
2. Times ``plan_import`` (read, find table, map headers, validate, dedupe) and
   ``commit_import`` into a fresh store: a SQLite data folder, or with
   ``--database URL`` that PostgreSQL database (it must hold no ledger rows; one
   run only), or with ``--start-pg`` a fresh database of a throw-away PostgreSQL
   15 started as the tests start it (tests/pg_server.py).
   Each run is a fresh process (cold caches, as a clerk's import).
3. Baseline, right after each run in the same process: python-calamine reading
   the same file plus one ``executemany`` of the same rows into a bare table in a
   fresh SQLite file.

Prints ``name=value`` lines per run (``ratio`` / ``cpu_ratio``: ours over the
baseline; CPU time is steadier on a shared machine; on PostgreSQL the server's
own CPU is reported apart, ``server_cpu_seconds``, when the server runs on this
machine) and the load average. No assertions.
"""

from __future__ import annotations

import argparse
import cProfile
import multiprocessing
import os
import pstats
import random
import sqlite3
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HEADERS = [
    "序号", "姓名", "性别", "身份证号码", "联系电话", "出生日期", "政治面貌",
    "志愿服务队", "是否注册", "专长", "加入日期", "状态", "备注",
]  # fmt: skip
AREAS = ["110105", "110108", "310104", "440305", "420102", "510104", "320102", "330106"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅兵海波宁辉鹏飞云燕玲萍斌林琴春雪梦欣宇浩然晨阳子轩"  # noqa: E501
POLITICAL = ["群众", "中共党员", "共青团员", "群众", "群众"]
TEAMS = ["党员先锋队", "巾帼志愿服务队", "银龄志愿队", "青年志愿服务队"]
SKILLS = ["理发", "维修", "医疗", "法律咨询", "文艺", "", "", ""]
EXCEL_EPOCH = date(1899, 12, 30)


def _line(name: str, value: object) -> None:
    print(f"{name}={value}", flush=True)


def _check_digit(first17: str) -> str:
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def _col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def roster_rows(count: int, seed: int) -> list[list[object]]:
    """Rows as a clerk would type them; dates are ``date`` objects (date cells)."""
    rnd = random.Random(seed)
    seen: set[str] = set()
    rows: list[list[object]] = []
    while len(rows) < count:
        birth = date(1950, 1, 1) + timedelta(days=rnd.randrange(20000))
        seq = rnd.randrange(1000)
        first17 = f"{rnd.choice(AREAS)}{birth:%Y%m%d}{seq:03d}"
        id18 = first17 + _check_digit(first17)
        if id18 in seen:
            continue
        seen.add(id18)
        name = rnd.choice(SURNAMES) + "".join(
            rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2, 2)))
        )
        joined = date(2015, 1, 1) + timedelta(days=rnd.randrange(3000))
        rows.append(
            [
                len(rows) + 1,
                name,
                "男" if seq % 2 else "女",
                id18,
                f"1{rnd.choice('3589')}{rnd.randrange(10**9):09d}",
                birth,
                rnd.choice(POLITICAL),
                rnd.choice(TEAMS),
                rnd.choice(("是", "否", "√", "")),
                rnd.choice(SKILLS),
                f"{joined.year}/{joined.month}/{joined.day}",
                "在册",
                "",
            ]
        )
    return rows


def write_xlsx(path: Path, title: str, headers: list[str], rows: list[list[object]]) -> None:
    """A minimal but real xlsx: shared strings, a date style, a merged title row."""
    strings: dict[str, int] = {}

    def cell(ref: str, value: object) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, date):
            return f'<c r="{ref}" s="1"><v>{(value - EXCEL_EPOCH).days}</v></c>'
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value}</v></c>'
        index = strings.setdefault(str(value), len(strings))
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'

    body = [f'<row r="1">{cell("A1", title)}</row>']
    all_rows = [headers, *rows]
    for r, values in enumerate(all_rows, start=2):
        cells = "".join(cell(f"{_col(c)}{r}", v) for c, v in enumerate(values))
        body.append(f'<row r="{r}">{cells}</row>')
    last = _col(len(headers) - 1)
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:{last}{len(all_rows) + 1}"/><sheetData>'
        + "".join(body)
        + f'</sheetData><mergeCells count="1"><mergeCell ref="A1:{last}1"/></mergeCells>'
        "</worksheet>"
    )
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        + "</sst>"
    )
    ns = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Types xmlns="{ns}/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'  # noqa: E501
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'  # noqa: E501
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'  # noqa: E501
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'  # noqa: E501
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'  # noqa: E501
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'  # noqa: E501
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships">'  # noqa: E501
            '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'  # noqa: E501
            f'<Relationship Id="rId2" Type="{ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'  # noqa: E501
            f'<Relationship Id="rId3" Type="{ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/>'  # noqa: E501
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{ns}/spreadsheetml/2006/main">'
            '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'  # noqa: E501
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            "</cellXfs></styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)


SERVICE_HEADERS = [
    "序号", "服务日期", "服务类别", "服务对象", "服务人次", "服务时长（小时）", "服务方式",
    "服务地点", "服务内容", "服务对象姓名", "服务对象身份证号", "备注",
]  # fmt: skip
CATEGORIES = ["养老服务", "助残服务", "困难群众帮扶", "就业服务", "政务服务代办", "医疗卫生与健康"]
GROUPS = ["老年人", "残疾人", "困难家庭", "一般居民", "未成年人"]
CHANNELS = ["窗口", "上门", "线上", "代办"]
PLACES = ["社区服务站", "居民家中", "党群服务中心", "", ""]
WORK = ["入户走访", "送餐上门", "代购药品", "政策咨询", "代缴水电费", "陪同就医", "健康讲座"]


def service_rows(count: int, seed: int) -> list[list[object]]:
    """A year of a busy committee's services: a third name a recipient, some with an ID."""
    rnd = random.Random(seed)
    people = roster_rows(2000, seed + 1)
    rows: list[list[object]] = []
    for index in range(count):
        day = date(2025, 1, 1) + timedelta(days=rnd.randrange(365))
        named = rnd.random() < 0.35
        person = rnd.choice(people) if named else None
        rows.append(
            [
                index + 1,
                day,
                rnd.choice(CATEGORIES),
                rnd.choice(GROUPS),
                rnd.choice((1, 1, 2, 3, 5, 12)),
                rnd.choice(("", 0.5, 1, 1.5, 2)),
                rnd.choice(CHANNELS),
                rnd.choice(PLACES),
                f"{rnd.choice(WORK)}（第{index % 97 + 1}批）",
                person[1] if person else "",
                person[3] if person and rnd.random() < 0.5 else "",
                "",
            ]
        )
    return rows


def baseline(path: Path, folder: Path, width: int) -> tuple[float, float, int]:
    """calamine read of the same sheet + one executemany into a bare table: (wall, CPU, rows)."""
    from python_calamine import CalamineWorkbook

    start, cpu_start = time.perf_counter(), time.process_time()
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python()[2:]
    con = sqlite3.connect(folder / "baseline.sqlite")
    columns = ", ".join(f"c{i}" for i in range(width))
    con.execute(f"CREATE TABLE roster ({columns})")
    marks = ", ".join("?" for _ in range(width))
    con.executemany(
        f"INSERT INTO roster VALUES ({marks})",
        [tuple(str(v) if isinstance(v, date) else v for v in row) for row in rows],
    )
    con.commit()
    con.close()
    (folder / "baseline.sqlite").unlink()
    return time.perf_counter() - start, time.process_time() - cpu_start, len(rows)


def _pg_server() -> Any:
    """A throw-away PostgreSQL 15, started as the tests start it."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from pg_server import PgServer, pg_bin

    bin_dir = pg_bin()
    if bin_dir is None:
        raise SystemExit("PostgreSQL 15 is not installed (apt-get install postgresql)")
    return PgServer.start(bin_dir)


def _server_cpu(store: Any) -> float | None:
    """CPU time of the server processes serving this database (a server on this
    machine; the store's pooled connections are all still open), or None."""
    from sqlalchemy import text

    with store.read() as s:
        pids = s.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        ).scalars()
        total = 0
        for pid in pids:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
            except OSError:
                return None
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def _one_run(args: argparse.Namespace, source: Path, folder: Path, url: str | None) -> None:
    from commdesk.importing.commit import commit_import
    from commdesk.importing.plan import plan_import
    from commdesk.store.engine import open_store

    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(folder / "data", database=url)
    profiler = cProfile.Profile() if args.profile else None
    try:
        if profiler:
            profiler.enable()
        start, cpu_start = time.perf_counter(), time.process_time()
        plan = plan_import(store, args.kind, source)
        planned, cpu_planned = time.perf_counter() - start, time.process_time() - cpu_start
        result = commit_import(store, plan, source_name=source.name)
        total, cpu_total = time.perf_counter() - start, time.process_time() - cpu_start
        if profiler:
            profiler.disable()
        server_cpu = _server_cpu(store) if url else None
    finally:
        store.close()
    headers = HEADERS if args.kind == "volunteers" else SERVICE_HEADERS
    base, cpu_base, base_rows = baseline(source, folder, len(headers))
    _line("backend", "postgresql" if url else "sqlite")
    _line("kind", args.kind)
    _line("rows", args.rows)
    _line("result", result.counts_line())
    _line("plan_seconds", f"{planned:.2f}")
    _line("commit_seconds", f"{total - planned:.2f}")
    _line("import_seconds", f"{total:.2f}")
    _line("baseline_seconds", f"{base:.2f}")
    _line("baseline_rows", base_rows)
    _line("ratio", f"{total / base:.2f}" if base > 0 else "inf")
    # CPU time of this process: steadier than wall time on a shared machine.
    _line("plan_cpu_seconds", f"{cpu_planned:.2f}")
    _line("import_cpu_seconds", f"{cpu_total:.2f}")
    _line("baseline_cpu_seconds", f"{cpu_base:.2f}")
    _line("cpu_ratio", f"{cpu_total / cpu_base:.2f}" if cpu_base > 0 else "inf")
    if server_cpu is not None:
        _line("server_cpu_seconds", f"{server_cpu:.2f}")
    _line("loadavg", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--kind", choices=("volunteers", "services"), default="volunteers")
    parser.add_argument("--runs", type=int, default=1, help="runs, each beside its baseline")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="FILE", help="also save the generated xlsx here")
    parser.add_argument("--profile", action="store_true", help="print the top of a profile")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database", metavar="URL", help="import into this PostgreSQL database")
    where.add_argument("--start-pg", action="store_true", help="a throw-away PostgreSQL 15")
    args = parser.parse_args()
    if args.database and args.runs != 1:
        parser.error("--database URL takes one run: a second would find every row already there")

    server = _pg_server() if args.start_pg else None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            name = "志愿者花名册.xlsx" if args.kind == "volunteers" else "服务台账.xlsx"
            source = folder / name
            start = time.perf_counter()
            if args.kind == "volunteers":
                title, headers = "和平社区志愿者花名册", HEADERS
                rows = roster_rows(args.rows, args.seed)
            else:
                title, headers = "和平社区服务台账", SERVICE_HEADERS
                rows = service_rows(args.rows, args.seed)
            write_xlsx(source, title, headers, rows)
            _line("generate_seconds", f"{time.perf_counter() - start:.2f}")
            _line("file_mb", f"{source.stat().st_size / 1e6:.1f}")
            if args.keep:
                Path(args.keep).write_bytes(source.read_bytes())
            for run in range(args.runs):
                url = args.database
                if server is not None:
                    url = server.create_database()
                try:
                    # A fresh interpreter per run: the pinyin and ID caches start cold,
                    # as in a clerk's import, instead of holding the previous run's names.
                    child = multiprocessing.get_context("spawn").Process(
                        target=_one_run, args=(args, source, folder / f"run{run}", url)
                    )
                    child.start()
                    child.join()
                finally:
                    if server is not None and url:
                        server.drop_database(url)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
