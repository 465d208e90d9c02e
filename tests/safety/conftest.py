"""One fork server for the whole safety folder (imports once, forks per child)."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

CHILDREN = [
    "child_writer",
    "child_import",
    "child_bulk",
    "child_export",
    "child_disk",
    "child_lock",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Start the slow no-network runs early only when their test is selected."""
    config.stash[_NETWORK] = any(
        item.nodeid.endswith("test_self_test_and_full_cycle_open_no_socket") for item in items
    )


_NETWORK = pytest.StashKey[bool]()


@pytest.fixture(scope="session", autouse=True)
def network_runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[object]:
    """The self-test and demo → import → export cycle, running behind the other tests."""
    if sys.platform == "win32" or not request.config.stash.get(_NETWORK, False):
        yield None
        return
    from network_cycle import NetworkRuns

    runs = NetworkRuns(tmp_path_factory.mktemp("network")).start()
    yield runs
    runs.stop()


@pytest.fixture(scope="session")
def zygote() -> Iterator[object]:
    if sys.platform == "win32":
        pytest.skip("fork and SIGKILL are POSIX")
    from safety_helpers import Zygote

    z = Zygote(CHILDREN)
    yield z
    z.close()


@pytest.fixture
def ctx(qapp: object, store_with_profile: object) -> Iterator[object]:
    """A UiContext on a temp store with a profile (Field labels in Chinese)."""
    from commdesk.domain import i18n
    from commdesk.ui.context import UiContext

    i18n.install(None, "zh_CN")
    context = UiContext.create(store_with_profile)  # type: ignore[arg-type]
    yield context
    context.clear_undo()


@pytest.fixture
def fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer PBKDF2 rounds where the test is about behaviour, not the hash's strength.

    The iteration count is stored with each hash, so checking stays consistent;
    test_privacy checks the real count separately.
    """
    from commdesk.store import privacy

    monkeypatch.setattr(privacy, "ITERATIONS", 1000)
