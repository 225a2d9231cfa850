"""Gate inspector strings (prefix "gt."): page, controls, figures, guides and data errors."""

# The equations (LaTeX, for st.latex), as torch computes the cells.
_LSTM = (
    r"\begin{aligned} i_t &= \sigma(W_{ii}x_t + W_{hi}h_{t-1} + b_i) &"
    r" f_t &= \sigma(W_{if}x_t + W_{hf}h_{t-1} + b_f)\\"
    r" g_t &= \tanh(W_{ig}x_t + W_{hg}h_{t-1} + b_g) &"
    r" o_t &= \sigma(W_{io}x_t + W_{ho}h_{t-1} + b_o)\\"
    r" c_t &= f_t \odot c_{t-1} + i_t \odot g_t & h_t &= o_t \odot \tanh(c_t)\end{aligned}"
)
_GRU = (  # torch's GRU, then tutorial 000's candidate (its reset gate before the matrix)
    r"\begin{aligned} r_t &= \sigma(W_{ir}x_t + W_{hr}h_{t-1} + b_r) &"
    r" z_t &= \sigma(W_{iz}x_t + W_{hz}h_{t-1} + b_z)\\"
    r" n_t &= \tanh(W_{in}x_t + r_t \odot (W_{hn}h_{t-1} + b_{hn})) &"
    r" h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}\\"
    r" \text{tutorial 000: } n_t &= \tanh(W_{in}x_t + W_{hn}(r_t \odot h_{t-1}) + b_n)"
    r"\end{aligned}"
)

