"""Presenter mode and the frame's layout (ui/present.py)."""

STRINGS = {
    "pr.exit": ("Exit presenter mode", "退出演示模式"),
    "pr.exit.help": (
        "Back to the normal page: sidebar, usual font sizes, controls shown.",
        "回到普通页面：显示侧边栏、常规字号和控件。",
    ),
    "pr.controls": ("Controls", "控件"),
    "pr.keys": (
        "← / → step the chart's slider.",
        "← / → 逐步移动图表的滑块。",
    ),
}
