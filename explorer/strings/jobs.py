"""Long work in the shared pool (prefix "jobs."): progress, queue, cancel."""

STRINGS = {
    "jobs.queued": (
        "{label}: waiting for a free worker ({ahead} ahead in the queue)…",
        "{label}：等待空闲的计算线程（前面还有 {ahead} 个任务）…",
    ),
    "jobs.running": ("{label}: {percent}% done {note}", "{label}：已完成 {percent}% {note}"),
    "jobs.cancel": ("Cancel", "取消"),
    "jobs.cancelled": (
        "{label}: cancelled. Nothing was kept; change a setting or start it again.",
        "{label}：已取消，未保留任何结果；可以修改设置或重新开始。",
    ),
    "jobs.again": ("Start again", "重新开始"),
}
