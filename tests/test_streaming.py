import gc

import pytest

from actorstance.streaming import YOUNG_THRESHOLD, streaming_gc


def test_streaming_gc_collects_less_often_and_restores_the_settings():
    before = gc.get_threshold()
    with streaming_gc():
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()  # cycles are still collected
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_streaming_gc_restores_the_settings_after_an_error():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), streaming_gc():
        raise RuntimeError("boom")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
