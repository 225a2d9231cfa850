"""Long work in the shared pool (prefix "jobs."): progress, queue, cancel."""

STRINGS = {
    "jobs.queued": (
        "{label}: waiting for a free worker ({ahead} ahead in the queue)…",
        "{label}：等待空闲的计算线程（前面还有 {ahead} 个任务）…",
    ),
    "jobs.queued.wait": (
        "{label}: waiting for a free worker ({ahead} ahead in the queue; starts in {wait})…",
        "{label}：等待空闲的计算线程（前面还有 {ahead} 个任务，{wait}后开始）…",
    ),
    "jobs.wait.seconds": ("about {n} s", "约 {n} 秒"),
    "jobs.wait.minutes": ("about {n} min", "约 {n} 分钟"),
    "jobs.running": ("{label}: {percent}% done {note}", "{label}：已完成 {percent}% {note}"),
    "jobs.cancel": ("Cancel", "取消"),
    "jobs.cancelled": (
        "{label}: cancelled. Nothing was kept; change a setting or start it again.",
        "{label}：已取消，未保留任何结果；可以修改设置或重新开始。",
    ),
    "jobs.again": ("Start again", "重新开始"),
    "jobs.finished_first": (
        "{label}: finished before Cancel: here is its result.",
        "{label}：在取消之前已经完成，下面是它的结果。",
    ),
}
