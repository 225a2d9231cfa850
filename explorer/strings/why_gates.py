"""Why gates work (`wg.`)."""

STRINGS = {
    "view.why_gates": ("Why gates work", "门控为何有效"),
    "view.why_gates.summary": (
        "A plain RNN, an LSTM and a GRU of the same size, gradient by gradient: drag the forget "
        "bias and watch the LSTM keep the gradient the RNN loses. Then train all three (and an "
        "LSTM with attention) on a memory task and see which ones still remember the first step.",
        "同样大小的普通 RNN、LSTM 和 GRU，逐个比较梯度：拖动遗忘门偏置，看 LSTM 如何保住 RNN 丢失的"
        "梯度。再在一个记忆任务上训练这三种网络（以及带注意力的 LSTM），看谁还记得第一步。",
    ),
    "wg.title": (
        "Why gates work: RNN, LSTM and GRU, gradient by gradient",
        "门控为何有效：逐个比较 RNN、LSTM 与 GRU 的梯度",
    ),
    "wg.intro": (
        "The tutorial says the LSTM solves the RNN's vanishing gradient. Here is the evidence: "
        "three cells of the same size read the same sequence, and the loss $L = g\\cdot h_T$ is "
        "sent back. One step back, the plain RNN multiplies the gradient by "
        "$\\mathrm{diag}(\\tanh'(a_t))\\,W_{hh}^\\top$; the LSTM's cell path by the forget gate "
        "$f_t$; the GRU's state path by its update gate $z_t$. Drag the **two sliders under the "
        "chart**.",
        "教程说 LSTM 解决了 RNN 的梯度消失问题。证据在这里：三个同样大小的单元读入同一个序列，把损失 "
        "$L = g\\cdot h_T$ 反向传回。每向前一步，普通 RNN 把梯度乘以 "
        "$\\mathrm{diag}(\\tanh'(a_t))\\,W_{hh}^\\top$；LSTM 的细胞通路乘以遗忘门 $f_t$；GRU 的"
        "状态通路乘以更新门 $z_t$。拖动**图下方的两个滑块**。",
    ),
    "wg.radius": ("Spectral radius ρ of the RNN's W_hh", "RNN 的 W_hh 的谱半径 ρ"),
    "wg.radius.help": (
        "Sets the chart's left slider: it rescales the plain RNN's recurrent matrix, from 0.5 to "
        "2 in steps of 0.05.",
        "设置图中左侧滑块：按比例缩放普通 RNN 的循环矩阵，范围 0.5 到 2，步长 0.05。",
    ),
    "wg.fbias": ("Forget-gate bias b (LSTM f, GRU z)", "遗忘门偏置 b（LSTM 的 f，GRU 的 z）"),
    "wg.fbias.help": (
        "Sets the chart's right slider: the bias of the gate that keeps memory, the LSTM's forget "
        "gate f and the GRU's update gate z (z = 1 keeps the state in torch's GRU), from -3 to 5.",
        "设置图中右侧滑块：保持记忆的门的偏置，即 LSTM 的遗忘门 f 和 GRU 的更新门 z（在 torch 的 GRU "
        "中 z = 1 表示保留状态），范围 -3 到 5。",
    ),
    "wg.steps": ("Sequence length T of the chart", "图中序列长度 T"),
    "wg.hidden": ("Hidden units H (every cell)", "隐藏单元数 H（每个单元相同）"),
    "wg.seed": ("Seed", "随机种子"),
    "wg.kind.rnn": ("RNN (tanh)", "RNN (tanh)"),
    "wg.kind.lstm": ("LSTM", "LSTM"),
    "wg.kind.gru": ("GRU", "GRU"),
    "wg.kind.attention": ("LSTM + attention", "LSTM + 注意力"),
    "wg.curve.rnn": ("RNN ‖∂L/∂h_k‖", "RNN ‖∂L/∂h_k‖"),
    "wg.curve.lstm_h": ("LSTM ‖∂L/∂h_k‖", "LSTM ‖∂L/∂h_k‖"),
    "wg.curve.lstm_c": ("LSTM ‖∂L/∂c_k‖ (cell)", "LSTM ‖∂L/∂c_k‖（细胞）"),
    "wg.curve.gru": ("GRU ‖∂L/∂h_k‖", "GRU ‖∂L/∂h_k‖"),
    "wg.curve.trained": ("{curve}, trained", "{curve}，训练后"),
    "wg.note.rnn": (
        "RNN, ρ = {radius}: mean tanh′ = {slope}<br>estimate ρ·√mean tanh′² = {estimate}<br>"
        "measured ×{per_step} per step back; ‖∂L/∂h₀‖ = {ratio}",
        "RNN，ρ = {radius}：tanh′ 均值 = {slope}<br>估计 ρ·√mean tanh′² = {estimate}<br>"
        "实测每回传一步 ×{per_step}；‖∂L/∂h₀‖ = {ratio}",
    ),
    "wg.note.gates": (
        "b = {lstm[bias]}: LSTM mean f = {lstm[forget]} → ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = {lstm[ratio]}<br>"
        "GRU mean z = {gru[update]} → ‖∂L/∂h₀‖ = {gru[ratio]}",
        "b = {lstm[bias]}：LSTM 的 f 均值 = {lstm[forget]} → ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = {lstm[ratio]}<br>"
        "GRU 的 z 均值 = {gru[update]} → ‖∂L/∂h₀‖ = {gru[ratio]}",
    ),
    "wg.chart.title": (
        "How much of the gradient reaches step k (at initialisation)",
        "梯度有多少能传回第 k 步（初始化时）",
    ),
    "wg.chart.title.trained": (
        "How much of the gradient reaches step k (solid: at initialisation; dotted: trained)",
        "梯度有多少能传回第 k 步（实线：初始化时；点线：训练后）",
    ),
    "wg.axis.seq_step": ("step of the sequence", "序列中的步"),
    "wg.axis.grad": ("gradient norm (log)", "梯度范数（对数）"),
    "wg.axis.k": ("step k (the loss is at k = T)", "时间步 k（损失在 k = T）"),
    "wg.slider.rho": ("RNN ρ = ", "RNN ρ = "),
    "wg.slider.bias": ("forget bias b = ", "遗忘门偏置 b = "),
    "wg.lesson.header": ("The lesson in numbers", "用数字看结论"),
    "wg.lesson.rnn": (
        "**RNN** (ρ = {radius}): each step back multiplies by diag(tanh′)·W_hh. Mean tanh′ = "
        "{slope}; a norm meets the root mean square √mean tanh′² = {rms}, so the estimate is "
        "ρ·{rms} = **{estimate}** per step. Measured: ×{per_step} per step (the geometric mean "
        "over the {T} steps), {versus}; ‖∂L/∂h₀‖ = **{ratio}** after {T} steps.",
        "**RNN**（ρ = {radius}）：每回传一步乘以 diag(tanh′)·W_hh。tanh′ 均值 = {slope}；范数遇到的"
        "是均方根 √mean tanh′² = {rms}，所以估计每步乘以 ρ·{rms} = **{estimate}**。实测每步 "
        "×{per_step}（{T} 步的几何平均），{versus}；{T} 步后 ‖∂L/∂h₀‖ = **{ratio}**。",
    ),
    "wg.versus.close": ("close to the estimate", "与估计接近"),
    "wg.versus.below": (
        "below the estimate, which treats every step as an average one",
        "比估计小，因为估计把每一步都当成平均的一步",
    ),
    "wg.versus.above": (
        "above the estimate, which treats every step as an average one",
        "比估计大，因为估计把每一步都当成平均的一步",
    ),
    "wg.versus.none": ("no gradient is left to compare", "没有剩下可比较的梯度"),
    "wg.lesson.lstm": (
        "**LSTM** (b = {bias}): the direct path along the cell multiplies by f_t. Mean f = "
        "**{forget}**; the product of f over {T} steps is {product}; measured "
        "‖∂L/∂c₀‖/‖∂L/∂c_T‖ = **{ratio}** (×{per_step} per step). {why}",
        "**LSTM**（b = {bias}）：沿细胞的直接通路每步乘以 f_t。f 均值 = **{forget}**；{T} 步的 f "
        "连乘为 {product}；实测 ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = **{ratio}**（每步 ×{per_step}）。{why}",
    ),
    "wg.cell.grows": (
        "The ratio is above 1 although every f < 1: ∂L/∂c₀ is not only what the direct path "
        "carries back (the product of f); at every step the gradient also re-enters the cell "
        "through h_t and the gates' recurrent weights, and here those contributions add up to "
        "more than ∂L/∂c_T.",
        "尽管每个 f 都小于 1，这个比值却大于 1：∂L/∂c₀ 不只是直接通路传回来的部分（f 的连乘）；"
        "每一步梯度还会经过 h_t 和各个门的循环权重重新进入细胞，这里这些贡献加起来超过了 ∂L/∂c_T。",
    ),
    "wg.cell.more": (
        "It is more than the product of f: at every step the gradient also re-enters the cell "
        "through h_t and the gates' recurrent weights.",
        "它比 f 的连乘大：每一步梯度还会经过 h_t 和各个门的循环权重重新进入细胞。",
    ),
    "wg.cell.direct": (
        "It is at most the product of f: here the paths through h_t and the gates add nothing "
        "to the direct one.",
        "它不超过 f 的连乘：这里经过 h_t 和各个门的通路没有给直接通路增加什么。",
    ),
    "wg.lesson.gru": (
        "**GRU** (b = {bias}): the state path multiplies by z_t. Mean z = **{update}**; measured "
        "‖∂L/∂h₀‖ = **{ratio}** (×{per_step} per step).",
        "**GRU**（b = {bias}）：状态通路每步乘以 z_t。z 均值 = **{update}**；实测 ‖∂L/∂h₀‖ = "
        "**{ratio}**（每步 ×{per_step}）。",
    ),
    "wg.lesson.trained": (
        "**After training** (at T = {T}), on the same sequence: RNN ρ(W_hh) = {rnn[radius]}, mean "
        "tanh′ = {rnn[slope]}, ‖∂L/∂h₀‖ = **{rnn[ratio]}**; LSTM mean f = **{lstm[forget]}**, "
        "‖∂L/∂c₀‖/‖∂L/∂c_T‖ = **{lstm[ratio]}**; GRU mean z = **{gru[update]}**, ‖∂L/∂h₀‖ = "
        "**{gru[ratio]}**.",
        "**训练后**（T = {T}），同一序列上：RNN ρ(W_hh) = {rnn[radius]}，tanh′ 均值 = {rnn[slope]}，"
        "‖∂L/∂h₀‖ = **{rnn[ratio]}**；LSTM 的 f 均值 = **{lstm[forget]}**，‖∂L/∂c₀‖/‖∂L/∂c_T‖ = "
        "**{lstm[ratio]}**；GRU 的 z 均值 = **{gru[update]}**，‖∂L/∂h₀‖ = **{gru[ratio]}**。",
    ),
    "wg.start.caption": (
        "Solid: at initialisation, drawn as the training below starts: {weights}, biases 0 "
        "({owner}); the keep gate's bias b is the right slider (the training starts it at "
        "{bias}). Dotted: after training on the memory task below, at its longest length. The "
        "sliders redraw in the browser; on release the numbers beside the chart, the guide and "
        "the link follow.",
        "实线：初始化时，按下方训练的起点抽取：{weights}，偏置为 0（{owner}）；保持门的偏置 b 由右侧"
        "滑块设定（训练从 {bias} 开始）。点线：在下方记忆任务最长长度上训练后。滑块在浏览器中重绘；"
        "松开后，图旁的数字、阅读指南和链接随之更新。",
    ),
    "wg.weights.torch": (
        "torch's default weights, U(−1/√H, 1/√H), seeded",
        "torch 默认权重 U(−1/√H, 1/√H)，固定种子",
    ),
    "wg.weights.orthogonal": ("every weight matrix orthogonal", "每个权重矩阵都是正交矩阵"),
    "wg.owner.app": (
        "this app's choice, not the tutorial's: tutorial 000 §6.1 makes every matrix orthogonal "
        "and starts the forget bias at 1; one click on its set-up below",
        "这是本应用的选择，不是教程的：教程 000 §6.1 把每个矩阵取为正交矩阵，遗忘门偏置从 1 开始；"
        "在下方点一下即可换成它的设置",
    ),
    "wg.owner.app_b1": (
        "the weights are this app's choice; the forget bias 1 is tutorial 000 §6.1's, whose "
        "matrices are orthogonal",
        "权重是本应用的选择；遗忘门偏置 1 来自教程 000 §6.1，而教程的矩阵是正交的",
    ),
    "wg.owner.tutorial": (
        "as tutorial 000 §6.1; this app's own default is torch's default weights with forget "
        "bias 3",
        "与教程 000 §6.1 相同；本应用自己的默认设置是 torch 默认权重加遗忘门偏置 3",
    ),
    "wg.guide.notice": (
        "After {T} steps back, at b = {bias}: {lstm}; {rnn}; {gru}.",
        "回传 {T} 步后，在 b = {bias} 时：{lstm}；{rnn}；{gru}。",
    ),
    "wg.guide.lstm.keeps": (
        "the LSTM's cell keeps ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = {ratio} of its gradient",
        "LSTM 的细胞保住了 ‖∂L/∂c₀‖/‖∂L/∂c_T‖ = {ratio} 的梯度",
    ),
    "wg.guide.lstm.grows": (
        "the LSTM's cell gradient is {ratio} times as large at c₀ as at c_T (the gradient that "
        "re-enters through h and the gates at every step adds to the direct path, whose product "
        "of f is {product})",
        "LSTM 细胞在 c₀ 的梯度是 c_T 的 {ratio} 倍（每一步经过 h 和各个门重新进入的梯度加到了直接通路上，"
        "直接通路的 f 连乘是 {product}）",
    ),
    "wg.guide.rnn.keeps": (
        "the plain RNN at ρ = {radius} keeps {ratio} (×{per_step} per step)",
        "ρ = {radius} 的普通 RNN 只剩 {ratio}（每步 ×{per_step}）",
    ),
    "wg.guide.rnn.grows": (
        "the plain RNN at ρ = {radius} grows to {ratio} times its size (×{per_step} per step)",
        "ρ = {radius} 的普通 RNN 增大到 {ratio} 倍（每步 ×{per_step}）",
    ),
    "wg.guide.gru.keeps": ("the GRU keeps {ratio}", "GRU 剩 {ratio}"),
    "wg.guide.gru.grows": ("the GRU's grows to {ratio} times its size", "GRU 的增大到 {ratio} 倍"),
    "wg.guide.try": (
        "- Drag the forget bias to **+5**: f ≈ 0.99, the dashed cell curve stays almost flat. "
        "At **-3** (f ≈ 0.05) it falls faster than the RNN's.\n"
        "- Drag ρ to **1.5** or **2**: at initialisation the plain RNN's gradient survives too "
        "(the mean tanh′ in the numbers above the chart falls as ρ grows, which holds the "
        "estimate ρ·√mean tanh′² near 1). Training does not keep it there: compare the trained RNN's numbers once the "
        "models below are trained.\n"
        "- Train the models below and compare the dotted curves and the trained numbers with the "
        "solid ones: what training did to each path.",
        "- 把遗忘门偏置拖到 **+5**：f ≈ 0.99，虚线的细胞曲线几乎保持水平。拖到 **-3**（f ≈ 0.05），它比 "
        "RNN 的曲线下降得还快。\n"
        "- 把 ρ 拖到 **1.5** 或 **2**：初始化时普通 RNN 的梯度也能保住（图上方数字中的 tanh′ 均值随 ρ 增大而"
        "下降，使估计 ρ·√mean tanh′² 保持在 1 附近）。训练并不会让它停在那里：训练完下方的模型后，比较训练后 RNN 的数字。\n"
        "- 训练下方的模型，把点线和训练后的数字与实线比较：训练对每条通路做了什么。",
    ),
    # the memory task
    "wg.task.header": ("A memory task: remember the first step", "记忆任务：记住第一步"),
    "wg.chance": ("chance", "随机猜测"),
    "wg.axis.length": ("sequence length T", "序列长度 T"),
    "wg.axis.accuracy": ("accuracy", "准确率"),
    "wg.axis.step": ("training step", "训练步"),
    "wg.axis.loss": ("loss (cross-entropy)", "损失（交叉熵）"),
    "wg.accuracy.title": ("Accuracy against the length T", "准确率随长度 T 的变化"),
    "wg.loss.title": ("Training loss at T = {T}", "T = {T} 时的训练损失"),
    "wg.lengths": ("Lengths T to train on", "训练用的长度 T"),
    "wg.train_steps": ("Training steps (batches of 32)", "训练步数（每批 32 条）"),
    "wg.train_init": ("How the models start", "模型的初始化"),
    "wg.train_init.app": (
        "This app's choice: torch's default weights, forget bias 3",
        "本应用的选择：torch 默认权重，遗忘门偏置 3",
    ),
    "wg.train_init.app_b1": (
        "torch's default weights, forget bias 1",
        "torch 默认权重，遗忘门偏置 1",
    ),
    "wg.train_init.tutorial": (
        "Tutorial 000 §6.1: orthogonal matrices, forget bias 1",
        "教程 000 §6.1：正交矩阵，遗忘门偏置 1",
    ),
    "wg.train_init.help": (
        "Forget bias 3 with torch's default weights is this app's own choice (f ≈ 0.95 at the "
        "start): with it the LSTM learns the task. Tutorial 000 §6.1 starts the forget gate at 1 "
        "(f ≈ 0.73) and makes every weight matrix orthogonal. (Its helper orthogonal(shape) calls "
        "np.linalg.svd with full matrices, so asked for (3, 5) it returns a (5, 5) matrix; the "
        "app takes the (3, 5) factor of the thin SVD, whose rows are orthonormal.) The app puts "
        "the same bias on the GRU's update gate z. Measured with torch's default weights and "
        "bias 1: the LSTM and the GRU are at chance from T = 50 too, while the attention model "
        "still answers, and at T = 200 its attention spikes on step 1: the gate's starting point "
        "matters. Measured with the tutorial's set-up (seed 0, 300 steps): the plain RNN, its "
        "W_hh orthogonal, still remembers at T = 50 (67% at 100); the LSTM up to T = 100 (49% at "
        "200); the GRU up to T = 50 (53% at 100); the attention model at every length.",
        "遗忘门偏置 3 加 torch 默认权重是本应用自己的选择（开始时 f ≈ 0.95）：这样 LSTM 能学会这个任务。"
        "教程 000 §6.1 把遗忘门偏置设为 1（f ≈ 0.73），并把每个权重矩阵取为正交矩阵。（它的辅助函数 "
        "orthogonal(shape) 调用 np.linalg.svd 时返回完整矩阵，所以要 (3, 5) 时它返回 (5, 5) 的矩阵；"
        "本应用取精简 SVD 中 (3, 5) 的因子，其各行正交归一。）本应用对 GRU 的更新门 z 使用同样的偏置。"
        "实测（torch 默认权重、偏置 1）：从 T = 50 起 LSTM 和 GRU 也只是随机猜测，而注意力模型仍能回答，"
        "且在 T = 200 时注意力集中在第 1 步：门的起点很重要。实测（教程的设置，种子 0，300 步）："
        "W_hh 为正交矩阵的普通 RNN 在 T = 50 时仍能记住（T = 100 时 67%）；LSTM 能记到 T = 100"
        "（T = 200 时 49%）；GRU 能记到 T = 50（T = 100 时 53%）；注意力模型在每个长度上都能记住。",
    ),
    "wg.train_seed": ("Training seed", "训练随机种子"),
    "wg.start.intro": (
        "Each sequence starts with a bit b = ±1 (and a cue marking step 1); every later step "
        "brings only noise. After T steps the model must say b. Nothing after step 1 helps, so "
        "a model right more than half of the time carries b across T − 1 noisy steps: T is the "
        "difficulty. The four models (the same H as above; the fourth is the tutorial's "
        "AttentionLSTM, which reads its answer from all its states) start as chosen below, now: "
        "{weights}, biases 0, the forget gate's {bias} (f ≈ {f}; {owner}). They train with "
        "Adam and gradient clipping (of the norm, at 1), on the server, once for the whole class.",
        "每个序列以一个比特 b = ±1 开头（并有一个标记第 1 步的提示），之后每一步只有噪声。T 步之后，"
        "模型必须说出 b。第 1 步之后的内容毫无帮助，所以正确率超过一半的模型必须把 b 带过 T − 1 个"
        "噪声步：T 就是难度。四个模型（H 同上；第四个是教程中的 AttentionLSTM，它从所有状态中读取"
        "答案）按下方所选方式初始化，当前为：{weights}，偏置为 0，遗忘门偏置为 {bias}"
        "（f ≈ {f}；{owner}）。它们在服务器上用 Adam 和梯度裁剪（按范数，阈值 1）训练，全班只训练一次。",
    ),
    "wg.task.train": (
        "Train the four models (at most {seconds} s of CPU; longer on the clock while others train)",
        "训练四个模型（最多 {seconds} 秒 CPU；别人也在训练时，实际等待会更久）",
    ),
    "wg.task.over": (
        "The {kind} at T = {T} would train for up to {seconds} s of CPU; a link may start at most "
        "{budget} s per model. At this length and size, choose at most {max_steps} steps (or a "
        "shorter T).",
        "T = {T} 时 {kind} 最多需要 {seconds} 秒 CPU 来训练；一个链接每个模型最多可启动 {budget} 秒。"
        "在这个长度和规模下，请选择最多 {max_steps} 步（或更短的 T）。",
    ),
    "wg.task.no_lengths": ("Choose at least one length T to train.", "请至少选择一个长度 T。"),
    "wg.task.job": (
        "Training the {kind} on T = {lengths} ({steps} steps each)",
        "正在训练 {kind}，T = {lengths}（每个 {steps} 步）",
    ),
    "wg.task.failed": ("Training failed: {detail}", "训练失败：{detail}"),
    "wg.verdict.numbers": (
        "Held-out accuracy at T = {T}: RNN **{rnn}**, LSTM **{lstm}**, GRU **{gru}**, "
        "LSTM + attention **{attention}** (chance: 50%).",
        "T = {T} 时的留出集准确率：RNN **{rnn}**，LSTM **{lstm}**，GRU **{gru}**，"
        "LSTM + 注意力 **{attention}**（随机猜测：50%）。",
    ),
    "wg.verdict.holds": (
        "The textbook result, measured: at T = {lengths} the plain RNN is at chance while the LSTM "
        "remembers the first step.",
        "测得教科书的结论：在 T = {lengths} 时，普通 RNN 只是随机猜测，而 LSTM 记住了第一步。",
    ),
    "wg.verdict.rnn_solves": (
        "Here the textbook result does not come out: the plain RNN still remembers at every length "
        "chosen (at T = {T}: {rnn}). Its gradient survives enough steps at these lengths; add a "
        "longer T (50 or more at the defaults).",
        "这里没有出现教科书的结论：在所选的每个长度上普通 RNN 都还记得（T = {T} 时：{rnn}）。在这些"
        "长度上它的梯度还能传回足够多步；请加入更长的 T（默认设置下 50 或以上）。",
    ),
    "wg.verdict.lstm_fails": (
        "Here the textbook result does not come out: where the plain RNN is at chance, the LSTM "
        "has not learned the task either (at T = {T}: RNN {rnn}, LSTM {lstm}) within this training "
        "budget. "
        "Give it more steps, shorter lengths, or the app's start (forget bias 3).",
        "这里没有出现教科书的结论：在普通 RNN 随机猜测的长度上，LSTM 在这个训练预算内也没有学会"
        "（T = {T} 时：RNN {rnn}，LSTM {lstm}）。请增加训练步数、缩短长度，或选用本应用的起点（遗忘门偏置 3）。",
    ),
    "wg.verdict.attention_holds": (
        "At T = {T} the LSTM fails too ({lstm}): with this start and budget it did not learn to "
        "carry the bit over {T} noisy steps. The LSTM with attention still answers ({attention}): its answer is read "
        "from all its states, so the gradient has short ways back to step 1 (its reach is "
        "measured below).",
        "T = {T} 时 LSTM 也失败了（{lstm}）：在这个起点和预算下，它没有学会把比特带过 {T} 个噪声步。带注意力的 "
        "LSTM 仍能回答（{attention}）：它的答案从所有状态中读取，所以梯度有通往第 1 步的短路径（下方测量了"
        "它的依赖范围）。",
    ),
    # attention
    "wg.attention.header": (
        "Attention: the answer read from every state",
        "注意力：从所有状态中读取答案",
    ),
    "wg.attention.spike": (
        "Left: the trained AttentionLSTM's weights over the steps of a few held-out sequences at "
        "T = {T}. Step 1, where the bit is, gets {first} of the weight on average (uniform would "
        "be {uniform}, dashed): the answer is read from step 1 in one hop.",
        "左：训练后的 AttentionLSTM 在几个留出序列（T = {T}）上各步的注意力权重。比特所在的第 1 步"
        "平均得到 {first} 的权重（均匀分布为 {uniform}，虚线）：答案一步就从第 1 步读出。",
    ),
    "wg.attention.spread": (
        "Left: the trained AttentionLSTM's weights over the steps of a few held-out sequences at "
        "T = {T}. Honestly: they have no spike on step 1 here ({first} on average; uniform would "
        "be {uniform}, dashed). Its LSTM, started with the forget gate at {bias}, carries the bit "
        "itself, and the attention spreads its weight over the later states, which all hold the "
        "bit: the textbook picture of attention pointing at step 1 does not come out with this "
        "set-up. It does where the LSTM cannot carry the bit: torch's default weights with "
        "forget bias 1 at T = 200 (measured: 47% of the weight on step 1).",
        "左：训练后的 AttentionLSTM 在几个留出序列（T = {T}）上各步的注意力权重。如实地说：这里第 1 步"
        "没有尖峰（平均 {first}；均匀分布为 {uniform}，虚线）。它的 LSTM 以遗忘门偏置 {bias} 开始，自己就能"
        "携带比特，注意力把权重分散在之后的各个状态上，而它们都保存着比特：在这个设置下，没有出现教科书"
        "中注意力指向第 1 步的图景。在 LSTM 无法携带比特的设置下才会出现：torch 默认权重、遗忘门偏置 1、T = 200（实测：第 1 步"
        "得到 47% 的权重）。",
    ),
    "wg.attention.reach": (
        "Right: how far each trained model's answer reaches back, ‖∂y/∂h_k‖ for the answer's logit "
        "y (exact backpropagation; for the attention model through the attention and the "
        "recurrence). At k = 1 it says how much step 1 can still change the answer.",
        "右：各个训练后模型的答案能回溯多远，即答案 logit y 的 ‖∂y/∂h_k‖（精确反向传播；注意力模型同时"
        "经过注意力和循环）。k = 1 处的值表示第 1 步还能在多大程度上改变答案。",
    ),
    "wg.attention.title": (
        "The trained attention model: its weights and its reach",
        "训练后的注意力模型：权重与依赖范围",
    ),
    "wg.attention.weights": ("attention weights, a few samples", "注意力权重（几个样本）"),
    "wg.axis.k_state": ("state step k", "状态步 k"),
    "wg.attention.grad": (
        "‖∂y/∂h_k‖: the answer's reach to step k (log)",
        "‖∂y/∂h_k‖：答案对第 k 步的依赖（对数）",
    ),
    "wg.attention.sample": ("sample {n}", "样本 {n}"),
    "wg.axis.weight": ("weight", "权重"),
    # connectivity
    "wg.connectivity.header": ("How far back each cell looks", "每种单元能看多远"),
    "wg.connectivity.title": ("Connectivity ‖∂h_t/∂x_k‖", "连接度 ‖∂h_t/∂x_k‖"),
    "wg.axis.input": ("input step k", "输入步 k"),
    "wg.axis.state": ("state step t", "状态步 t"),
    "wg.connectivity.init": (
        "At initialisation (ρ and b as above), on the chart's sequence (its first 100 steps at "
        "most): row t shows how strongly "
        "the state h_t depends on each earlier input x_k. Train the models above to see the "
        "trained cells.",
        "初始化时（ρ 和 b 同上），在图中的序列上（最多前 100 步）：第 t 行表示状态 h_t 对每个更早输入 x_k 的依赖程度。"
        "训练上方的模型，可看到训练后的单元。",
    ),
    "wg.connectivity.trained": (
        "The trained cells (the memory task's longest length), on the chart's sequence (its "
        "first 100 steps at most): row t "
        "shows how strongly h_t depends on each earlier input x_k. A bright first column is a "
        "cell that still sees step 1.",
        "训练后的单元（记忆任务的最长长度），在图中的序列上（最多前 100 步）：第 t 行表示 h_t 对每个更早输入 x_k 的依赖"
        "程度。第一列明亮，说明该单元仍能看到第 1 步。",
    ),
}
