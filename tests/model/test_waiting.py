"""The queue message's wait (pool.waiting): from the recently finished jobs' durations and the
number of workers, in both languages; no number before anything was measured."""

import pytest

from pool import waiting


def test_the_wait_is_the_places_to_free_up_times_the_measured_rate():
    # 2 workers, jobs of 10 s on average: a place frees up every 5 s; with 5 ahead, the 6th
    # place to free up is this job's, after 30 s.
    assert waiting.queue_wait(5, [10.0, 12.0, 8.0], workers=2) == pytest.approx(30.0)
    assert waiting.queue_wait(0, [10.0], workers=2) == pytest.approx(5.0)  # next in line
    more_workers = waiting.queue_wait(5, [10.0, 12.0, 8.0], workers=4)
    slower_jobs = waiting.queue_wait(5, [20.0, 24.0, 16.0], workers=2)
    assert more_workers < 30.0 < slower_jobs  # the number follows the rate both ways
    assert waiting.queue_wait(5, [], workers=2) is None  # nothing finished yet


def test_the_words_say_seconds_then_minutes():
    assert waiting.wait_words(30.0, "en") == "about 30 s"
    assert waiting.wait_words(31.0, "en") == "about 35 s"  # rounded up: never promised short
    assert waiting.wait_words(0.4, "en") == "about 5 s"
    assert waiting.wait_words(90.0, "en") == "about 90 s"
    assert waiting.wait_words(91.0, "en") == "about 2 min"
    assert waiting.wait_words(300.0, "zh") == "约 5 分钟"
    assert waiting.wait_words(12.0, "zh") == "约 15 秒"


@pytest.mark.parametrize(
    ("lang", "count", "wait"),
    [
        ("en", "3 ahead in the queue", "starts in about 20 s"),
        ("zh", "前面还有 3 个任务", "约 20 秒后开始"),
    ],
)
def test_the_queue_message_says_how_many_and_how_long(lang, count, wait):
    text = waiting.queued_text("Training", 3, waiting.queue_wait(3, [10.0], 2), lang)
    assert count in text and wait in text
    unmeasured = waiting.queued_text("Training", 3, None, lang)
    assert count in unmeasured and wait not in unmeasured
