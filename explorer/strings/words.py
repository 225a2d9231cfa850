"""Words and numbers fixed after a classroom trial (`wd.`): what the student reads must say
exactly what was computed."""

STRINGS = {
    # gradient decay: the "what to notice" sentence, one per case
    "wd.gd.notice.explode": (
        "w_rec = {w_rec}: each step back multiplies the gradient by {w_rec}; after {n} steps "
        "it is {factor} times larger. At the output ∂ξ/∂S_n = {first}; at the first step it "
        "is {last}.",
        "w_rec = {w_rec}:每回传一步,梯度乘以 {w_rec};经过 {n} 步后变为原来的 {factor} 倍"
        "(变大)。输出处 ∂ξ/∂S_n = {first};第一步处为 {last}。",
    ),
    "wd.gd.notice.vanish": (
        "w_rec = {w_rec}: each step back multiplies the gradient by {w_rec}; after {n} steps "
        "it is multiplied by {factor}, that is {shrink} times smaller. At the output "
        "∂ξ/∂S_n = {first}; at the first step it is {last}.",
        "w_rec = {w_rec}:每回传一步,梯度乘以 {w_rec};经过 {n} 步后乘以 {factor},"
        "即缩小为原来的 {shrink} 分之一。输出处 ∂ξ/∂S_n = {first};第一步处为 {last}。",
    ),
    "wd.gd.notice.underflow": (
        "w_rec = {w_rec}: each step back multiplies the gradient by {w_rec}; after {n} steps "
        "it is smaller than the smallest float64 number and is stored as 0. At the output "
        "∂ξ/∂S_n = {first}; at the first step it is {last}.",
        "w_rec = {w_rec}:每回传一步,梯度乘以 {w_rec};经过 {n} 步后它比 float64 能表示的"
        "最小数还小,存为 0。输出处 ∂ξ/∂S_n = {first};第一步处为 {last}。",
    ),
    "wd.gd.notice.constant": (
        "w_rec = {w_rec}: each step back multiplies the gradient by {w_rec}; after {n} steps "
        "it has the same size (×1). At the output ∂ξ/∂S_n = {first}; at the first step it "
        "is {last}.",
        "w_rec = {w_rec}:每回传一步,梯度乘以 {w_rec};经过 {n} 步后大小不变(×1)。"
        "输出处 ∂ξ/∂S_n = {first};第一步处为 {last}。",
    ),
    "wd.gd.notice.zero": (
        "w_rec = 0: one step back the gradient is already 0, so no error reaches the earlier "
        "steps. At the output ∂ξ/∂S_n = {first}; at every earlier step it is 0.",
        "w_rec = 0:回传一步后梯度就已经是 0,误差到不了更早的时间步。输出处 ∂ξ/∂S_n = {first};"
        "更早的每一步都是 0。",
    ),
    "wd.gd.notice.no_error": (
        "At (w_x, w_rec) = ({w_x}, {w_rec}) the network counts the ones exactly: the error at "
        "the output is 0, so ∂ξ/∂S_k is 0 at every step and there is nothing to pass back "
        "(with another w_x, w_rec = {w_rec} would multiply it by {factor} over {n} steps).",
        "在 (w_x, w_rec) = ({w_x}, {w_rec}) 处网络恰好数对了 1 的个数:输出处误差为 0,"
        "所以每一步的 ∂ξ/∂S_k 都是 0,没有东西可以回传(换一个 w_x,w_rec = {w_rec} 会在 "
        "{n} 步中把它乘以 {factor})。",
    ),
    "wd.gd.snapped": (
        "You typed w_rec = {typed}; the chart moves w_rec in steps of 0.05, so the chart, the "
        "numbers and the text here all use w_rec = {used}.",
        "你输入的 w_rec = {typed};图中的 w_rec 以 0.05 为步长,因此这里的图、数字和文字都使用 "
        "w_rec = {used}。",
    ),
    # counts: one / many
    "wd.feature.one": ("{n} feature", "{n} 个特征"),
    "wd.feature.many": ("{n} features", "{n} 个特征"),
    "wd.sequence.one": ("{n} sequence", "{n} 条序列"),
    "wd.sequence.many": ("{n} sequences", "{n} 条序列"),
}
