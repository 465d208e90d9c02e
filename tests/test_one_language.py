"""One language at a time: a zh_CN run of every error path shows no English.

The importer, the store's maintenance and the return library raise messages
far from the window that shows them. This test installs the Chinese catalogue
(the .ts as the lead ships it: lupdate over the sources, the pending
translations filled in, compiled with lrelease into a temp folder), runs each
error path for real, and fails on any message that still holds English words.
"""

from __future__ import annotations

import ast
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from zh_catalogue import build_qm, build_ts

from commdesk.domain import i18n

ROOT = Path(__file__).resolve().parents[1]

# Latin words a Chinese message may keep: names of formats, programs and units.
ALLOWED_WORDS = {
    "xlsx", "xls", "xlsb", "xlsm", "ods", "csv", "zip", "xml", "toml", "utf", "gbk", "gb",
    "excel", "wps", "sqlite", "commdesk", "mb", "id", "quick_check", "integrity_check",
}  # fmt: skip
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
_CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b")  # rule codes such as W-SERVICE-HOURS
_IDENTIFIER = re.compile(r"--[a-z][\w-]*|\b[a-z]+(?:_[a-z]+)+\b")  # --map, id_number
# A detail quoted from a library or the system (an OSError, SQLite's verdict) sits in
# full-width brackets inside the Chinese sentence: a value, like a file name.
_QUOTED_DETAIL = re.compile(r"（[^（）\u3400-\u9fff]*(?:（[^（）]*）[^（）\u3400-\u9fff]*)*）")


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .ts updated from the sources and filled from translations/pending, as merged."""
    return build_ts(tmp_path_factory.mktemp("ts"))


@pytest.fixture
def chinese(catalogue: Path) -> Iterator[None]:
    """Route the Qt-free layers' messages through the compiled zh_CN catalogue."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(build_qm(catalogue)))
    i18n.install(translator.translate, "zh_CN")  # i18n falls back to the source text
    yield
    i18n.install(None, "zh_CN")


def english_in(message: str, *values: object) -> list[str]:
    """Latin words left after removing the given values, codes and allowed words."""
    text = message
    for value in sorted((str(v) for v in values), key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z0-9])", " ", text)
    text = _CODE.sub(" ", text)
    text = _IDENTIFIER.sub(" ", text)
    text = _QUOTED_DETAIL.sub(" ", text)
    words = [w for w in _WORD.findall(text) if w.lower() not in ALLOWED_WORDS]
    if not _CJK.search(text):
        return words or [message]
    return words


def test_the_checker_itself() -> None:
    assert english_in("文件 a.xlsx 为空。", "a.xlsx") == []
    assert english_in("服务时长偏长 (W-SERVICE-HOURS)") == []
    assert english_in("The file is empty.") == ["The", "file", "is", "empty"]
    assert english_in("数据库出错：disk full") == ["disk", "full"]
    assert english_in("42") == ["42"]
    assert english_in("CSV 文件格式有误（field larger than field limit (131072)）。") == []
    assert english_in("无法读取（Cannot open it）但 it failed") == ["it", "failed"]


# ------------------------------------------------------------------ file builders
def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _zip(path: Path, entries: dict[str, bytes], **kwargs: Any) -> Path:
    with zipfile.ZipFile(path, "w", **kwargs) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


