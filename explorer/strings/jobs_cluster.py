"""The job pool's rules (prefix "jobs2."): one job per student at a time."""

STRINGS = {
    "jobs2.busy": (
        "One job at a time: {label} starts when “{running}” has finished. Wait for it, or cancel it.",
        "每位学生同一时间只能运行一个任务：“{running}”结束后，{label}才会开始。请等待它完成，或取消它。",
    ),
}
