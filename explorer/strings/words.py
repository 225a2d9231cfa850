"""Words and numbers fixed after a classroom trial (`wd.`): what the student reads must say
exactly what was computed."""

STRINGS = {
    # gradient decay: the "what to notice" sentence, one per case
    "wd.gd.notice.explode": (
        "w_rec = {w_rec}: each step back multiplies the gradient by {w_rec}; after {n} steps "
        "it is {factor} times larger. At the output ∂ξ/∂S_n = {first}; at the first step it "
        "is {last}.",
        "w_rec = {w_rec}：每回传一步，梯度乘以 {w_rec}；经过 {n} 步后变为原来的 {factor} 倍"
        "（变大）。输出处 ∂ξ/∂S_n = {first}；第一步处为 {last}。",
    ),
    "wd.gd.notice.vanish": (
        "w_rec = {w_rec}: each step back multiplies the gradient by {w_rec}; after {n} steps "
        "it is multiplied by {factor}, that is {shrink} times smaller. At the output "
        "∂ξ/∂S_n = {first}; at the first step it is {last}.",
        "w_rec = {w_rec}：每回传一步，梯度乘以 {w_rec}；经过 {n} 步后乘以 {factor}，"
        "即缩小为原来的 {shrink} 分之一。输出处 ∂ξ/∂S_n = {first}；第一步处为 {last}。",
    ),
    "wd.gd.notice.underflow": (
        "w_rec = {w_rec}: each step back multiplies the gradient by {w_rec}; after {n} steps "
        "it is smaller than the smallest float64 number and is stored as 0. At the output "
        "∂ξ/∂S_n = {first}; at the first step it is {last}.",
        "w_rec = {w_rec}：每回传一步，梯度乘以 {w_rec}；经过 {n} 步后它比 float64 能表示的"
        "最小数还小，存为 0。输出处 ∂ξ/∂S_n = {first}；第一步处为 {last}。",
    ),
    "wd.gd.notice.constant": (
        "w_rec = {w_rec}: each step back multiplies the gradient by {w_rec}; after {n} steps "
        "it has the same size (×1). At the output ∂ξ/∂S_n = {first}; at the first step it "
        "is {last}.",
        "w_rec = {w_rec}：每回传一步，梯度乘以 {w_rec}；经过 {n} 步后大小不变（×1）。"
        "输出处 ∂ξ/∂S_n = {first}；第一步处为 {last}。",
    ),
    "wd.gd.notice.zero": (
        "w_rec = 0: one step back the gradient is already 0, so no error reaches the earlier "
        "steps. At the output ∂ξ/∂S_n = {first}; at every earlier step it is 0.",
        "w_rec = 0：回传一步后梯度就已经是 0，误差到不了更早的时间步。输出处 ∂ξ/∂S_n = {first}；"
        "更早的每一步都是 0。",
    ),
    "wd.gd.notice.no_error": (
        "At (w_x, w_rec) = ({w_x}, {w_rec}) the network counts the ones exactly: the error at "
        "the output is 0, so ∂ξ/∂S_k is 0 at every step and there is nothing to pass back "
        "(with another w_x, w_rec = {w_rec} would multiply it by {factor} over {n} steps).",
        "在 (w_x, w_rec) = ({w_x}, {w_rec}) 处网络恰好数对了 1 的个数：输出处误差为 0，"
        "所以每一步的 ∂ξ/∂S_k 都是 0，没有东西可以回传（换一个 w_x，w_rec = {w_rec} 会在 "
        "{n} 步中把它乘以 {factor}）。",
    ),
    "wd.gd.snapped": (
        "You typed w_rec = {typed}; the chart moves w_rec in steps of 0.05, so the chart, the "
        "numbers and the text here all use w_rec = {used}.",
        "你输入的 w_rec = {typed}；图中的 w_rec 以 0.05 为步长，因此这里的图、数字和文字都使用 "
        "w_rec = {used}。",
    ),
    # counts: one / many
    "wd.feature.one": ("{n} feature", "{n} 个特征"),
    "wd.feature.many": ("{n} features", "{n} 个特征"),
    "wd.step.one": ("{n} step", "{n} 步"),
    "wd.step.many": ("{n} steps", "{n} 步"),
    "wd.sequence.one": ("{n} sequence", "{n} 条序列"),
    "wd.sequence.many": ("{n} sequences", "{n} 条序列"),
    # loss surface: the guide compares w_rec = 0.5 with w_rec = 2, and says so
    "wd.ls.notice": (
        "ξ at the tutorial's probe point (1, 2) is {xi_12}; at (1, 0.5) it is {xi_105}. Going "
        "from w_rec = 0.5 to w_rec = 2 (4 times larger, across |w_rec| = 1) multiplies the "
        "error by {ratio}. The gradient at the check point ({wx:g}, {wrec:g}) has size {gnorm}.",
        "在教程的示例点 (1, 2) 处 ξ = {xi_12}，在 (1, 0.5) 处为 {xi_105}。w_rec 从 0.5 变到 2"
        "（变为 4 倍，跨过 |w_rec| = 1），误差放大了 {ratio} 倍。检验点 ({wx:g}, {wrec:g}) "
        "处梯度的大小为 {gnorm}。",
    ),
    "wd.ls.notice.zero": (
        "ξ is {xi_12} at the tutorial's probe point (1, 2) and {xi_105} at (1, 0.5): the error "
        "at (1, 0.5) is exactly 0, so there is no ratio to give (with these sequences every 1 "
        "sits at the last step, or there is none, so w_rec never multiplies an input). The "
        "gradient at the check point ({wx:g}, {wrec:g}) has size {gnorm}.",
        "在教程的示例点 (1, 2) 处 ξ = {xi_12}，在 (1, 0.5) 处为 {xi_105}：(1, 0.5) 处误差恰好为 0，"
        "所以没有倍数可言（这些序列中的 1 都在最后一步，或者根本没有 1，w_rec 从不乘到输入上）。"
        "检验点 ({wx:g}, {wrec:g}) 处梯度的大小为 {gnorm}。",
    ),
    # unrolled, gradient flow: what clipping did (the numbers before are without it)
    "wd.un.clip.none": (
        " Clipping at θ = {theta} never acts here: the largest norm, {before}, is already at "
        "most θ.",
        " 在 θ = {theta} 处的梯度裁剪在这里从未起作用：最大范数 {before} 本来就不超过 θ。",
    ),
    "wd.un.clip.cut": (
        " Those are the norms without clipping. Clipping at θ = {theta} rescales every norm "
        "above θ: the largest, {before}, becomes {after}, and ‖∂L/∂h₀‖ = {g0}.",
        " 以上是未裁剪时的范数。在 θ = {theta} 处裁剪会把每个超过 θ 的范数缩放到 θ："
        "最大的 {before} 变为 {after}，‖∂L/∂h₀‖ = {g0}。",
    ),
    "wd.un.clip.cut.vanished": (
        " Those are the norms without clipping. Clipping at θ = {theta} cut the largest norm "
        "from {before} to {after}, but the smallest stays {smallest}: clipping can only "
        "shrink, it cannot bring back a vanished gradient.",
        " 以上是未裁剪时的范数。在 θ = {theta} 处裁剪后，最大范数从 {before} 降到 {after}，"
        "但最小值仍是 {smallest}：梯度裁剪只能缩小梯度，无法挽回已经消失的梯度。",
    ),
}
