"""Gate inspector: training in the shared job pool (prefix "gt.job.")."""

STRINGS = {
    "gt.job.training": (
        "Training the {kind} on next-step prediction ({epochs} epochs)",
        "正在用“预测下一步”训练 {kind}（{epochs} 轮）",
    ),
}
