"""Screenshots of the real app (Chinese and English) on the clerk's 1366×768 screen.

Run under Xvfb for real fonts and window decorations-free rendering; the
screen's size is the window sizes' limit, as on the clerk's laptop:
    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshots.py
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1920x1080x24" \
        python scripts/screenshots.py --only zh --out /tmp/shots-150
Writes <out>/<lang>-<view>.png (default docs/screenshots) from a temporary
data folder: the ledger pages, every entry form, profile, settings, wizard.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PROFILE = {
    "name": "幸福社区居民委员会",
    "kind": "urban",
    "division_code": "110105001001",
    "township_name": "朝外街道",
    "households": 1000,
    "resident_population": 2600,
    "registered_population": 2400,
    "committee_members": 7,
    "secretary_is_director": True,
    "unit_head": "王建国",
    "statistics_head": "李明",
    "preparer": "张丽",
    "phone": "010-65001234",
}
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "欧阳旭", "杨磊", "赵敏", "黄强", "周婷"]


def _id(seed: int) -> str:
    first17 = f"11010519{60 + seed % 30:02d}0{1 + seed % 9}1{seed % 10}{(seed * 7) % 1000:03d}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return first17 + ("X" if value == 10 else str(value))


def populate(store: object) -> None:
    from commdesk.store.services.facilities import facilities
    from commdesk.store.services.profile import save_profile
    from commdesk.store.services.service_records import service_records
    from commdesk.store.services.volunteers import teams, volunteers
    from commdesk.store.services.workers import workers

    save_profile(store, PROFILE)
    team = teams.add(store, {"name": "幸福邻里志愿服务队", "leader": "王芳"})
    vids = [
        volunteers.add(
            store,
            {"name": n, "id_number": _id(i), "mobile": f"1391234{i:04d}", "team_id": team,
             "political_status_code": "CPC" if i % 3 == 0 else "MASS", "skills": "理发 维修",
             "joined_date": date(2023, 1 + i % 12, 1)},
        )
        for i, n in enumerate(NAMES)
    ]  # fmt: skip
    categories = ["WM01", "WM03", "BM01", "AM02", "WM08", "ZY01"]
    groups = ["ELD", "DIS", "GEN", "GEN", "MIN", "GEN"]
    texts = [
        "探访独居老人",
        "助残康复陪护",
        "代办社保认证",
        "调解邻里纠纷",
        "亲子阅读活动",
        "社区环境清洁",
    ]
    for i in range(36):
        k = i % 6
        service_records.add(
            store,
            {"service_date": date.today() - timedelta(days=i * 3), "category_code": categories[k],
             "target_group_code": groups[k], "people_served": 1 + (i * 7) % 15,
             "hours": 1 + (i % 4) * 0.5, "provider_kind_code": "VOL" if k in (0, 5) else "STAFF",
             "channel_code": "HOME" if k in (0, 1) else "SITE", "place": "党群服务中心",
             "description": texts[k], "volunteers": vids[k : k + 2] if k in (0, 5) else []},
        )  # fmt: skip
    facilities.add(
        store,
        {"name": "幸福社区党群服务中心", "type_code": "F01", "floor_area": 650,
         "activity_area": 420, "year_opened": 2016, "barrier_free": True,
         "self_service_terminal": True, "address": "朝外大街 12 号"},
    )  # fmt: skip
    facilities.add(
        store,
        {"name": "日间照料中心", "type_code": "F02", "floor_area": 300, "activity_area": 240,
         "year_opened": 2020, "address": "朝外大街 14 号"},
    )  # fmt: skip
    for i, (name, pos) in enumerate([("王建国", "SEC"), ("李明", "MEM"), ("张丽", "PRO")]):
        workers.add(store, {"name": name, "id_number": _id(40 + i), "position_codes": (pos,),
                            "is_committee_member": pos != "PRO", "education_code": "BA",
                            "employed_since": date(2018 + i, 3, 1)})  # fmt: skip


def grab(widget: QWidget, name: Path) -> None:
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
    path = name.with_name(name.name + ".png")
    widget.grab().save(str(path))
    print("wrote", path)


def grab_form(dialog: QWidget, name: Path) -> None:
    """An entry form as it opens, sized by the screen; it is closed without asking."""
    grab(dialog, name)
    dialog.form.dirty = False
    dialog.close()


def grab_forms(window: QWidget, out: Path, tag: str) -> None:
    pages = window.ledger_pages
    window.show_page("services")
    dialog = pages["services"].new_record()
    dialog.form.editors["hours"].setText("-2")
    grab_form(dialog, out / f"{tag}-service-form")
    for key, view in (("facilities", "facility"), ("workers", "worker"), ("teams", "team")):
        window.show_page("volunteers" if key == "teams" else key)
        if key == "teams":
            window.people_tabs.setCurrentWidget(pages[key])
        pages[key].table.selectRow(0)
        dialog = pages[key].edit_current()
        if dialog is not None:
            grab_form(dialog, out / f"{tag}-{view}-form")
    window.people_tabs.setCurrentIndex(0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", choices=("zh", "en", "zh-150"), help="one language / font-size run only"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    from commdesk.store.engine import open_store
    from commdesk.ui.profile import ProfileWizard
    from commdesk.ui.shell import Shell
    from commdesk.ui.theme import apply_style
    from commdesk.ui.translations import Translators

    screen = app.primaryScreen().availableGeometry()
    print(f"screen {screen.width()}x{screen.height()}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        blank = open_store(Path(tmp) / "blank")
        store = open_store(Path(tmp) / "data")
        populate(store)
        translators = Translators()
        for lang, scale in (("zh_CN", 100), ("en", 100), ("zh_CN", 150)):
            tag = lang.split("_")[0] + ("" if scale == 100 else f"-{scale}")
            if args.only and args.only != tag:
                continue
            translators.apply(lang)
            apply_style(app, scale)
            wizard = ProfileWizard(Shell(blank, translators).ctx)
            wizard.show()
            grab(wizard, args.out / f"{tag}-wizard")
            wizard.hide()  # close() would ask "Quit CommDesk?"
            wizard.deleteLater()
            shell = Shell(store, translators)
            window = shell.open_main_window()  # its default size, from the screen
            window.show_page("services")
            grab(window, args.out / f"{tag}-services")
            grab_forms(window, args.out, tag)
            window.show_page("volunteers")
            grab(window, args.out / f"{tag}-volunteers")
            page = window.ledger_pages["volunteers"]
            page.table.selectRow(0)
            vdialog = page.edit_current()
            if vdialog is not None:
                grab_form(vdialog, args.out / f"{tag}-volunteer-form")
            window.show_page("profile")
            grab(window, args.out / f"{tag}-profile")
            window.show_page("overview")
            window.overview_page.wait()
            grab(window, args.out / f"{tag}-overview")
            settings = shell.open_settings()
            grab(settings, args.out / f"{tag}-settings")
            settings.reject()
            shell.dispose()
        blank.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
