"""Loss surface page (`ls.`)."""

from explorer.cells.linear_rnn_torch import IMPORT_SECONDS

STRINGS = {
    "ls.title": ("Loss surface of the counting-ones RNN", "“数 1”循环神经网络的损失曲面"),
    "ls.intro": (
        "A one-unit linear RNN reads a sequence of 0s and 1s: $S_k = w_x X_k + w_{rec} S_{k-1}$, "
        "and its answer is the last state $y = S_n$. It counts perfectly at $w_x = w_{rec} = 1$. "
        "The colour is the mean squared error $\\xi$ over the data set, on a log scale.",
        "一个单神经元的线性循环神经网络读入一串 0 和 1：$S_k = w_x X_k + w_{rec} S_{k-1}$，"
        "最后一个状态 $y = S_n$ 就是它的输出。当 $w_x = w_{rec} = 1$ 时它能完美地数出 1 的个数。"
        "颜色表示数据集上的均方误差 $\\xi$（对数刻度）。",
    ),
    "ls.controls": ("Data and grid", "数据与网格"),
    "ls.view": ("Range", "范围"),
    "ls.view.both": ("Overview and the tutorial's zoom", "全景与教程中的放大图"),
    "ls.view.overview": ("Overview [-3, 3]²", "全景 [-3, 3]²"),
    "ls.view.zoom": ("Zoom [0, 2]²", "放大 [0, 2]²"),
    "ls.view.custom": ("Custom range", "自定义范围"),
    "ls.range": ("Range of w_x and w_rec", "w_x 与 w_rec 的范围"),
    "ls.seq_len": ("Sequence length n", "序列长度 n"),
    "ls.seq_len.help": (
        "Longer sequences make the cliff at |w_rec| = 1 steeper: w_rec is raised to the n-th power.",
        "序列越长，|w_rec| = 1 处的悬崖越陡：w_rec 被提升到 n 次幂。",
    ),
    "ls.samples": ("Number of samples", "样本数"),
    "ls.seed": ("Data seed", "数据随机种子"),
    "ls.seed.help": (
        "Seed 1 with 20 samples of length 10 reproduces the run the tutorial's source prints "
        "(Peter Roelants' notebook: Rprop ends at w_x = 1.00135554721, w_rec = 0.999674473785); "
        "the tutorial's own code draws its sequences without a seed.",
        "种子 1、20 个样本、长度 10 能重现教程原作（Peter Roelants 的笔记本）打印的结果"
        "（Rprop 最终 w_x = 1.00135554721，w_rec = 0.999674473785）；教程自己的代码抽取序列时没有设定种子。",
    ),
    "ls.grid": ("Grid resolution (points per axis)", "网格分辨率（每个轴的点数）"),
    "ls.show_3d": ("Show a 3-D surface", "显示三维曲面"),
    "ls.panel.overview": ("Overview: w_x, w_rec ∈ [-3, 3]", "全景：w_x，w_rec ∈ [-3, 3]"),
    "ls.panel.zoom": ("Zoom: w_x, w_rec ∈ [0, 2]", "放大：w_x，w_rec ∈ [0, 2]"),
    "ls.panel.custom": ("w_x, w_rec ∈ [{lo:g}, {hi:g}]", "w_x, w_rec ∈ [{lo:g}, {hi:g}]"),
    "ls.figure.title": ("Loss surface ξ(w_x, w_rec)", "损失曲面 ξ(w_x, w_rec)"),
    "ls.colorbar": ("ξ (log)", "ξ（对数）"),
    "ls.capped": (
        "grey: ξ ≥ {cap} (capped; ∞ = overflow)",
        "灰色：ξ ≥ {cap}（已截断；∞ 表示溢出）",
    ),
    "ls.probe": ("the tutorial's probe point", "教程中的示例点"),
    "ls.user_point": ("gradient-check point", "梯度检验点"),
    "ls.data_summary": (
        "{sequences} of length {T} (seed {seed}); targets from {tmin:g} to {tmax:g} ones. "
        "Computed in closed form, y = w_x · p(w_rec), on a {g}×{g} grid per panel.",
        "{sequences}，长度为 {T}（种子 {seed}）；目标值为 {tmin:g} 到 {tmax:g} 个 1。"
        "利用闭式解 y = w_x · p(w_rec) 计算，每幅图 {g}×{g} 个网格点。",
    ),
    "ls.overflow_note": (
        "{capped} of {total} cells are capped at ξ ≥ 1e8 (grey); {inf} of them overflow "
        "float64 (ξ = ∞). That is the cliff: beyond |w_rec| = 1 the output grows like "
        "|w_rec|^n.",
        "{total} 个格点中有 {capped} 个被截断在 ξ ≥ 1e8（灰色），其中 {inf} 个超出了 float64 的范围"
        "（ξ = ∞）。这就是悬崖：|w_rec| 超过 1 后，输出按 |w_rec|^n 增长。",
    ),
    "ls.cross.header": ("Cross-section: the cliff at |w_rec| = 1", "截面：|w_rec| = 1 处的悬崖"),
    "ls.cross.wx": ("w_x for the cross-section", "截面所在的 w_x"),
    "ls.cross.title.drag": (
        "ξ along w_rec at a fixed w_x (drag w_x under the chart)",
        "固定 w_x 时 ξ 沿 w_rec 的变化（拖动图下方的 w_x）",
    ),
    "ls.cross.yaxis": ("ξ (log scale)", "ξ（对数刻度）"),
    "ls.cross.caption": (
        "At w_x = {wx:.2f} the cross-section is lowest at w_rec = {wrec:.2f} (ξ = {xi}). "
        "The slider under the chart moves w_x while you drag; let go and the page follows.",
        "在 w_x = {wx:.2f} 处，截面在 w_rec = {wrec:.2f} 时最低（ξ = {xi}）。"
        "拖动图下方的滑块可实时改变 w_x；松开后页面随之更新。",
    ),
    "ls.cross.overflow": ("overflow (ξ = ∞)", "溢出（ξ = ∞）"),
    "ls.3d.title": ("log₁₀ ξ as a surface", "log₁₀ ξ 的三维曲面"),
    "ls.check.header": ("Gradient check", "梯度检验"),
    "ls.check.intro": (
        "The BPTT gradient (the tutorial's backward pass) against central finite differences "
        "and PyTorch autograd at one point. They should agree to about 1e-8 or better.",
        "在一个点上比较 BPTT 梯度（教程中的反向传播）、中心有限差分和 PyTorch 自动求导。"
        "三者应当在约 1e-8 或更高的精度上一致。",
    ),
    "ls.check.wx": ("w_x at the check point", "检验点的 w_x"),
    "ls.check.wrec": ("w_rec at the check point", "检验点的 w_rec"),
    "ls.check.torch": ("Also check with PyTorch autograd", "同时用 PyTorch 自动求导检验"),
    "ls.check.torch.help": (
        f"Loads PyTorch the first time (at most {IMPORT_SECONDS} s of CPU).",
        f"首次使用时会加载 PyTorch（最多 {IMPORT_SECONDS} 秒 CPU）。",
    ),
    "ls.check.method": ("method", "方法"),
    "ls.check.bptt": ("BPTT (ours)", "BPTT（本程序）"),
    "ls.check.fd": ("central difference", "中心差分"),
    "ls.check.autograd": ("torch autograd", "torch 自动求导"),
    "ls.check.rel": ("relative error vs BPTT", "相对 BPTT 的误差"),
    "ls.check.nonfinite": (
        "At this point ξ overflows float64, so there is no finite gradient to check.",
        "在这个点上 ξ 超出了 float64 的范围，没有有限的梯度可以检验。",
    ),
    "ls.guide.try": (
        "Set the sequence length to 50 and watch the grey overflow region swallow everything "
        "with |w_rec| > 1. Then move the cross-section to w_x = 2: where is the valley now, "
        "and why is it not at w_rec = 1?",
        "把序列长度设为 50，看灰色溢出区域如何吞没所有 |w_rec| > 1 的部分。"
        "然后把截面移到 w_x = 2：谷底在哪里？为什么不在 w_rec = 1？",
    ),
}
