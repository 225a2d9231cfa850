"""Why gates work (`wg.`)."""

STRINGS = {
    "view.why_gates": ("Why gates work", "门控为何有效"),
    "view.why_gates.summary": (
        "A plain RNN, an LSTM and a GRU of the same size, gradient by gradient: drag the forget "
        "bias and watch the LSTM keep the gradient the RNN loses. Then train all three (and an "
        "LSTM with attention) on a memory task and see which ones still remember the first step.",
        "同样大小的普通 RNN、LSTM 和 GRU,逐个比较梯度:拖动遗忘门偏置,看 LSTM 如何保住 RNN 丢失的"
        "梯度。再在一个记忆任务上训练这三种网络(以及带注意力的 LSTM),看谁还记得第一步。",
    ),
    "wg.title": (
        "Why gates work: RNN, LSTM and GRU, gradient by gradient",
        "门控为何有效:逐个比较 RNN、LSTM 与 GRU 的梯度",
    ),  # fmt: skip
    "wg.intro": (
        "The tutorial says the LSTM solves the RNN's vanishing gradient. Here is the evidence: "
        "three cells of the same size read the same sequence, and the loss $L = g\\cdot h_T$ is "
        "sent back. One step back, the plain RNN multiplies the gradient by "
        "$\\mathrm{diag}(\\tanh'(a_t))\\,W_{hh}^\\top$; the LSTM's cell path by the forget gate "
        "$f_t$; the GRU's state path by its update gate $z_t$. Drag the **two sliders under the "
        "chart**.",
        "教程说 LSTM 解决了 RNN 的梯度消失问题。证据在这里:三个同样大小的单元读入同一个序列,把损失 "
        "$L = g\\cdot h_T$ 反向传回。每向前一步,普通 RNN 把梯度乘以 "
        "$\\mathrm{diag}(\\tanh'(a_t))\\,W_{hh}^\\top$;LSTM 的细胞通路乘以遗忘门 $f_t$;GRU 的"
        "状态通路乘以更新门 $z_t$。拖动**图下方的两个滑块**。",
    ),
    "wg.radius": ("Spectral radius ρ of the RNN's W_hh", "RNN 的 W_hh 的谱半径 ρ"),
    "wg.radius.help": (
        "Sets the chart's left slider: it rescales the plain RNN's recurrent matrix, from 0.5 to "
        "2 in steps of 0.05.",
        "设置图中左侧滑块:按比例缩放普通 RNN 的循环矩阵,范围 0.5 到 2,步长 0.05。",
    ),
    "wg.fbias": ("Forget-gate bias b (LSTM f, GRU z)", "遗忘门偏置 b(LSTM 的 f,GRU 的 z)"),
    "wg.fbias.help": (
        "Sets the chart's right slider: the bias of the gate that keeps memory, the LSTM's forget "
        "gate f and the GRU's update gate z (z = 1 keeps the state in torch's GRU), from -3 to 5.",
        "设置图中右侧滑块:保持记忆的门的偏置,即 LSTM 的遗忘门 f 和 GRU 的更新门 z(在 torch 的 GRU "
        "中 z = 1 表示保留状态),范围 -3 到 5。",
    ),
    "wg.steps": ("Sequence length T of the chart", "图中序列长度 T"),
    "wg.hidden": ("Hidden units H (every cell)", "隐藏单元数 H(每个单元相同)"),
    "wg.seed": ("Seed", "随机种子"),
    "wg.kind.rnn": ("RNN (tanh)", "RNN(tanh)"),
    "wg.kind.lstm": ("LSTM", "LSTM"),
    "wg.kind.gru": ("GRU", "GRU"),
    "wg.kind.attention": ("LSTM + attention", "LSTM + 注意力"),
    "wg.curve.rnn": ("RNN ‖∂L/∂h_k‖", "RNN ‖∂L/∂h_k‖"),
    "wg.curve.lstm_h": ("LSTM ‖∂L/∂h_k‖", "LSTM ‖∂L/∂h_k‖"),
    "wg.curve.lstm_c": ("LSTM ‖∂L/∂c_k‖ (cell)", "LSTM ‖∂L/∂c_k‖(细胞)"),
    "wg.curve.gru": ("GRU ‖∂L/∂h_k‖", "GRU ‖∂L/∂h_k‖"),
    "wg.curve.trained": ("{curve}, trained", "{curve},训练后"),
    "wg.note.rnn": (
        "RNN, ρ = {radius}: mean tanh′ = {slope}, ρ·tanh′ = {product}<br>"
        "measured ×{per_step} per step back; ‖∂L/∂h₀‖ = {ratio}",
        "RNN,ρ = {radius}:tanh′ 均值 = {slope},ρ·tanh′ = {product}<br>"
        "实测每回传一步 ×{per_step};‖∂L/∂h₀‖ = {ratio}",
    ),
    "wg.note.gates": (
        "b = {lstm[bias]}: LSTM mean f = {lstm[forget]} → ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = {lstm[ratio]}<br>"
        "GRU mean z = {gru[update]} → ‖∂L/∂h₀‖ = {gru[ratio]}",
        "b = {lstm[bias]}:LSTM 的 f 均值 = {lstm[forget]} → ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = {lstm[ratio]}<br>"
        "GRU 的 z 均值 = {gru[update]} → ‖∂L/∂h₀‖ = {gru[ratio]}",
    ),
    "wg.chart.title": (
        "How much of the gradient reaches step k (at initialisation)",
        "梯度有多少能传回第 k 步(初始化时)",
    ),
    "wg.axis.grad": ("gradient norm (log)", "梯度范数(对数)"),
    "wg.axis.k": ("step k (the loss is at k = T)", "时间步 k(损失在 k = T)"),
    "wg.slider.rho": ("RNN ρ = ", "RNN ρ = "),
    "wg.slider.bias": ("forget bias b = ", "遗忘门偏置 b = "),
    "wg.lesson.header": ("The lesson in numbers", "用数字看结论"),
    "wg.lesson.rnn": (
        "**RNN** (ρ = {radius}): each step back multiplies by diag(tanh′)·W_hh. Mean tanh′ = "
        "{slope}, so ρ·tanh′ = **{product}** per step; measured: ×{per_step} per step, and "
        "‖∂L/∂h₀‖ = **{ratio}** after {T} steps.",
        "**RNN**(ρ = {radius}):每回传一步乘以 diag(tanh′)·W_hh。tanh′ 均值 = {slope},所以每步约"
        "乘 ρ·tanh′ = **{product}**;实测每步 ×{per_step},{T} 步后 ‖∂L/∂h₀‖ = **{ratio}**。",
    ),
    "wg.lesson.lstm": (
        "**LSTM** (b = {bias}): the cell path multiplies by f_t. Mean f = **{forget}**; the product "
        "of f over {T} steps is {product}; measured ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = **{ratio}** "
        "(×{per_step} per step).",
        "**LSTM**(b = {bias}):细胞通路每步乘以 f_t。f 均值 = **{forget}**;{T} 步的 f 连乘为 "
        "{product};实测 ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = **{ratio}**(每步 ×{per_step})。",
    ),
    "wg.lesson.gru": (
        "**GRU** (b = {bias}): the state path multiplies by z_t. Mean z = **{update}**; measured "
        "‖∂L/∂h₀‖ = **{ratio}** (×{per_step} per step).",
        "**GRU**(b = {bias}):状态通路每步乘以 z_t。z 均值 = **{update}**;实测 ‖∂L/∂h₀‖ = "
        "**{ratio}**(每步 ×{per_step})。",
    ),
    "wg.chart.caption": (
        "Solid: at initialisation (torch's default weights, seeded); dotted: after training on the "
        "memory task below, at its longest length. The sliders redraw in the browser; on release "
        "the numbers beside the chart, the guide and the link follow.",
        "实线:初始化时(torch 默认权重,固定种子);点线:在下方记忆任务最长长度上训练后。滑块在浏览器"
        "中重绘;松开后,图旁的数字、阅读指南和链接随之更新。",
    ),
    "wg.guide.notice": (
        "At b = {bias} the LSTM's cell keeps ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = {lstm_ratio} of the gradient "
        "after {T} steps; the plain RNN at ρ = {radius} keeps {rnn_ratio} (×{rnn_step} per step); "
        "the GRU keeps {gru_ratio}.",
        "在 b = {bias} 时,LSTM 的细胞在 {T} 步后保住了 ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = {lstm_ratio} 的梯度;"
        "ρ = {radius} 的普通 RNN 只剩 {rnn_ratio}(每步 ×{rnn_step});GRU 剩 {gru_ratio}。",
    ),
    "wg.guide.try": (
        "- Drag the forget bias to **+5**: f ≈ 0.99, the dashed cell curve stays almost flat. "
        "At **-3** it falls as fast as the RNN's.\n"
        "- Drag ρ to **2**: the bigger W_hh drives tanh into saturation (the mean tanh′ in the "
        "numbers above the chart drops), so the RNN's curve still falls, only more slowly; at "
        "ρ = 0.5 it is gone in a few steps.\n"
        "- Train the models below and compare the dotted curves: training opens the gates.",
        "- 把遗忘门偏置拖到 **+5**:f ≈ 0.99,虚线的细胞曲线几乎保持水平。拖到 **-3**,它和 RNN 的"
        "曲线下降得一样快。\n"
        "- 把 ρ 拖到 **2**:更大的 W_hh 使 tanh 饱和(图上方数字中的 tanh′ 均值下降),所以 RNN 的曲线"
        "仍在下降,只是慢一些;ρ = 0.5 时几步就消失了。\n"
        "- 训练下方的模型,比较点线:训练会打开门。",
    ),
    "wg.download.csv": ("Download the curves (CSV)", "下载曲线(CSV)"),
    # the memory task
    "wg.task.header": ("A memory task: remember the first step", "记忆任务:记住第一步"),
    "wg.chance": ("chance", "随机猜测"),
    "wg.axis.length": ("sequence length T", "序列长度 T"),
    "wg.axis.accuracy": ("accuracy", "准确率"),
    "wg.axis.step": ("training step", "训练步"),
    "wg.axis.loss": ("loss (cross-entropy)", "损失(交叉熵)"),
    "wg.accuracy.title": ("Accuracy against the length T", "准确率随长度 T 的变化"),
    "wg.loss.title": ("Training loss at T = {T}", "T = {T} 时的训练损失"),
    # attention
    "wg.attention.title": ("Attention: one hop back to step 1", "注意力:一步跳回第 1 步"),
    "wg.attention.weights": ("attention weights, a few samples", "注意力权重(几个样本)"),
    "wg.attention.grad": ("gradient reaching step k (log)", "传回第 k 步的梯度(对数)"),
    "wg.attention.sample": ("sample {n}", "样本 {n}"),
    "wg.axis.weight": ("weight", "权重"),
    # connectivity
    "wg.connectivity.header": ("How far back each cell looks", "每种单元能看多远"),
    "wg.connectivity.title": ("Connectivity ‖∂h_t/∂x_k‖", "连接度 ‖∂h_t/∂x_k‖"),
    "wg.axis.input": ("input step k", "输入步 k"),
    "wg.axis.state": ("state step t", "状态步 t"),
    "wg.connectivity.init": (
        "At initialisation (ρ and b as above), on the chart's sequence: row t shows how strongly "
        "the state h_t depends on each earlier input x_k. Train the models above to see the "
        "trained cells.",
        "初始化时(ρ 和 b 同上),在图中的序列上:第 t 行表示状态 h_t 对每个更早输入 x_k 的依赖程度。"
        "训练上方的模型,可看到训练后的单元。",
    ),
    "wg.connectivity.trained": (
        "The trained cells (the memory task's longest length), on the chart's sequence: row t "
        "shows how strongly h_t depends on each earlier input x_k. A bright first column is a "
        "cell that still sees step 1.",
        "训练后的单元(记忆任务的最长长度),在图中的序列上:第 t 行表示 h_t 对每个更早输入 x_k 的依赖"
        "程度。第一列明亮,说明该单元仍能看到第 1 步。",
    ),
}
