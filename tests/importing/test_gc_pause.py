"""The collector is paused during an import and always comes back as it was."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from commdesk.importing.gc_pause import gc_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_nested_blocks_and_restored_after() -> None:
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block is still running
    assert gc.isenabled()


def test_restored_after_an_error() -> None:
    with pytest.raises(KeyError), gc_paused():
        raise KeyError("boom")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_imports_on_two_threads() -> None:
    """The first import to end must not turn the collector back on under the other."""
    entered, first_done, states = threading.Event(), threading.Event(), []

    def second() -> None:
        with gc_paused():
            entered.set()
            first_done.wait(5)
            states.append(gc.isenabled())

    thread = threading.Thread(target=second)
    with gc_paused():
        thread.start()
        assert entered.wait(5)
    first_done.set()
    thread.join(5)
    assert states == [False]
    assert gc.isenabled()


def test_what_the_pause_made_is_not_walked_as_young() -> None:
    """The first young collection after an import must not walk every row it still
    holds: they come out of the pause in the oldest generation."""
    with gc_paused():
        rows = [[index] for index in range(100_000)]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(rows[0]) in oldest
    assert id(rows[-1]) in oldest


def test_cycles_made_during_the_pause_are_still_collected() -> None:
    class Node:
        pass

    with gc_paused():
        node = Node()
        node.self = node  # type: ignore[attr-defined]
        alive = len([o for o in gc.get_objects() if isinstance(o, Node)])
    del node
    gc.collect()
    assert alive == 1
    assert not [o for o in gc.get_objects() if isinstance(o, Node)]
