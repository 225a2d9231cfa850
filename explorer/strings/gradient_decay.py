"""Gradient decay page (`gd.`)."""

STRINGS = {
    "gd.title": ("Gradient decay through time", "梯度随时间的衰减"),
    "gd.intro": (
        "Backpropagation through time multiplies the error by $w_{rec}$ at every step back: "
        "$\\partial\\xi/\\partial S_{k-m} = \\partial\\xi/\\partial S_k \\cdot w_{rec}^{m}$. "
        "Drag the **w_rec slider under the chart**: the black curve follows while you drag.",
        "随时间反向传播时，每向前回传一步，误差就乘以一次 $w_{rec}$："
        "$\\partial\\xi/\\partial S_{k-m} = \\partial\\xi/\\partial S_k \\cdot w_{rec}^{m}$。"
        "拖动**图下方的 w_rec 滑块**：黑色曲线会随着拖动实时变化。",
    ),
    "gd.w_x": ("w_x of your curve", "你的曲线的 w_x"),
    "gd.w_rec": ("w_rec to start from", "起始 w_rec"),
    "gd.w_rec.help": (
        "Sets the chart's slider. The slider under the chart moves w_rec in the browser while "
        "you drag, from -3 to 3 in steps of 0.05.",
        "设置图中滑块的初始位置。图下方的滑块在浏览器中随拖动实时改变 w_rec，范围 -3 到 3，步长 0.05。",
    ),
    "gd.seq_len": ("Sequence length n", "序列长度 n"),
    "gd.points": ("The tutorial's probe points (w_x, w_rec)", "教程中的示例点 (w_x, w_rec)"),
    "gd.figure.title": (
        "Instability of the gradient in backpropagation (backpropagate from left to right)",
        "反向传播中梯度的不稳定性（从左向右反向传播）",
    ),
    "gd.axis.k": ("timestep k", "时间步 k"),
    "gd.axis.y": (
        "y axis (scaled to your curve): {lo} … {hi}",
        "纵轴（按你的曲线缩放）：{lo} … {hi}",
    ),
    "gd.axis.hidden": (
        "; curves far off this scale are hidden (grey in the legend)",
        "；远超此刻度的曲线已隐藏（图例中为灰色）",
    ),
    "gd.user_curve": ("yours ({w_x}, {w_rec})", "你的 ({w_x}, {w_rec})"),
    "gd.regime.explode": (
        "w_rec = {w_rec}: |w_rec| > 1, the gradient explodes",
        "w_rec = {w_rec}：|w_rec| > 1，梯度爆炸",
    ),
    "gd.regime.vanish": (
        "w_rec = {w_rec}: |w_rec| < 1, the gradient vanishes",
        "w_rec = {w_rec}：|w_rec| < 1，梯度消失",
    ),
    "gd.regime.constant": (
        "w_rec = {w_rec}: |w_rec| = 1, the gradient stays constant",
        "w_rec = {w_rec}：|w_rec| = 1，梯度保持不变",
    ),
    "gd.regime.zero": (
        "w_rec = {w_rec}: the gradient is 0 one step back",
        "w_rec = {w_rec}：回传一步后梯度即为 0",
    ),
    "gd.regime.oscillates": (
        " and oscillates in sign (w_rec < 0)",
        "，并且正负交替振荡（w_rec < 0）",
    ),
    "gd.regime.factor": (
        "; after n = {n} steps: ×{factor}",
        "；经过 n = {n} 步：×{factor}",
    ),
    "gd.metric.factor": ("|w_rec|ⁿ after n steps", "n 步后的 |w_rec|ⁿ"),
    "gd.metric.first": ("∂ξ/∂S_n (at the output)", "∂ξ/∂S_n（输出处）"),
    "gd.metric.last": ("∂ξ/∂S_0 (n steps back)", "∂ξ/∂S_0（回传 n 步）"),
    "gd.seed_note": (
        "Curves are Σ over the 20 tutorial sequences (seed 1, as the tutorial's source) of "
        "∂ξ/∂S_k. The tutorial's own "
        "plot broadcasts the summed output gradient to every sequence before summing again, so "
        "its curves are 20× these; the shapes are identical.",
        "曲线是教程中 20 条序列（种子 1，与教程原作相同）的 ∂ξ/∂S_k 之和。教程自己的图先把输出梯度求和、"
        "再广播到每条序列后又求和一次，所以它的曲线是这里的 20 倍；形状完全相同。",
    ),
    "gd.no_points": (
        "No probe point selected: only your curve is drawn.",
        "未选择示例点：只画出你的曲线。",
    ),
    "gd.guide.try": (
        "Drag w_rec slowly from 0.9 to 1.1 and watch the curve tilt from falling to rising. "
        "Then set n = 100: how small is the gradient at w_rec = 0.9 after 100 steps? Could the "
        "network still learn from the first inputs?",
        "把 w_rec 从 0.9 慢慢拖到 1.1，看曲线如何从下降变为上升。然后把 n 设为 100："
        "w_rec = 0.9 时回传 100 步后梯度有多小？网络还能从最前面的输入中学到东西吗？",
    ),
}