_WORKBOOK = (
    b'<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_RELS = b'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'


def _raw_xlsx(path: Path, sheet: bytes, **kwargs: Any) -> Path:
    return _zip(
        path,
        {
            "[Content_Types].xml": b"<Types/>",
            "_rels/.rels": b'<Relationships><Relationship Id="rId1" Target="xl/workbook.xml"/>'
            b"</Relationships>",
            "xl/workbook.xml": _WORKBOOK,
            "xl/_rels/workbook.xml.rels": _RELS,
            "xl/worksheets/sheet1.xml": sheet,
        },
        **kwargs,
    )


ROSTER = ["姓名", "性别", "身份证号", "手机号码", "加入日期"]
SHEET_NAMES = ("Sheet", "big", "T", "S")  # names openpyxl, the CSV reader and the builders give


def _import_error_paths(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[Callable[[], Any]]:
    """Each entry makes one file the importer must refuse, and returns its path."""
    from commdesk.importing import guards, readers

    def write(name: str, data: bytes) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    def limited(attr: str, value: int, target: Any = guards) -> Callable[[Path], Path]:
        def apply(path: Path) -> Path:
            monkeypatch.setattr(target, attr, value)
            return path

        return apply

    big_sheet = (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        b'<row r="900000"><c r="Z900000"><v>1</v></c></row></sheetData></worksheet>'
    )
    ods_content = (
        b'<office:document-content><table:table table:name="T">'
        b'<table:table-row table:number-rows-repeated="5000">'
        b'<table:table-cell table:number-columns-repeated="5000" office:value-type="float">'
        b"</table:table-cell></table:table-row></table:table></office:document-content>"
    )
    ods = {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": ods_content,
    }
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    cases: list[Callable[[], Any]] = [
        lambda: tmp / "missing.xlsx",
        lambda: tmp,
        lambda: write("empty.xlsx", b""),
        lambda: limited("MAX_FILE_BYTES", 10)(write("big.csv", b"a,b\n1,2\n")),
        lambda: write("locked.xlsx", ole + "EncryptedPackage".encode("utf-16-le")),
        lambda: write("page.xls", b"<html><table><tr><td>x</td></tr></table></html>"),
        lambda: write("notable.xls", b"<html><body><p>x</p></body></html>"),
        lambda: write("deep.xls", b"<html><body>" + b"<div>" * 500),
        lambda: write("wide.xls", b"<table><tr>" + b'<td colspan="1000">x</td>' * 17),
        lambda: write(  # a page saying GBK but written in UTF-8: a note, in Chinese
            "declared.xls",
            '<meta charset="gbk"><table><tr><td>姓名</td><td>性别</td><td>身份证号</td></tr>'
            "<tr><td>张三</td><td>男</td><td>110105198001010016</td></tr></table>".encode(),
        ),
        lambda: write("photo.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        lambda: write("letter.pdf", b"%PDF-1.4\n" + b"x" * 100),
        lambda: write("broken.xlsx", b"PK\x03\x04" + b"\x00" * 200),
        lambda: _zip(tmp / "book.xlsx", {"xl/workbook.bin": b"x"}),
        lambda: _zip(tmp / "note.xlsx", {"word/document.xml": b"<w/>"}),
        lambda: limited("MAX_ZIP_ENTRIES", 2)(_raw_xlsx(tmp / "parts.xlsx", b"<worksheet/>")),
        lambda: limited("MAX_UNCOMPRESSED", 100)(_raw_xlsx(tmp / "huge.xlsx", b"<w/>" * 100)),
        lambda: limited("RATIO_MIN_BYTES", 1000)(
            _raw_xlsx(
                tmp / "bomb.xlsx",
                b"<worksheet>" + b" " * 200_000 + b"</worksheet>",
                compression=zipfile.ZIP_DEFLATED,
            )
        ),
        lambda: _raw_xlsx(tmp / "wide.xlsx", big_sheet),
        lambda: _zip(tmp / "values.ods", ods),
        lambda: _zip(
            tmp / "nosheet.xlsx",
            {"xl/workbook.xml": _WORKBOOK, "xl/_rels/workbook.xml.rels": _RELS},
        ),
        lambda: write("bad.csv", "姓名,身份证号\n张三,1\n".encode("utf-16-le")[1:] + b"\xff\x00"),
        lambda: write("quote.csv", b'a,"b\n' + b"x" * 200_000),
        lambda: limited("MAX_ROWS", 2, readers)(
            _xlsx(tmp / "rows.xlsx", [ROSTER, *[["张三", "男", "1", "2", "3"]] * 5])
        ),
        lambda: _xlsx(tmp / "blank.xlsx", [[None]]),
        lambda: _xlsx(tmp / "nohead.xlsx", [["甲", "乙"], [1, 2], [3, 4]]),
        lambda: _xlsx(tmp / "noid.xlsx", [["姓名", "手机号码"], ["张三", "13800138000"]]),
        lambda: _xlsx(tmp / "header_only.xlsx", [ROSTER]),
    ]
    return cases


def test_importer_refusals_are_chinese(
    chinese: None, store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from commdesk.importing import ImportFileError, plan_import

    english = []
    refused = 0
    for make in _import_error_paths(tmp_path, monkeypatch):
        path = make()
        try:
            plan = plan_import(store, "volunteers", path)
        except ImportFileError as exc:
            refused += 1
            if found := english_in(str(exc), path.name, path, tmp_path, *SHEET_NAMES):
                english.append(f"{path.name}: {exc} -> {found}")
        else:
            messages = [*plan.notes, *(why for _, why in plan.ignored_rows)]
            for message in messages:
                if found := english_in(message, path.name, *SHEET_NAMES):
                    english.append(f"{path.name}: {message} -> {found}")
        finally:
            monkeypatch.undo()  # the limits lowered for this case only
    print("\n".join(english))
    assert english == []
    assert refused >= 20


def test_row_validation_and_report_are_chinese(chinese: None, store: Any, tmp_path: Path) -> None:
    """Rejected rows, warnings and notes of a messy roster; the report's 原因 column too."""
    from openpyxl import load_workbook

    from commdesk.importing import plan_import
    from commdesk.importing.report import write_report

    rows = [
        ["花名册", None, None, None, None],
        [*ROSTER, "备注"],
        ["张三", "男", 110105198001010016.0, "1380013800", "2026-13-45", "x"],
        ["李四", "未知", "110105198001010017", "13800138000", "昨天", None],
        ["王五", "女", "11010519491231002X", "138-0013-8000", "1890-01-01", None],
        [None, "女", "110105199005060138", "13800138000", "2020-01-01", None],
        ["赵六", "男", "110105198001010016", "13800138000", "2020-01-01", None],
        ["赵六", "男", "110105198001010016", "13800138000", "2020-01-01", None],
        ["钱七", "男", "990105198001010016", "13800138000", "2090-01-01", None],
        ["合计", None, None, None, None, None],
    ]
    source = _xlsx(tmp_path / "roster.xlsx", rows)
    plan = plan_import(store, "volunteers", source)
    assert plan.rejected, "the messy rows must be rejected"
    messages = [
        *(r.reason for r in plan.rejected),
        *(r.reason for r in plan.skipped),
        *(why for _, why in plan.warnings),
        *(why for _, why in plan.ignored_rows),
        *plan.notes,
    ]
    report = write_report(plan, tmp_path / "report.xlsx")
    assert report is not None
    sheet = load_workbook(report).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    messages += [str(header[-1]), str(header[0])]
    messages += [str(row[-1]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    english = [f"{m} -> {w}" for m in messages if (w := english_in(m, *ROSTER, "备注"))]
    assert english == []


def test_cli_speaks_chinese_on_a_chinese_locale(data_dir: Path, tmp_path: Path) -> None:
    """Through the installed console script with LANG=zh_CN.UTF-8: the one-line reasons."""
    import os

    script = Path(sys.executable).with_name("commdesk")
    assert script.is_file()
    notes = tmp_path / "notes.sqlite"
    notes.write_text("hello")
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}
    for argv in (["restore", str(notes)], ["backup", "--out", str(notes / "x.sqlite")]):
        done = subprocess.run(
            [str(script), "--data-dir", str(data_dir), *argv],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        message = done.stderr.strip().removeprefix("commdesk:").strip()
        assert english_in(message, notes.name, notes / "x.sqlite", data_dir) == [], message


# ------------------------------------------------------------------ store and library
def _store_error_paths(tmp: Path, data_dir: Path) -> list[Callable[[], Any]]:
    from commdesk.store import lock, maintenance
    from commdesk.store.engine import open_store

    not_db = tmp / "notes.sqlite"
    not_db.write_text("hello")
    foreign = tmp / "foreign.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    newer = tmp / "newer.sqlite"
    store = open_store(data_dir)
    store.close()
    shutil.copy(data_dir / "commdesk.sqlite", newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    con.commit()
    con.close()
    damaged = tmp / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    empty_dir = tmp / "empty"
    empty_dir.mkdir()
    blocked = tmp / "blocked"
    blocked.write_text("a file where a folder should be")
    bad_data = tmp / "bad-data"
    bad_data.mkdir()
    shutil.copy(not_db, bad_data / "commdesk.sqlite")

    def locked_twice() -> None:
        window = lock.acquire(tmp / "locked", lock.WINDOW)
        try:
            lock.acquire(tmp / "locked", "commdesk export")
        finally:
            window.release()

    def demo_refusals() -> list[str]:
        from commdesk.store.demo import DemoError, generate

        store = open_store(data_dir)
        messages = []
        try:
            for kwargs in ({"kind": "town"}, {"records": -1}, {"division_code": "12"}):
                try:
                    generate(store, **kwargs)  # type: ignore[arg-type]
                except DemoError as exc:
                    messages.append(str(exc))
        finally:
            store.close()
        return messages

    return [
        demo_refusals,
        locked_twice,
        lambda: lock.acquire(blocked / "sub"),
        lambda: maintenance.check_file(tmp / "nothing.sqlite").problems,
        lambda: maintenance.check_file(not_db).problems,
        lambda: [maintenance.check_file(foreign).schema],
        lambda: [maintenance.check_file(newer).schema],
        lambda: maintenance.check_file(damaged).problems,
        lambda: maintenance.validate_backup_file(not_db),
        lambda: maintenance.validate_backup_file(foreign),
        lambda: maintenance.validate_backup_file(newer),
        lambda: maintenance.validate_backup_file(damaged),
        lambda: maintenance.restore(data_dir, foreign),
        lambda: maintenance.backup(empty_dir),
        lambda: maintenance.backup(data_dir, blocked / "x.sqlite"),
        lambda: [maintenance.health(not_db).reason],
        lambda: [maintenance.health(foreign).reason],
        lambda: [maintenance.health(newer).reason],
        lambda: [maintenance.health(damaged).reason],
        lambda: open_store(empty_dir, create=False),
        lambda: open_store(bad_data),
    ]


def _library_error_paths(tmp: Path, data_dir: Path) -> list[Callable[[], Any]]:
    from commdesk.paths import resources_dir
    from commdesk.returns import library
    from commdesk.returns.definition import load_definition

    shipped = sorted((resources_dir() / "returns").glob("*.toml"))[0]
    not_toml = tmp / "county.toml"
    not_toml.write_text("this is = = not toml", encoding="utf-8")
    no_columns = tmp / "county2.toml"
    no_columns.write_text(
        'id = "county-x"\nversion = "1"\ntitle = "县里的表"\n'
        '[[tables]]\ncode = "T1"\nnumber = "表1"\ntitle = "测试"\ncolumns = []\nrows = []\n',
        encoding="utf-8",
    )
    return [
        lambda: library.import_definition(data_dir, no_columns),
        lambda: library.current(data_dir, "no-such-return"),
        lambda: library.import_definition(data_dir, shipped),
        lambda: library.import_definition(data_dir, tmp / "absent.toml"),
        lambda: library.import_definition(data_dir, not_toml),
        lambda: load_definition(tmp / "absent.toml"),
    ]


def _run_all(cases: list[Callable[[], Any]], *values: object) -> tuple[list[str], int]:
    english, seen = [], 0
    for index, case in enumerate(cases):
        try:
            messages = case()
        except Exception as exc:  # each path must raise a message for the clerk
            messages = [str(exc)]
        if not isinstance(messages, list) or not messages:
            continue
        for message in messages:
            seen += 1
            if found := english_in(message, *values):
                english.append(f"case {index}: {message} -> {found}")
    return english, seen


def test_store_errors_are_chinese(chinese: None, tmp_path: Path, data_dir: Path) -> None:
    cases = _store_error_paths(tmp_path, data_dir)
    from commdesk.store.audit import current_user
    from commdesk.store.maintenance import REQUIRED_TABLES

    english, seen = _run_all(cases, tmp_path, data_dir, "nothing.sqlite", "notes.sqlite",
                             "foreign.sqlite", "newer.sqlite", "damaged.sqlite", "x.sqlite",
                             "ffffffffffff", *REQUIRED_TABLES, tmp_path / "empty",
                             tmp_path / "blocked" / "x.sqlite", tmp_path / "blocked" / "sub",
                             tmp_path / "locked", platform.node(), current_user(),
                             "commdesk export", "town")  # fmt: skip
    print("\n".join(english))
    assert english == []
    assert seen >= len(cases) - 1


def test_library_errors_are_chinese(chinese: None, tmp_path: Path, data_dir: Path) -> None:
    from commdesk.paths import resources_dir

    shipped = sorted((resources_dir() / "returns").glob("*.toml"))[0]
    cases = _library_error_paths(tmp_path, data_dir)
    english, seen = _run_all(
        cases, tmp_path, shipped.name, "no-such-return", "community-service", "absent.toml",
        "county.toml", "county2.toml", "T1",
        *re.findall(r"\d+(?:\.\d+)+", shipped.read_text(encoding="utf-8")),
    )  # fmt: skip
    assert english == []
    assert seen == len(cases)


def test_catalogue_sources_are_translated_where_used_through_variables(catalogue: Path) -> None:
    """Every QT_TRANSLATE_NOOP-marked message is in the collected catalogue, translated."""

    translated = {
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(catalogue).getroot().iter("context")
        for m in c.iter("message")
        if m.find("translation").get("type") is None  # type: ignore[union-attr]
    }
    marked, missing = 0, []
    for path in sorted((ROOT / "commdesk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and _called(node) == "QT_TRANSLATE_NOOP"):
                continue
            if path.name == "i18n.py":
                continue
            marked += 1
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if len(args) != 2 or tuple(args) not in translated:
                missing.append(f"{path.name}:{node.lineno} {args}")
    assert missing == []
    assert marked > 0


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if hasattr(func, "id") else getattr(func, "attr", "")
