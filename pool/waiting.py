"""How long a job waits in the shared pool's queue, from the pool's measured rate.

`queue_wait(ahead, durations, workers)`: with `workers` jobs running side by side, a place frees
up every `mean(durations) / workers` seconds on average (`durations`: how long the recently
finished jobs ran), and a job with `ahead` jobs before it starts once `ahead + 1` places have
freed up. No finished job yet: nothing measured, no number (None).
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer import i18n


def queue_wait(ahead: int, durations: Sequence[float], workers: int) -> float | None:
    """Seconds until a queued job with `ahead` jobs before it starts, or None (nothing measured)."""
    if not durations:
        return None
    return (max(int(ahead), 0) + 1) * (sum(durations) / len(durations)) / max(int(workers), 1)


def wait_words(seconds: float, lang: str) -> str:
    """'about 40 s', 'about 3 min' (约 40 秒, 约 3 分钟): rounded up to 5 s, or to a minute
    past 90 s."""
    if seconds > 90:
        return i18n.t("jobs.wait.minutes", lang, n=-(-int(seconds) // 60))
    return i18n.t("jobs.wait.seconds", lang, n=max(5 * -(-int(seconds) // 5), 5))


def queued_text(label: str, ahead: int, wait: float | None, lang: str) -> str:
    """The queue message: how many jobs are ahead and, once measured, how long the wait is."""
    if wait is None:
        return i18n.t("jobs.queued", lang, label=label, ahead=ahead)
    return i18n.t("jobs.queued.wait", lang, label=label, ahead=ahead, wait=wait_words(wait, lang))
