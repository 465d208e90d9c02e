"""Windows: a data folder outside the per-user folders gets a warning in Settings
(issue 16, "private at rest"); one under the user's profile does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commdesk import paths
from commdesk.paths import outside_user_folders
from commdesk.ui.settings_dialog import SettingsDialog

PROFILE = r"C:\Users\李会计"
USER_FOLDERS = (PROFILE, PROFILE + r"\AppData\Local", PROFILE + r"\AppData\Roaming")


@pytest.mark.parametrize(
    "folder",
    [
        PROFILE + r"\AppData\Local\CommDesk",  # the default
        r"c:\users\李会计\Documents\社区台账",  # Windows compares without case
        PROFILE + "/Desktop/数据",  # either separator
        PROFILE,
    ],
)
def test_folders_under_the_user_profile_are_private(folder: str) -> None:
    assert not outside_user_folders(folder, USER_FOLDERS)


@pytest.mark.parametrize(
    "folder",
    [
        r"D:\CommDesk",
        r"C:\CommDesk",
        r"C:\Users\Public\CommDesk",
        r"C:\Users\李会计2\CommDesk",  # a name that only starts like the profile
        r"\\town-server\share\CommDesk",
        r"C:\ProgramData\CommDesk",
    ],
)
def test_folders_elsewhere_are_not(folder: str) -> None:
    assert outside_user_folders(folder, USER_FOLDERS)


def test_no_profile_known_means_a_warning() -> None:
    assert outside_user_folders(PROFILE + r"\CommDesk", ("", ""))


@pytest.mark.parametrize("inside", [True, False])
def test_settings_shows_the_warning_only_outside(
    qtbot: Any, tmp_path: Path, monkeypatch: Any, inside: bool
) -> None:
    monkeypatch.setattr(paths, "WINDOWS", True)
    monkeypatch.setenv("USERPROFILE", str(tmp_path if inside else tmp_path / "other"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.delenv("APPDATA", raising=False)
    dialog = SettingsDialog("zh_CN", 100, tmp_path / "data")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.privacy_warning.isVisible() is not inside
    if not inside:
        assert "outside your Windows user folder" in dialog.privacy_warning.text()
    dialog.close()


def test_never_on_posix(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(paths, "WINDOWS", False)
    monkeypatch.setenv("USERPROFILE", r"C:\Users\x")
    dialog = SettingsDialog("zh_CN", 100, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.privacy_warning.isVisible()
