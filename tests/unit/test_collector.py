"""The garbage-collector pause around the edge's snapshot build."""

from __future__ import annotations

import gc

import pytest

from services.runtime.collector import collection_paused


def test_the_collector_is_off_inside_the_block_and_back_on_after_it() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():  # nested: the inner block does not resume it early
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError("the build failed")
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
