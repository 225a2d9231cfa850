"""Deep and leaky (`dp.`): stacked layers with torch's shapes, the continuous-time RNN, two-layer
gates. The stacked architecture's option label and note keep the unrolled page's `un.arch.` keys
(the architecture select formats every option from that prefix)."""

STRINGS = {
    "un.arch.stacked": ("Stacked layers (deep RNN)", "多层堆叠（深层循环神经网络）"),
    "un.arch.note.stacked": (
        "Stacked layers (tutorial 002 §3.4): layer 1 reads x, every higher layer reads the layer "
        "below at the same step, and y reads the top layer. Bidirectional, each layer runs both "
        "ways and the next layer reads [h→, h←] side by side, as torch's nn.RNN(…, num_layers, "
        "bidirectional=True) does.",
        "多层堆叠（教程 002 §3.4）：第 1 层读入 x，更高的每一层读入同一时间步下一层的输出，y 读取"
        "最上层。双向时，每层都正反各跑一遍，下一层并排读入 [h→, h←]，与 torch 的 nn.RNN(…, "
        "num_layers, bidirectional=True) 相同。",
    ),
    "dp.layers": ("Layers", "层数"),
    "dp.bidir": ("Bidirectional layers", "双向"),
    "dp.bidir.help": (
        "Every layer also reads the sequence backwards (h←); the layer above reads both.",
        "每一层还会反向读取序列（h←）；上一层同时读入两个方向的输出。",
    ),
    # --- the shapes panel ---
    "dp.shapes.header": (
        "Shapes as torch gives them: out, h_n, c_n",
        "torch 给出的形状：out、h_n、c_n",
    ),
    "dp.shapes.intro": (
        "Tutorial 002 §3.4 runs these two networks and asks you to look at the shapes. torch "
        "(batch_first=False) puts the sequence first and the batch second. `out` holds the top "
        "layer's $h_t$ at **every** step; `h_n` holds **every** layer's **last** state, one row "
        "per layer and direction (row = layer·directions + direction). Computed here in NumPy, "
        "one batch item at a time, with random weights (shapes do not depend on them).",
        "教程 002 §3.4 运行了这两个网络，并请你看看它们的形状。torch（batch_first=False）把序列放"
        "在第一维、batch 放在第二维。`out` 保存最上层在**每一个**时间步的 $h_t$；`h_n` 保存**每一"
        "层**的**最后**状态，每层每个方向一行（行号 = 层号·方向数 + 方向）。这里用 NumPy 逐个 batch "
        "样本计算，权重随机（形状与权重无关）。",
    ),
    "dp.shapes.tutorial.rnn": (
        "Tutorial: nn.RNN(5, 10, 2) on torch.randn(6, 3, 5)",
        "教程：nn.RNN(5, 10, 2)，输入 torch.randn(6, 3, 5)",
    ),
    "dp.shapes.tutorial.lstm": (
        "Tutorial: nn.LSTM(50, 100, num_layers=2) on torch.randn(10, 3, 50)",
        "教程：nn.LSTM(50, 100, num_layers=2)，输入 torch.randn(10, 3, 50)",
    ),
    "dp.shapes.yours": (
        "Yours: the diagram's network, one sequence (batch 1)",
        "你的网络：上图中的网络，一条序列（batch 为 1）",
    ),
    "dp.shapes.match": (
        "`out[{step}, :, {lo}:{hi}]` = `h_n[{row}]` (layer {layer}, {direction}): largest "
        "difference over the batch **{diff}**.",
        "`out[{step}, :, {lo}:{hi}]` = `h_n[{row}]`（第 {layer} 层，{direction}）：整个 batch 上的"
        "最大差值 **{diff}**。",
    ),
    "dp.direction.0": ("forward, ends at the last step", "正向，结束于最后一步"),
    "dp.direction.1": ("reverse, ends at the first step", "反向，结束于第一步"),
    "dp.shapes.caption": (
        "The other rows of h_n are the lower layers' last states: they never appear in out. "
        "The tutorial printed the two outputs the other way round: torch.Size([10, 3, 100]) "
        "is the LSTM's out and torch.Size([6, 3, 10]) the RNN's.",
        "h_n 的其余各行是下面几层的最后状态：它们从不出现在 out 中。"
        "教程把两段输出印反了：torch.Size([10, 3, 100]) 是 LSTM 的 out，"
        "torch.Size([6, 3, 10]) 才是 RNN 的。",
    ),
    "dp.axis.seq": ("seq", "序列长度 seq"),
    "dp.axis.batch": ("batch", "批大小 batch"),
    "dp.axis.features": ("input features", "输入特征"),
    "dp.axis.directions·hidden": ("directions·hidden", "方向数·隐藏维度"),
    "dp.axis.layers·directions": ("layers·directions", "层数·方向数"),
    "dp.axis.hidden": ("hidden", "隐藏维度"),
    # --- the continuous-time RNN in the gradient-flow section ---
    "dp.flow.cell": ("Cell", "单元"),
    "dp.flow.cell.rnn": ("tanh RNN (ρ in the chart)", "tanh 循环神经网络（图中调 ρ）"),
    "dp.flow.cell.ctrnn": (
        "continuous-time RNN (α in the chart)",
        "连续时间循环神经网络 CTRNN（图中调 α）",
    ),
    "dp.leak": ("Leak α = Δt/τ to start from", "泄漏率 α = Δt/τ（起始值）"),
    "dp.leak.help": (
        "Sets the slider under the chart (0.02 … 1, steps of 0.02). Drag that slider to watch "
        "the orange curves follow α without waiting for the server; the released value is what "
        "the guide, the download and the link use.",
        "设置图下方滑块的初始位置（0.02 … 1，步长 0.02）。拖动那个滑块，橙色曲线会随 α 实时变化，"
        "无需等待服务器；松开时的值用于看点说明、数据下载和分享链接。",
    ),
    "dp.leak.rho": ("Spectral radius ρ of W_hh", "W_hh 的谱半径 ρ"),
    "dp.leak.rho.help": (
        "The same network as the tanh RNN's curve at this ρ (same W_hh, inputs and g).",
        "与该 ρ 下 tanh 循环神经网络曲线完全相同的网络（相同的 W_hh、输入和 g）。",
    ),
    "dp.leak.intro": (
        "**The continuous-time RNN** (tutorial 002 §3.5 lists it by name only; the equation "
        "is the standard leaky one) is the Euler step of "
        "$\\tau\\,\\dot h = -h + \\tanh(W_{ih}x + W_{hh}h + b)$: "
        "$h_t = (1-\\alpha)\\,h_{t-1} + \\alpha\\tanh(W_{ih}x_t + W_{hh}h_{t-1} + b)$ with "
        "$\\alpha = \\Delta t/\\tau$. One step back now multiplies the gradient by "
        "$(1-\\alpha)I + \\alpha\\,W_{hh}^{\\top}\\operatorname{diag}(\\tanh')$: "
        "a small $\\alpha$ keeps almost all of it. At $\\alpha = 1$ it **is** the tanh RNN.",
        "**连续时间循环神经网络**（教程 002 §3.5 只列出了名字；这里的公式是标准的泄漏形式）是 "
        "$\\tau\\,\\dot h = -h + \\tanh(W_{ih}x + W_{hh}h + b)$ 的欧拉步："
        "$h_t = (1-\\alpha)\\,h_{t-1} + \\alpha\\tanh(W_{ih}x_t + W_{hh}h_{t-1} + b)$，"
        "$\\alpha = \\Delta t/\\tau$。每回传一步，梯度乘以 "
        "$(1-\\alpha)I + \\alpha\\,W_{hh}^{\\top}\\operatorname{diag}(\\tanh')$："
        "$\\alpha$ 越小，保留得越多。$\\alpha = 1$ 时它**就是** tanh 循环神经网络。",
    ),
    "dp.leak.title": (
        "Continuous-time RNN at ρ = {rho}: the gradient and the state as α changes",
        "ρ = {rho} 的连续时间循环神经网络：梯度与状态随 α 的变化",
    ),
    "dp.leak.top": ("‖∂L/∂h_k‖ going back from k = T (log)", "从 k = T 回传的 ‖∂L/∂h_k‖（对数）"),
    "dp.leak.bottom": ("unit 1's state h_t[1]", "第 1 个单元的状态 h_t[1]"),
    "dp.leak.tanh": ("tanh RNN, α = 1", "tanh 循环网络，α = 1"),
    "dp.leak.user": ("your α (slider below)", "你的 α（下方滑块）"),
    "dp.leak.caption": (
        "Drag the α slider under the chart: the orange gradient (top) and state (bottom) follow. "
        "Dashed black: the tanh RNN on the same network; at α = 1 the orange curves lie exactly "
        "on it. Pale blue: α = 0.1 and 0.5.",
        "拖动图下方的 α 滑块：橙色的梯度（上）和状态（下）随之变化。黑色虚线：同一网络上的 tanh "
        "循环神经网络；α = 1 时橙色曲线与它完全重合。浅蓝色：α = 0.1 和 0.5。",
    ),
    "dp.leak.guide": (
        "At α = {alpha} each unit keeps {keep} of its state every step. After {n} steps back "
        "‖∂L/∂h₀‖ = {g0} (×{per_step} per step), against {g0_tanh} (×{per_step_tanh}) for the "
        "tanh RNN at ρ = {rho}; the state moves on average {change} per step, against "
        "{change_tanh}: {verdict}",
        "α = {alpha} 时，每个单元每步保留 {keep} 的状态。回传 {n} 步后 ‖∂L/∂h₀‖ = {g0}"
        "（每步 ×{per_step}），而 ρ = {rho} 的 tanh 循环神经网络是 {g0_tanh}（×{per_step_tanh}）；"
        "状态平均每步变化 {change}，tanh 循环神经网络是 {change_tanh}：{verdict}",
    ),
    "dp.leak.verdict.smooth.longer": (
        "it changes more smoothly and remembers longer (more of the gradient reaches h₀).",
        "变化更平滑，记得更久（传到 h₀ 的梯度更多）。",
    ),
    "dp.leak.verdict.smooth.shorter": (
        "it changes more smoothly, but less of the gradient reaches h₀: here the leak does not "
        "make it remember longer.",
        "变化更平滑，但传到 h₀ 的梯度更少：这里泄漏并没有让它记得更久。",
    ),
    "dp.leak.verdict.rough.longer": (
        "it changes no more smoothly, yet more of the gradient reaches h₀: it remembers longer.",
        "变化并不更平滑，但传到 h₀ 的梯度更多：它记得更久。",
    ),
    "dp.leak.verdict.rough.shorter": (
        "it changes no more smoothly, and less of the gradient reaches h₀: here it does not "
        "remember longer.",
        "变化并不更平滑，传到 h₀ 的梯度也更少：这里它并没有记得更久。",
    ),
    "dp.leak.guide.one": (
        "At α = 1 nothing leaks: this is the tanh RNN at ρ = {rho}, and the orange curves lie "
        "on the dashed ones. After {n} steps back ‖∂L/∂h₀‖ = {g0} (×{per_step} per step); the "
        "state moves on average {change} per step.",
        "α = 1 时没有泄漏：这就是 ρ = {rho} 的 tanh 循环神经网络，橙色曲线与虚线重合。回传 {n} "
        "步后 ‖∂L/∂h₀‖ = {g0}（每步 ×{per_step}）；状态平均每步变化 {change}。",
    ),
    "dp.leak.try": (
        "Set ρ = 0.9 and drag α from 1 down to 0.1: the gradient that vanished by k = 0 now "
        "reaches it, and the state curve smooths out. Then try ρ = 1.5: a small α slows the "
        "changes but the network still saturates.",
        "设 ρ = 0.9，把 α 从 1 拖到 0.1：原本在 k = 0 之前就消失的梯度现在能传回来，状态曲线也变"
        "平滑了。再试 ρ = 1.5：较小的 α 让变化变慢，但网络仍然会饱和。",
    ),
    "dp.leak.download": ("Download the CTRNN curves (CSV)", "下载 CTRNN 曲线（CSV）"),
    # --- the gate inspector's second layer ---
    "dp.gt.layers": ("Layers", "层数"),
    "dp.gt.layers.help": (
        "Two layers: layer 2 reads layer 1's h at every step, as torch's "
        "nn.LSTM/GRU(…, num_layers=2). An uploaded .npz with weight_ih_l1, weight_hh_l1, "
        "bias_ih_l1 and bias_hh_l1 is a two-layer network too.",
        "两层：第 2 层在每一步读入第 1 层的 h，与 torch 的 nn.LSTM/GRU(…, num_layers=2) 相同。"
        "上传的 .npz 若含 weight_ih_l1、weight_hh_l1、bias_ih_l1 和 bias_hh_l1，也是两层网络。",
    ),
    "dp.gt.equations.layers": (
        "Two layers (torch's num_layers=2): layer 2 runs the same equations with x_t replaced by "
        "layer 1's h_t, with its own weights (the `_l1` keys).",
        "两层（torch 的 num_layers=2）：第 2 层用同样的公式，只是把 x_t 换成第 1 层的 h_t，并使用"
        "自己的权重（`_l1` 键）。",
    ),
    "dp.gt.layer2": ("Layer 2: its gates, reading layer 1", "第 2 层：它的门，读入第 1 层"),
    "dp.gt.layer2.caption": (
        "The same window, unit and step as above. Layer 2's input at step t is layer 1's h_t "
        "(all its units): the charts above are layer 1.",
        "与上方相同的窗口、单元和时间步。第 2 层在第 t 步的输入是第 1 层的 h_t（全部单元）："
        "上方的图是第 1 层。",
    ),
    "dp.gt.layer2.prefix": ("Layer 2", "第 2 层"),
    "dp.gt.layer2.heat": (
        "Layer 2 · {model}: gates over time",
        "第 2 层 · {model}：各门随时间的变化",
    ),
    "dp.gt.layer2.input": ("input: layer 1's h", "输入：第 1 层的 h"),
    "dp.gt.layer2.model": ("{kind} layer 2", "{kind} 第 2 层"),
}
