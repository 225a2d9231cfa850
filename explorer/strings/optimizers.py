"""Optimizer race page (`opt.`)."""

STRINGS = {
    "opt.title": ("Optimizer race: Rprop vs SGD", "优化器竞赛：弹性反向传播 vs 梯度下降"),
    "opt.intro": (
        "All optimizers start from the same point on the counting-ones loss surface (the tutorial's "
        "20 sequences of length 10). At the tutorial's start (-1.5, 2) the gradient is "
        "‖∇ξ‖ = {grad}: plain gradient descent is thrown off the map even with a tiny learning "
        "rate, while Rprop, which only uses the **sign** of the gradient, walks down to (1, 1). "
        "(Tutorial 003 quotes a gradient of 10⁷ at its blue point (1, 2): that is its plot of "
        "Σ∂ξ/∂S₀ there, {plotted}, which shows 20× the gradient, {s0}; see Gradient decay.) "
        "Press ▶ or drag the iteration slider under the chart.",
        "所有优化器都从“数 1”损失曲面上的同一点出发（教程中 20 条长度为 10 的序列）。"
        "在教程的起点 (-1.5, 2) 处，梯度为 ‖∇ξ‖ = {grad}：即使学习率很小，普通梯度下降也会被甩出地图；"
        "而只使用梯度**符号**的弹性反向传播（Rprop）能一路走到 (1, 1)。"
        "（教程 003 说它的蓝色点 (1, 2) 处梯度达到 10⁷：那是它在该点画出的 Σ∂ξ/∂S₀，{plotted}，"
        "图中的值是梯度的 20 倍，梯度本身为 {s0}；见“梯度衰减”。）"
        "点击 ▶ 或拖动图下方的迭代滑块。",
    ),
    "opt.runs": ("Optimizers in the race", "参赛的优化器"),
    "opt.runs.help": (
        "momentum, norm clip and value clip are SGD with momentum, SGD with the gradient's norm "
        "clipped, and SGD with each element of the gradient clipped (tutorial 000).",
        "动量、范数裁剪、逐元素裁剪分别是：带动量的 SGD、裁剪梯度范数的 SGD、"
        "逐个元素裁剪梯度的 SGD（教程 000）。",
    ),
    # the race's chips (short: all six fit on one line of a laptop's screen; the legend and the
    # table say the names in full)
    "opt.pick.rprop": ("Rprop", "Rprop"),
    "opt.pick.sgd": ("SGD", "SGD"),
    "opt.pick.momentum": ("momentum", "动量"),
    "opt.pick.clip": ("norm clip", "范数裁剪"),
    "opt.pick.clip_value": ("value clip", "逐元素裁剪"),
    "opt.pick.adam": ("Adam", "Adam"),
    "opt.name.rprop": ("Rprop", "弹性反向传播 Rprop"),
    "opt.name.sgd": ("SGD", "梯度下降 SGD"),
    "opt.name.momentum": ("SGD + momentum", "SGD + 动量"),
    "opt.name.clip": ("SGD + norm clipping", "SGD + 按范数裁剪"),
    "opt.name.clip_value": (
        "SGD + element-wise clipping (tutorial 000)",
        "SGD + 逐元素裁剪（教程 000）",
    ),
    "opt.name.adam": ("Adam", "Adam"),
    "opt.start.header": ("Start point", "起点"),
    "opt.start": ("start", "起点"),
    "opt.start.wx": ("start w_x", "起点 w_x"),
    "opt.start.wrec": ("start w_rec", "起点 w_rec"),
    "opt.start.preset": ("The tutorial's start (-1.5, 2)", "教程的起点 (-1.5, 2)"),
    "opt.start.click": (
        "Or click the surface to start there (the centre of the clicked cell: a 0.1 grid).",
        "也可以直接点击曲面，从所点网格（0.1 间距）的中心出发。",
    ),
    "opt.click_hint": ("click: start here", "点击：从这里出发"),
    "opt.n_iter": ("Iterations", "迭代次数"),
    "opt.hyper": ("Hyperparameters", "超参数"),
    "opt.eta_plus": ("Rprop η⁺ (grow)", "Rprop η⁺（增大）"),
    "opt.eta_minus": ("Rprop η⁻ (shrink)", "Rprop η⁻（减小）"),
    "opt.delta0": ("Rprop Δ₀ (first step)", "Rprop Δ₀（初始步长）"),
    "opt.lr_sgd": ("SGD learning rate", "SGD 学习率"),
    "opt.lr_momentum": ("Momentum learning rate", "动量法学习率"),
    "opt.momentum": ("Momentum μ", "动量 μ"),
    "opt.lr_clip": ("Norm clipping learning rate", "按范数裁剪的学习率"),
    "opt.lr_clip_value": ("Element-wise clipping learning rate", "逐元素裁剪的学习率"),
    "opt.clip": ("Clipping threshold θ (both clippings)", "裁剪阈值 θ（两种裁剪共用）"),
    "opt.clip.help": (
        "Norm clipping (this app's, torch's clip_grad_norm_) shrinks the whole gradient to length "
        "θ when ‖g‖ > θ: at θ = 5, (10, 1) becomes (4.975, 0.498), the same direction. "
        "Element-wise clipping (tutorial 000's np.clip(g, -5, 5), torch's clip_grad_value_) cuts "
        "each component to [−θ, θ] on its own: (10, 1) becomes (5, 1), another direction.",
        "按范数裁剪（本应用的做法，即 torch 的 clip_grad_norm_）在 ‖g‖ > θ 时把整个梯度缩放到长度 θ："
        "θ = 5 时 (10, 1) 变成 (4.975, 0.498)，方向不变。逐元素裁剪（教程 000 的 np.clip(g, -5, 5)，"
        "即 torch 的 clip_grad_value_）把每个分量单独截断到 [−θ, θ]：(10, 1) 变成 (5, 1)，方向变了。",
    ),
    "opt.lr_adam": ("Adam learning rate", "Adam 学习率"),
    "opt.figure.title": (
        "The race on the loss surface ξ(w_x, w_rec)",
        "在损失曲面 ξ(w_x, w_rec) 上赛跑",
    ),
    "opt.iteration": ("iteration", "迭代"),
    "opt.loss.title": ("Loss per iteration", "每次迭代的损失"),
    "opt.diverged.short": (
        "{name}: diverged at it. {i}, |∇ξ| = {grad}",
        "{name}：第 {i} 次迭代发散，|∇ξ| = {grad}",
    ),
    "opt.left.short": (
        "{name}: off the map at it. {i} → ({wx}, {wrec})",
        "{name}：第 {i} 次迭代离开地图 → ({wx}, {wrec})",
    ),
    "opt.loss.ceiling": (
        "off the chart: ξ ≥ {top} (or overflow)",
        "超出图表：ξ ≥ {top}（或溢出）",
    ),
    "opt.diverged.marker": ("{name} diverged here", "{name} 在此发散"),
    "opt.diverged": (
        "{name} diverged at iteration {i}: |∇ξ| reached {grad}. It stops at its last finite "
        "point ({wx}, {wrec}).",
        "{name} 在第 {i} 次迭代时发散：|∇ξ| 达到了 {grad}。它停在最后一个有限的点 ({wx}, {wrec})。",
    ),
    "opt.none": ("Pick at least one optimizer.", "请至少选择一个优化器。"),
    "opt.table.name": ("optimizer", "优化器"),
    "opt.table.wx": ("final w_x", "最终 w_x"),
    "opt.table.wrec": ("final w_rec", "最终 w_rec"),
    "opt.table.loss": ("final ξ", "最终 ξ"),
    "opt.table.iters": ("iterations used", "实际迭代次数"),
    "opt.table.count": (
        "counts [0,1,1,0,0,0,0,1,0,0,1,1] as",
        "对 [0,1,1,0,0,0,0,1,0,0,1,1] 的计数",
    ),
    "opt.table.status": ("status", "状态"),
    "opt.status.ok": ("finished", "完成"),
    "opt.status.diverged": ("diverged", "发散"),
    "opt.what": (
        "**What happened.** At the start ({wx:g}, {wrec:g}) the gradient is |∇ξ| = {grad}. "
        "{details}",
        "**发生了什么。** 在起点 ({wx:g}, {wrec:g}) 处梯度为 |∇ξ| = {grad}。{details}",
    ),
    "opt.what.first_step": (
        "{name}'s first step moved the weights by {step}; ",
        "{name} 的第一步让权重移动了 {step}；",
    ),
    "opt.what.ended": (
        "it ended at ({wx}, {wrec}) with ξ = {loss}. ",
        "最终停在 ({wx}, {wrec})，ξ = {loss}。",
    ),
    "opt.what.diverged": (
        "it diverged at iteration {i}. ",
        "它在第 {i} 次迭代时发散。",
    ),
    "opt.download.html": (
        "Download the race (HTML, plays offline)",
        "下载竞赛动画（HTML，可离线播放）",
    ),
    "opt.guide.notice.huge": (
        "The gradient at the start is {grad}, so SGD with learning rate {lr} takes a first step "
        "of {step}: longer than the whole map, which is {width} wide. Rprop's first step is "
        "Δ₀·η⁻ = {delta0} × {eta_minus} = {rstep} in each weight, whatever the gradient's size.",
        "起点处的梯度为 {grad}，所以学习率为 {lr} 的 SGD 第一步就移动了 {step}：比整张地图（宽 {width}）"
        "还长。无论梯度多大，Rprop 的第一步在每个权重上都只移动 Δ₀·η⁻ = {delta0} × {eta_minus} = "
        "{rstep}。",
    ),
    "opt.guide.notice.share": (
        "The gradient at the start is {grad}, so SGD with learning rate {lr} takes a first step "
        "of {step}, {share}% of the map's width ({width}). Rprop's first step is Δ₀·η⁻ = "
        "{delta0} × {eta_minus} = {rstep} in each weight, whatever the gradient's size.",
        "起点处的梯度为 {grad}，所以学习率为 {lr} 的 SGD 第一步移动了 {step}，是地图宽度（{width}）的 "
        "{share}%。无论梯度多大，Rprop 的第一步在每个权重上都只移动 Δ₀·η⁻ = {delta0} × "
        "{eta_minus} = {rstep}。",
    ),
    "opt.guide.try": (
        "Click a start point just below the cliff, e.g. (1.5, 0.5), and lower SGD's learning "
        "rate until it survives. Then click just above the cliff, (1.5, 1.2): is there any "
        "learning rate that works both here and there? Clipping (θ = 1, either kind) and Rprop do "
        "not need one.",
        "点击悬崖下方的一个起点，例如 (1.5, 0.5)，把 SGD 的学习率调小直到它不再发散。"
        "再点击悬崖上方的 (1.5, 1.2)：有没有一个学习率能在两处都奏效？"
        "梯度裁剪（θ = 1，两种都行）和 Rprop 都不需要这样的折中。",
    ),
    "opt.iter": ("Iteration shown", "显示的迭代"),
    "opt.at": (
        "**At iteration {i}:** {details}.",
        "**第 {i} 次迭代时：** {details}。",
    ),
    "opt.at.run": (
        "{name} is at ({wx}, {wrec}) with ξ = {loss}",
        "{name} 位于 ({wx}, {wrec})，ξ = {loss}",
    ),
    "opt.at.gone": (
        "{name} had already diverged (at iteration {i})",
        "{name} 已经发散了（第 {i} 次迭代）",
    ),
    "opt.table.at": ("{what} at it. {i}", "第 {i} 次迭代的{what}"),
    "opt.table.wx.at": ("w_x", "w_x"),
    "opt.table.wrec.at": ("w_rec", "w_rec"),
    "opt.table.loss.at": ("ξ", "ξ"),
    "opt.table.count.at": (
        "count of [0,1,1,0,0,0,0,1,0,0,1,1]",
        "对 [0,1,1,0,0,0,0,1,0,0,1,1] 的计数",
    ),
}
