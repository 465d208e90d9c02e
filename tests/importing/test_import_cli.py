"""``commdesk import``: exit codes, the exact last line, dry run, report; in a real process too."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from pathlib import Path
from typing import Any

from import_helpers import ID_F_1949, ID_M_1980, dump, run_cli, run_main, xlsx
from openpyxl import load_workbook

from commdesk.importing import cli as import_cli

LAST_LINE = re.compile(r"added=\d+ updated=\d+ skipped=\d+ rejected=\d+ warnings=\d+")


def _count(data_dir: Path, table: str) -> int:
    con = sqlite3.connect(data_dir / "commdesk.sqlite")
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


def _run(data_dir: Path, capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = run_main(data_dir, *argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_subprocess_roster_partial_then_services_ok(data_dir: Path, fixture_copy: Any) -> None:
    roster = fixture_copy("志愿者花名册_2024.xlsx")
    result = run_cli(data_dir, "volunteers", str(roster))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "added=35 updated=0 skipped=0 rejected=5 warnings=28"
    report = data_dir / "reports" / "志愿者花名册_2024_未导入.xlsx"
    assert f"Rejected rows written to: {report}" in result.stdout and report.exists()
    assert sorted(p.name for p in roster.parent.iterdir()) == [roster.name]  # not beside it
    if os.name == "posix":  # full IDs: the folder and the file are this account's alone
        assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert "序号" in result.stdout  # the ignored column is named
    assert "Traceback" not in result.stderr

    services = fixture_copy("服务台账_2025.xlsx")
    done = run_cli(data_dir, "services", str(services))
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.strip().splitlines()[-1]
        == "added=200 updated=0 skipped=0 rejected=0 warnings=0"
    )
    assert _count(data_dir, "service_record") == 200


def test_reimport_skips(data_dir: Path, fixture_copy: Any, capsys: Any) -> None:
    services = fixture_copy("服务台账_2025.xlsx")
    code, out, _ = _run(data_dir, capsys, "services", str(services), "--dry-run")
    assert code == 0
    assert out.strip().splitlines()[-1] == "added=200 updated=0 skipped=0 rejected=0 warnings=0"
    assert _count(data_dir, "service_record") == 0
    assert _run(data_dir, capsys, "services", str(services))[0] == 0
    code, out, _ = _run(data_dir, capsys, "services", str(services))
    assert code == 0
    assert out.strip().splitlines()[-1] == "added=0 updated=0 skipped=200 rejected=0 warnings=0"
    assert _count(data_dir, "service_record") == 200


def test_subprocess_bad_file_one_line(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook at all")
    result = run_cli(data_dir, "volunteers", str(bad))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_file(data_dir: Path, tmp_path: Path, capsys: Any) -> None:
    code, out, err = _run(data_dir, capsys, "volunteers", str(tmp_path / "missing.xlsx"))
    assert code == 2 and "not found" in err and out == ""


def test_dry_run_writes_nothing(data_dir: Path, fixture_copy: Any, capsys: Any) -> None:
    run_main(data_dir, "workers", str(fixture_copy("社区工作者.csv")))
    capsys.readouterr()
    before = dump(data_dir / "commdesk.sqlite")
    roster = fixture_copy("roster.xlsx")
    code, out, _ = _run(data_dir, capsys, "volunteers", str(roster), "--dry-run", "--map", "序号=")
    assert code == 1
    assert out.strip().splitlines()[-1] == "added=8 updated=0 skipped=1 rejected=2 warnings=0"
    assert "Dry run" in out
    assert f"would be written to {data_dir / 'reports' / 'roster_未导入.xlsx'}" in out
    assert not (data_dir / "reports").exists()
    assert not roster.with_name("roster_未导入.xlsx").exists()
    assert dump(data_dir / "commdesk.sqlite") == before


def test_all_rejected_exit_2(data_dir: Path, tmp_path: Path, capsys: Any) -> None:
    path = xlsx(tmp_path / "v.xlsx", [["姓名", "身份证号"], ["甲", "123"], ["乙", 4.2e17]])
    report = tmp_path / "out" / "errors.xlsx"
    code, out, err = _run(data_dir, capsys, "volunteers", str(path), "--report", str(report))
    assert code == 2
    assert LAST_LINE.fullmatch(out.strip().splitlines()[-1])
    assert len(err.strip().splitlines()) == 1
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert rows[0] == ("Row", "姓名", "身份证号", "Reason")  # the UI language, as the reasons
    assert rows[2][:3] == (3, "乙", "4.2E+17")  # as Excel shows it, as text
    assert "lost its last digits" in rows[2][3]


def test_header_only_exit_2(data_dir: Path, tmp_path: Path, capsys: Any) -> None:
    path = xlsx(tmp_path / "v.xlsx", [["姓名", "身份证号"]])
    code, out, err = _run(data_dir, capsys, "volunteers", str(path))
    assert code == 2 and "No data rows" in err
    assert out.strip().splitlines()[-1] == "added=0 updated=0 skipped=0 rejected=0 warnings=0"


def test_map_sheet_and_update(data_dir: Path, tmp_path: Path, capsys: Any) -> None:
    first = xlsx(tmp_path / "a.xlsx", [["人员", "号码"], ["张三", ID_M_1980]], title="名单")
    code, out, err = _run(
        data_dir, capsys, "volunteers", str(first), "--map", "人员=name", "--map", "号码=id_number",
        "--sheet", "名单",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip().splitlines()[-1] == "added=1 updated=0 skipped=0 rejected=0 warnings=0"
    second = xlsx(
        tmp_path / "b.xlsx", [["人员", "号码"], ["张三丰", ID_M_1980], ["李四", ID_F_1949]]
    )
    code, out, _ = _run(data_dir, capsys, "volunteers", str(second), "--update-duplicates")
    assert code == 0  # the remembered mapping is used without --map
    assert out.strip().splitlines()[-1] == "added=1 updated=1 skipped=0 rejected=0 warnings=0"
    code, _, err = _run(data_dir, capsys, "volunteers", str(second), "--sheet", "nope")
    assert code == 2 and "No sheet named" in err


def test_report_cells_are_text(tmp_path: Path, store: Any) -> None:
    """IDs and phones as text; formula-looking text stays text; written via a temp name."""
    from commdesk.importing import default_report_path, plan_import, write_report

    path = xlsx(
        tmp_path / "v.xlsx",
        [
            ["姓名", "身份证号", "手机", "备注"],
            ["+甲", 110105198001010017, 13800138000, "@home"],
            ["-乙", "110105198001010017", "1380013800", "-1"],
        ],
    )
    plan = plan_import(store, "volunteers", path)
    report = write_report(plan, default_report_path(store.data_dir, path))
    assert report == store.data_dir / "reports" / "v_未导入.xlsx"
    assert [p.name for p in report.parent.iterdir() if p.name.startswith(".")] == []
    ws = load_workbook(report).active
    for row in (2, 3):
        for col in range(2, 6):
            cell = ws.cell(row=row, column=col)
            assert cell.data_type == "s", (row, col, cell.value)
    assert ws.cell(row=2, column=4).value == "13800138000"
    assert ws.cell(row=2, column=4).number_format == "@"


def test_cli_kind_names_match_kinds() -> None:
    from commdesk.importing.kinds import KINDS

    assert set(import_cli.KIND_NAMES) == set(KINDS)


def test_bad_kind_is_refused_by_the_parser(data_dir: Path, fixture_copy: Any) -> None:
    from console_script import assert_refused

    line = assert_refused(run_cli(data_dir, "people", str(fixture_copy("社区工作者.csv"))))
    assert "invalid choice" in line and "volunteers" in line


def test_rows_are_numbered_as_the_sheet_numbers_them_below_blank_rows(
    data_dir: Path, tmp_path: Path
) -> None:
    """A table that starts at B3 (a title left out, two blank rows): a rejected row is
    named by the row number the clerk sees in the spreadsheet program."""
    path = xlsx(
        tmp_path / "花名册.xlsx",
        [
            [],
            [],
            [None, "姓名", "身份证号", "联系电话"],
            [None, "张三", ID_M_1980, "13800138000"],
            [None, "李四", "11010519490101001X", "13800138001"],  # wrong check digit
        ],
    )
    result = run_cli(data_dir, "volunteers", str(path))
    assert result.returncode == 1, result.stderr
    assert "row 5: 身份证号" in result.stdout, result.stdout
    assert "row 7" not in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("added=1 ")