STRINGS = {
    "gt.title": ("Gate inspector: LSTM and GRU, step by step", "门控检查器：逐步查看 LSTM 与 GRU"),
    "gt.intro": (
        "Feed a sequence to a long short-term memory (LSTM) or gated recurrent unit (GRU) cell "
        "and watch every gate at every time step: the input gate writes, the forget gate keeps, "
        "the output gate shows.",
        "把一个序列输入长短期记忆网络（LSTM）或门控循环单元（GRU），观察每个时间步上的每个门："
        "输入门负责写入，遗忘门负责保留，输出门负责输出。",
    ),
    "gt.equations": ("The equations", "公式"),
    "gt.equations.lstm": (_LSTM, _LSTM),
    "gt.equations.gru": (_GRU, _GRU),
    "gt.equations.gru_note": (
        "These are PyTorch's GRU equations, what the app computes: the reset gate r acts after "
        "the matrix, r ⊙ (W_hn h + b_hn), and z = 1 keeps the old state. Tutorial 000's GRU "
        "applies r before the matrix, W_hn (r ⊙ h) (last line), and writes h = (1 − z)·h_prev "
        "+ z·h̃, so its z = 1 takes the new state (only a relabelling, z ↔ 1 − z). Where r acts is "
        "a real difference: with the same weights the two cells give different states. The "
        "inspector's random GRU (8 units, seed 0) on 200 random bits: h differs by up to "
        "{gap1} at weight scale {scale1}, by up to {gap2} at scale {scale2}.",
        "这里是 PyTorch 的 GRU 公式，也就是本应用的计算方式：重置门 r 作用在矩阵之后，"
        "r ⊙（W_hn h + b_hn）；z = 1 时保留旧状态。教程 000 的 GRU 在矩阵之前应用 r，即 "
        "W_hn（r ⊙ h）（最后一行），并写成 h = (1 − z)·h_prev + z·h̃，所以它的 z = 1 表示取新状态"
        "（这只是换个记法，z ↔ 1 − z）。r 作用的位置则是真正的区别：权重相同时，两种单元给出不同的状态。"
        "检查器中的随机 GRU（8 个单元，种子 0）在 200 个随机比特上：权重尺度 {scale1} 时 h 最多相差 "
        "{gap1}，尺度 {scale2} 时最多相差 {gap2}。",
    ),
    # Sequence
    "gt.sequence": ("Sequence", "输入序列"),
    "gt.source": ("Source", "来源"),
    "gt.source.example": ("Hand-wired example (7 steps)", "手工连线示例（7 步）"),
    "gt.source.bits": ("Counting-ones bits", "“数 1”的 0/1 序列"),
    "gt.source.sine": ("Sine wave", "正弦波"),
    "gt.source.text": ("Text, one-hot", "文本（独热编码）"),
    "gt.source.paste": ("Paste numbers", "粘贴数字"),
    "gt.source.upload": ("Upload a file", "上传文件"),
    "gt.length": ("Length (steps)", "长度（步数）"),
    "gt.data_seed": ("Random seed of the bits", "0/1 序列的随机种子"),
    "gt.text": ("Text", "文本"),
    "gt.paste": (
        "Numbers: one row per time step, one column per feature",
        "数字：每行一个时间步，每列一个特征",
    ),
    "gt.file": ("Sequence file", "序列文件"),
    "gt.file.help": (
        "CSV, TSV or space-separated text (a header row is optional), a line of 0/1 "
        "characters, JSON (a list of numbers or a list of rows) or a NumPy .npy array. "
        "One row per time step, one column per feature; up to {steps} steps, {features} "
        "features and 5 MB.",
        "CSV、TSV 或空格分隔的文本（表头可有可无）、一行 0/1 字符、JSON（数字列表或行列表）"
        "或 NumPy 的 .npy 数组。每行一个时间步，每列一个特征；最多 {steps} 步、{features} "
        "个特征、5 MB。",
    ),
    "gt.file.none": (
        "No file yet: showing the hand-wired example until you upload one.",
        "还没有上传文件：在此之前显示手工连线示例。",
    ),
    "gt.file.not_in_link": (
        "Uploaded files are not part of the shared link; the link reproduces every other setting.",
        "上传的文件不会包含在分享链接中；链接会重现其余所有设置。",
    ),
    "gt.seq.summary": ("{steps} × {features}", "{steps} × {features}"),
    "gt.seq.error": ("This sequence cannot be used: {detail}", "无法使用这个序列：{detail}"),
    # Model
    "gt.model": ("Model", "模型"),
    "gt.model.kind": ("Weights", "权重"),
    "gt.model.hand": ("Hand-wired memory cell", "手工连线的记忆单元"),
    "gt.model.random": ("Random", "随机初始化"),
    "gt.model.trained": ("Trained on this sequence", "在此序列上训练"),
    "gt.model.file": ("Upload weights (.npz)", "上传权重（.npz）"),
    "gt.arch": ("Cell", "单元类型"),
    "gt.arch.lstm": ("LSTM", "LSTM"),
    "gt.arch.gru": ("GRU", "GRU"),
    "gt.arch.both": ("LSTM and GRU side by side", "LSTM 与 GRU 并排"),
    "gt.gain": ("Gate sharpness (gain)", "门的陡峭程度（增益）"),
    "gt.gain.help": (
        "Multiplies the gate weights (100) and biases (±10) of the hand-wired cell. Large: the "
        "gates snap to exactly 0 or 1. Small: they leak.",
        "把手工连线单元各门的权重（100）和偏置（±10）乘以这个系数。越大，门越接近严格的 0 或 1；"
        "越小，门就会“漏”。",
    ),
    "gt.hidden": ("Hidden units", "隐藏单元数"),
    "gt.scale": ("Weight scale", "权重尺度"),
    "gt.fbias": ("Forget-gate bias", "遗忘门偏置"),
    "gt.fbias.help": (
        "Added to the gate that keeps memory: the forget gate f of the LSTM, the update gate z "
        "of the GRU. Tutorial 000 (§6.1) sets the LSTM's forget-gate bias to 1.0; the app puts "
        "the same on the GRU's z.",
        "加在负责保留记忆的门上：LSTM 的遗忘门 f、GRU 的更新门 z。教程 000（§6.1）把 LSTM 的遗忘门偏置"
        "设为 1.0；本应用对 GRU 的 z 也这样设置。",
    ),
    "gt.peephole": ("Peephole connections (LSTM)", "窥视孔连接（LSTM）"),
    "gt.peephole.help": (
        "The gates also see the cell: i and f see c(t−1), o sees c(t).",
        "各门还能“看到”记忆单元：i 和 f 看 c(t−1)，o 看 c(t)。",
    ),
    "gt.seed": ("Random seed of the weights", "权重的随机种子"),
    "gt.epochs": ("Training epochs", "训练轮数"),
    "gt.weights": ("Weights file (.npz)", "权重文件（.npz）"),
    "gt.weights.help": (
        "A .npz with weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 in PyTorch's layout "
        "(the file this page lets you download), or a model's state_dict saved with np.savez: "
        "one prefix such as lstm. is skipped.",
        "包含 weight_ih_l0、weight_hh_l0、bias_ih_l0、bias_hh_l0（PyTorch 的布局）的 .npz 文件，"
        "也就是本页可下载的文件；也可以是用 np.savez 保存的模型 state_dict：会跳过一个前缀，如 lstm.。",
    ),
    "gt.weights.none": (
        "No weights file yet: showing a random model until you upload one.",
        "还没有上传权重文件：在此之前显示随机模型。",
    ),
    "gt.weights.loaded": (
        "Loaded a {kind} with {hidden} hidden units and {features} inputs.",
        "已载入 {kind}：{hidden} 个隐藏单元，{features} 个输入。",
    ),
    "gt.weights.mismatch": (
        "These weights expect {expected} input features but the sequence has {found}.",
        "这些权重需要 {expected} 个输入特征，而序列有 {found} 个。",
    ),
    "gt.weights.error": ("These weights cannot be used: {detail}", "无法使用这些权重：{detail}"),
    "gt.download.weights": ("Download weights (.npz)", "下载权重（.npz）"),
    "gt.hand.features": (
        "The hand-wired cell reads 3 features (x1 the value, x2 write/erase, x3 read); this "
        "sequence has {found}. Showing the hand-wired example instead.",
        "手工连线单元读取 3 个特征（x1 为数值，x2 控制写入/清除，x3 控制读出）；这个序列有 "
        "{found} 个。改为显示手工连线示例。",
    ),
    "gt.hand.only_lstm": (
        "The hand-wired memory cell is an LSTM cell with a linear candidate and output.",
        "手工连线的记忆单元是一个候选值与输出均为线性的 LSTM 单元。",
    ),
    "gt.hand.columns": (
        "It reads your sequence's 3 columns as tutorial 002's inputs: x1 = the value to store, "
        "x2 = write (1) or erase (−1), x3 = read (1). Columns made for something else give "
        "numbers that mean little: choose “Random” or “Trained on this sequence” for them.",
        "它把你的序列的 3 列当作教程 002 的输入来读：x1 = 要存的值，x2 = 写入（1）或清除（−1），"
        "x3 = 读出（1）。为别的用途准备的列得出的数字意义不大：请为它们选择“随机”或“在此序列上训练”。",
    ),
    "gt.overflow": (
        "{model}: {count} values of {gates} are infinite or NaN, from step {step} on: the "
        "weights or the inputs are so large that a product passes ±1.8e308 (64-bit floats). "
        "The charts leave them out; use smaller weights or inputs.",
        "{model}：{gates} 中有 {count} 个值是无穷大或 NaN（从第 {step} 步起）：权重或输入太大，"
        "乘积超过了 ±1.8e308（64 位浮点数的上限）。图中不显示这些值；请使用更小的权重或输入。",
    ),
    "gt.hand.table": (
        "Memory c: {memory}  ·  output h: {output}  (the tutorial: 3, 7, 7, 7, 0, 6, 6 and 0, 0, 0, 7, 0, 0, 6)",
        "记忆 c：{memory}  ·  输出 h：{output}（教程：3, 7, 7, 7, 0, 6, 6 与 0, 0, 0, 7, 0, 0, 6）",
    ),
    "gt.train.progress": (
        "Training the {kind} on next-step prediction: epoch {epoch} of {epochs}, loss {loss}",
        "正在用“预测下一步”训练 {kind}：第 {epoch}/{epochs} 轮，损失 {loss}",
    ),
    "gt.train.done": (
        "Trained {kind}: next-step loss {first} → {last} after {epochs} epochs (first {steps} steps, standardised).",
        "已训练 {kind}：{epochs} 轮后，下一步预测损失 {first} → {last}（前 {steps} 步，已标准化）。",
    ),
    "gt.train.failed": ("Training failed: {detail}", "训练失败：{detail}"),
    # View controls
    "gt.view": ("View", "查看"),
    "gt.window": (
        "Time window (full detail, at most {limit} steps)",
        "时间窗口（完整细节，最多 {limit} 步）",
    ),
    "gt.window.clipped": (
        "The window was shortened to {limit} steps so each chart stays small; pan with the slider.",
        "为了让每张图保持轻量，窗口已缩短为 {limit} 步；用滑块平移。",
    ),
    "gt.unit": ("Unit", "单元"),
    "gt.step": ("Time step for the cell diagram", "单元示意图的时间步"),
    # Figures
    "gt.fig.heatmaps": (
        "{model}: gates over time (units × steps)",
        "{model}：各门随时间的变化（单元 × 时间步）",
    ),
    "gt.fig.lines": ("{model}: unit {unit} over time", "{model}：单元 {unit} 随时间的变化"),
    "gt.fig.diagram": (
        "{model}: unit {unit} at step {step}",
        "{model}：单元 {unit} 在第 {step} 步",
    ),
    "gt.fig.overview": (
        "Whole sequence · unit {unit} · mean of every {block} steps",
        "整个序列 · 单元 {unit} · 每 {block} 步取平均",
    ),
    "gt.overview.note": (
        "The shaded band is the window shown in detail above: drag across this chart, or use "
        "the time-window slider, to move it.",
        "阴影部分是上方详细显示的窗口：在这张图上横向拖动，或使用时间窗口滑块，即可移动它。",
    ),
    "gt.axis.step": ("time step t", "时间步 t"),
    "gt.axis.unit": ("unit", "单元"),
    "gt.axis.feature": ("feature", "特征"),
    "gt.axis.value": ("value", "数值"),
    "gt.panel.x": ("input x", "输入 x"),
    "gt.panel.i": ("input gate i", "输入门 i"),
    "gt.panel.f": ("forget gate f", "遗忘门 f"),
    "gt.panel.g": ("candidate g", "候选值 g"),
    "gt.panel.o": ("output gate o", "输出门 o"),
    "gt.panel.c": ("memory cell c", "记忆单元 c"),
    "gt.panel.h": ("hidden state h", "隐藏状态 h"),
    "gt.panel.r": ("reset gate r", "重置门 r"),
    "gt.panel.z": ("update gate z", "更新门 z"),
    "gt.panel.n": ("candidate n", "候选状态 n"),
    "gt.hover": ("t = {t}, unit {unit}", "t = {t}，单元 {unit}"),
    "gt.diagram.prev": ("from step t−1", "来自第 t−1 步"),
    "gt.diagram.input": ("input x(t)", "输入 x(t)"),
    # Guides
    "gt.guide.lstm": (
        "{model}, unit {unit}, step {step}: the forget gate f = {f} keeps {f_pct}% of the old "
        "memory c = {c_prev}; the input gate i = {i} writes {i_pct}% of the candidate g = {g}; "
        "so c = {c}. The output gate o = {o} lets {o_pct}% of the memory out: h = {h}. In this "
        "window f is above 0.95 (saturated, memory held) in {open}% of steps and below 0.05 "
        "(memory erased) in {shut}%; after the {n} steps of the window, Π f = {keep} of the "
        "memory at its start is left.",
        "{model}，单元 {unit}，第 {step} 步：遗忘门 f = {f}，保留旧记忆 c = {c_prev} 的 "
        "{f_pct}%；输入门 i = {i}，写入候选值 g = {g} 的 {i_pct}%；于是 c = {c}。输出门 "
        "o = {o}，放出 {o_pct}% 的记忆：h = {h}。在这个窗口里，f 有 {open}% 的步数大于 "
        "0.95（饱和，记忆被保持），{shut}% 的步数小于 0.05（记忆被清除）；经过窗口的 {n} "
        "步后，窗口起点的记忆还剩 Π f = {keep}。",
    ),
    "gt.guide.gru": (
        "{model}, unit {unit}, step {step}: the update gate z = {z} keeps {z_pct}% of the old "
        "state h = {h_prev} and takes the rest from the candidate n = {n_value} (the reset gate "
        "r = {r} decides how much of the past went into n): h = {h}. In this window z is above "
        "0.95 (state held) in {open}% of steps.",
        "{model}，单元 {unit}，第 {step} 步：更新门 z = {z}，保留旧状态 h = {h_prev} 的 "
        "{z_pct}%，其余取自候选状态 n = {n_value}（重置门 r = {r} 决定有多少过去的信息进入 n）："
        "h = {h}。在这个窗口里，z 有 {open}% 的步数大于 0.95（状态被保持）。",
    ),
    "gt.guide.try.hand": (
        "Lower the gate sharpness to 0.1: the gates no longer snap shut, the memory leaks and "
        "the output is never exactly 0. Raise it to 10 and the tutorial's numbers come out exactly. "
        "Then paste your own rows “value, write (1) / erase (−1), read (1)” to program the cell.",
        "把门的陡峭程度降到 0.1：门不再能完全关上，记忆会泄漏，输出也不再恰好是 0。"
        "把它调到 10，教程里的数字就精确出现。然后粘贴你自己的行“数值，写入（1）/清除（−1），"
        "读出（1）”，亲手给这个单元编程。",
    ),
    "gt.guide.try.model": (
        "Set the forget-gate bias to +5, then to −5, and compare the rows of f and c: with f ≈ 1 "
        "the memory holds for hundreds of steps (no vanishing gradient along c), with f ≈ 0 it "
        "forgets at once. Then train the model on the sequence and see which units learn to "
        "count or to follow the wave.",
        "把遗忘门偏置设为 +5，再设为 −5，比较 f 与 c 的各行：f ≈ 1 时记忆可以保持几百步"
        "（沿着 c 梯度不会消失），f ≈ 0 时则立刻遗忘。然后在这个序列上训练模型，看看哪些单元学会了"
        "计数或跟随波形。",
    ),
    "gt.csv.note": (
        "The CSV holds the window shown: the input and every gate of every unit at each step.",
        "CSV 包含当前窗口：每个时间步的输入以及每个单元的每个门。",
    ),
}
