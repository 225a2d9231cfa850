"""Unrolled RNN page (`un.`)."""

STRINGS = {
    "un.title": ("The unrolled RNN", "按时间展开的循环神经网络"),
    "un.intro": (
        "One recurrent network, drawn once per time step, with the same weights at every step "
        "(tutorial 001: the parameter matrix W is shared). Every node shows its real numbers; "
        "colours go from blue (negative) through white to red (positive).",
        "同一个循环神经网络，每个时间步画一次，所有时间步共用同一组权重（教程 001：参数矩阵 W "
        "在整个计算过程中是共享的）。每个节点都显示真实数值；颜色从蓝色（负）经白色到红色（正）。",
    ),
    "un.setup": ("Network and input", "网络与输入"),
    "un.preset": ("Preset network", "预设网络"),
    "un.preset.worked": (
        "Worked example: 2-2-2, all weights 1, linear",
        "讲义例题：2-2-2，权重全为 1，线性",
    ),
    "un.preset.counting": (
        "Counting ones: 1 unit, linear (w_x = 1)",
        "数 1：单个神经元，线性（w_x = 1）",
    ),
    "un.preset.random": ("Random RNN (seeded)", "随机循环神经网络（指定种子）"),
    "un.preset.help": (
        "The worked example is tutorial 002's: inputs (1,1), (1,1), (2,2) give memories (2,2), "
        "(6,6), (16,16) and outputs (4,4), (12,12), (32,32). Counting ones is the Loss surface "
        "page's RNN: with w_rec = 1 the last state is the number of ones.",
        "讲义例题来自教程 002：输入 (1,1)、(1,1)、(2,2) 依次得到记忆 (2,2)、(6,6)、(16,16)，"
        "输出 (4,4)、(12,12)、(32,32)。“数 1”就是损失曲面页面中的循环神经网络：w_rec = 1 时，"
        "最后的状态正好等于 1 的个数。",
    ),
    "un.arch": ("Architecture", "网络结构"),
    "un.arch.help": (
        "The structures of tutorials 001 and 002, each computed, not just pictured.",
        "教程 001 与 002 中的各种结构，每一种都真正参与计算，而不只是示意图。",
    ),
    "un.arch.n_to_n": ("N → N (an output at every step)", "N → N（每步都有输出）"),
    "un.arch.n_to_1": ("N → 1 (one output at the end)", "N → 1（只在最后输出）"),
    "un.arch.one_to_n_first": (
        "1 → N (input at the first step only)",
        "1 → N（只在第一步输入）",
    ),
    "un.arch.one_to_n_every": (
        "1 → N (the same input at every step)",
        "1 → N（每一步输入同一个 x）",
    ),
    "un.arch.enc_dec_init": (
        "N → M encoder–decoder (h′₀ = c)",
        "N → M 编码器–解码器（h′₀ = c）",
    ),
    "un.arch.enc_dec_input": (
        "N → M encoder–decoder (c every step)",
        "N → M 编码器–解码器（每步输入 c）",
    ),
    "un.arch.jordan": ("Jordan network (the memory holds y)", "Jordan 网络（记忆存储输出 y）"),
    "un.arch.bidir": ("Bidirectional", "双向循环神经网络"),
    "un.arch.note.n_to_n": (
        "Every input has its output: sequence labelling, named-entity recognition, video frames.",
        "每个输入对应一个输出：序列标注、命名实体识别、视频帧分类等。",
    ),
    "un.arch.note.n_to_1": (
        "Only $y_N$ is produced; it carries the whole sequence: text or image classification.",
        "只输出 $y_N$，它包含了整个输入序列的信息：文本分类、图像分类等。",
    ),
    "un.arch.note.one_to_n_first": (
        "The first row of the input is the seed; later steps get no input and run on memory "
        "alone: image captions, music generation.",
        "输入序列的第一行作为种子数据，之后的时间步没有输入，只靠记忆运行：看图说话、生成音乐等。",
    ),
    "un.arch.note.one_to_n_every": (
        "The first row of the input is fed again at every step.",
        "输入序列的第一行在每个时间步都重复输入。",
    ),
    "un.arch.note.enc_dec_init": (
        "The encoder reads all N inputs; its last state, the context $c = h_N$, initialises the "
        "decoder ($h'_0 = c$), which runs M steps with no input: translation, summaries.",
        "编码器读完 N 个输入，它的最后状态即上下文向量 $c = h_N$，用来初始化解码器（$h'_0 = c$），"
        "解码器在没有输入的情况下运行 M 步：机器翻译、文本摘要等。",
    ),
    "un.arch.note.enc_dec_input": (
        "The context $c = h_N$ is the decoder's input at every one of its M steps ($h'_0 = 0$).",
        "上下文向量 $c = h_N$ 作为解码器 M 个时间步中每一步的输入（$h'_0 = 0$）。",
    ),
    "un.arch.note.jordan": (
        "Elman stores the hidden value $h_{t-1}$; Jordan stores the previous output $y_{t-1}$ "
        "(tutorial 002). Compare the numbers with N → N on the worked example.",
        "Elman 网络存储隐藏层的值 $h_{t-1}$，Jordan 网络存储上一时刻的输出 $y_{t-1}$（教程 002）。"
        "在讲义例题上与 N → N 的数值比较一下。",
    ),
    "un.arch.note.bidir": (
        "One RNN reads left to right ($h^{→}$), another right to left ($h^{←}$); each output "
        "sees both, so it knows the past and the future.",
        "一个循环神经网络从左往右读（$h^{→}$），另一个从右往左读（$h^{←}$）；每个输出同时看到"
        "两者，因此既了解过去也了解未来。",
    ),
    "un.source": ("Input sequence", "输入序列"),
    "un.source.preset": ("The preset's", "预设序列"),
    "un.source.random": ("Random (seeded)", "随机（指定种子）"),
    "un.source.typed": ("Typed", "手动输入"),
    "un.text": ("Your sequence", "你的序列"),
    "un.text.help": (
        "One line such as 1,0,1,1: each number is one step (given to every input). Or one row "
        "per step (new lines or ;), with one number or one per input, e.g. 1,1 / 1,1 / 2,2. "
        "At most 500 steps.",
        "单行，例如 1,0,1,1：每个数是一个时间步（同时送给每个输入）。或者每行一个时间步（换行或用 ; "
        "分隔），每行一个数或每个输入一个数，例如 1,1 / 1,1 / 2,2。最多 500 步。",
    ),
    "un.steps": ("Steps", "时间步数"),
    "un.seed": ("Random seed", "随机种子"),
    "un.hidden": ("Hidden units", "隐藏单元数"),
    "un.act": ("Activation f", "激活函数 f"),
    "un.act.tanh": ("tanh", "tanh"),
    "un.act.relu": ("ReLU", "ReLU"),
    "un.act.identity": ("linear (identity)", "线性（恒等）"),
    "un.act.sigmoid": ("sigmoid", "sigmoid"),
    "un.dec_steps": ("Decoder steps M", "解码器步数 M"),
    "un.scale.worked": ("Start value of α (every W_hh entry)", "α 的起始值（W_hh 的每个元素）"),
    "un.scale.counting": ("Start value of w_rec", "w_rec 的起始值"),
    "un.scale.random": ("Start value of ρ(W_hh)", "ρ(W_hh) 的起始值"),
    "un.scale.help": (
        "Sets the slider under the diagram. That slider changes the recurrent weights in the "
        "browser while you drag (from -2 to 2 in steps of 0.1); this value is also what the "
        "heatmap, the download and the link use.",
        "设置图下方滑块的初始位置。拖动那个滑块时，循环权重在浏览器中实时变化（-2 到 2，步长 "
        "0.1）；这里的值同时用于热力图、数据下载和分享链接。",
    ),
    "un.slider.worked": ("α = ", "α = "),
    "un.slider.counting": ("w_rec = ", "w_rec = "),
    "un.slider.random": ("ρ(W_hh) = ", "ρ(W_hh) = "),
    "un.backward": ("Show the backward pass (BPTT)", "显示反向传播（BPTT）"),
    "un.trunc": ("Truncate BPTT after k steps (0 = full)", "截断 BPTT 的长度 k（0 = 完整）"),
    "un.trunc.help": (
        "Truncated backpropagation through time, as torch code usually does it: the hidden state "
        "is detached every k steps (h = h.detach()), so no gradient goes back further than the "
        "start of its chunk of k steps. 0, or any k at least the sequence length, is full BPTT.",
        "截断的随时间反向传播，按 torch 代码的常见做法：每 k 步把隐藏状态分离一次"
        "（h = h.detach()），于是梯度最多回传到它所在的 k 步小段的开头。0，或不小于序列长度的 k，"
        "就是完整的 BPTT。",
    ),
    "un.trunc.caption": (
        "Truncated BPTT with k = {k}: the hidden state is detached after steps k, 2k, … "
        "(torch's h = h.detach() every k steps), so the sequence of T = {T} steps falls into "
        "chunks of {k} and no gradient crosses from a chunk into the one before. The grey "
        "arrows marked ✂ are the {cuts} it cuts; the nodes show the truncated gradients. The "
        "table sets each weight's truncated gradient beside the full one.",
        "截断 BPTT，k = {k}：在第 k、2k、… 步之后分离隐藏状态（torch 中每 k 步执行一次 "
        "h = h.detach()），于是 T = {T} 步的序列被分成每段 {k} 步，梯度不会从一段传回前一段。"
        "标有 ✂ 的灰色箭头就是被截断的 {cuts} 个箭头；节点中显示的是截断后的梯度。"
        "下表把每个权重截断后的梯度与完整梯度并排列出。",
    ),
    "un.trunc.arch": (
        "Truncation (k = {k}) is drawn for the plain RNN: choose N→N, N→1 or 1→N.",
        "截断（k = {k}）只对普通循环神经网络绘制：请选择 N→N、N→1 或 1→N。",
    ),
    "un.trunc.col.weight": ("weight", "权重"),
    "un.trunc.col.full": ("∂L/∂W, full BPTT", "∂L/∂W，完整 BPTT"),
    "un.trunc.col.cut": ("∂L/∂W, truncated (k = {k})", "∂L/∂W，截断（k = {k}）"),
    "un.trunc.col.error": ("relative error", "相对误差"),
    "un.trunc.verdict.none": (
        "k = {k} is at least the sequence length T = {T}: no arrow is cut, so truncated BPTT is "
        "full BPTT and leaves every gradient exact.",
        "k = {k} 不小于序列长度 T = {T}：没有箭头被截断，截断 BPTT 就是完整 BPTT，"
        "每个梯度都保持精确。",
    ),
    "un.trunc.verdict.exact": (
        "The {cuts} cut arrows carry no gradient here, so the truncation leaves every gradient "
        "exact (every relative error is 0%).",
        "这里被截断的 {cuts} 个箭头本来就不传递梯度，所以截断让每个梯度都保持精确"
        "（相对误差全为 0%）。",
    ),
    "un.trunc.verdict.changes": (
        "The truncation changes the gradient: by {error} for {worst}, the most of any weight "
        "(relative error ‖g_k − g‖ / ‖g‖). W_hy and b_y stay exact: the loss reaches them "
        "without crossing a cut arrow.",
        "截断改变了梯度：{worst} 的梯度改变了 {error}，是所有权重中最大的"
        "（相对误差 ‖g_k − g‖ / ‖g‖）。W_hy 和 b_y 保持精确：损失到达它们不经过被截断的箭头。",
    ),
    "un.trunc.verdict.overflow": (
        "A gradient overflowed (∞), so its relative error is not a number (—): truncation "
        "cannot be judged here.",
        "有梯度溢出（∞），它的相对误差无法计算（—）：这里无法判断截断的影响。",
    ),
    "un.loss": ("Loss L", "损失 L"),
    "un.loss.last": ("sum of the last output (∂L/∂y_T = 1)", "最后一个输出之和（∂L/∂y_T = 1）"),
    "un.loss.every": ("sum of every output (∂L/∂y_t = 1)", "所有输出之和（∂L/∂y_t = 1）"),
    "un.start": ("First step shown", "窗口起始步"),
    "un.fig.value": ("value", "数值"),
    "un.fig.diagram.fwd": (
        "Forward pass: the value in every node (drag the slider below)",
        "前向传播：每个节点的值（拖动下方滑块）",
    ),
    "un.fig.diagram.bwd": (
        "Backward pass (BPTT): ∂L/∂ of every node, and the factor per step back (red)",
        "反向传播（BPTT）：每个节点的 ∂L/∂，以及每回传一步的倍数（红色）",
    ),
    "un.caption.drag": (
        "Drag the slider under the diagram: the numbers follow while you drag (41 precomputed "
        "frames). Arrows carry the shared weights; the same matrices are used at every step.",
        "拖动图下方的滑块：数字随拖动实时变化（预先计算的 41 帧）。箭头上标的是共享权重，"
        "每个时间步用的都是同一组矩阵。",
    ),
    "un.caption.backward": (
        "Backward: the arrows point the way the gradient travels. The red ×factor on a "
        "recurrent arrow is ‖the part of the gradient sent back along it‖ ÷ ‖∂L/∂ of the node "
        "it leaves‖ (signed for one unit); below 1 the gradient shrinks, above 1 it grows.",
        "反向传播：箭头指向梯度传递的方向。循环箭头上的红色 ×倍数 = 沿该箭头回传的梯度的范数 ÷ "
        "出发节点 ∂L/∂ 的范数（单个神经元时带符号）；小于 1 梯度变小，大于 1 梯度变大。",
    ),
    "un.caption.window": (
        "Showing steps {lo} to {hi} of {n}; move the window with “First step shown”. The "
        "heatmap shows all steps, with the window outlined.",
        "显示第 {lo} 到第 {hi} 步（共 {n} 步）；用“窗口起始步”滑块移动窗口。热力图显示全部时间步，"
        "虚线框标出当前窗口。",
    ),
    "un.caption.cells": (
        "Each node shows its first {shown} of {n} units; the heatmap shows them all.",
        "每个节点只显示前 {shown} 个单元（共 {n} 个）；热力图显示全部单元。",
    ),
    "un.caption.typed_fallback": (
        "Showing the preset's sequence until the text is fixed.",
        "在文本修正之前，先显示预设序列。",
    ),
    "un.states.header": ("Hidden states over time", "隐藏状态随时间的变化"),
    "un.fig.states.fwd": ("Hidden states h_t: units × time", "隐藏状态 h_t：单元 × 时间"),
    "un.fig.states.bwd": ("Gradients ∂L/∂h_t: units × time", "梯度 ∂L/∂h_t：单元 × 时间"),
    "un.axis.step": ("step", "时间步"),
    "un.axis.unit": ("unit", "单元"),
    "un.states.caption": (
        "Rows are hidden units, columns are time steps (h→/h← for the two directions, "
        "1', 2', … for the decoder). Values at the current slider start value.",
        "行是隐藏单元，列是时间步（双向网络分 →/← 两个方向，解码器的时间步记为 1'、2'……）。"
        "数值对应当前的起始值。",
    ),
    "un.err.title": ("The typed sequence could not be read.", "无法读取输入的序列。"),
    "un.err.empty": (
        "The text box is empty: type numbers such as 1,0,1,1.",
        "文本框是空的：请输入数字，例如 1,0,1,1。",
    ),
    "un.err.number": (
        "“{token}” is not a number. Use digits, a decimal point and commas, e.g. 1,0.5,-2.",
        "“{token}”不是数字。请使用数字、小数点和逗号，例如 1,0.5,-2。",
    ),
    "un.err.finite": (
        "“{token}” is not a finite number; use ordinary numbers.",
        "“{token}”不是有限的数；请输入普通数字。",
    ),
    "un.err.row_size": (
        "Row {row} has {got} numbers, but this network has {want} inputs: give one number "
        "(used for every input) or {want}.",
        "第 {row} 行有 {got} 个数，但这个网络有 {want} 个输入：每行请给 1 个数（用于所有输入）"
        "或 {want} 个数。",
    ),
    "un.err.too_long": (
        "{steps} steps is too long; at most {limit}.",
        "{steps} 步太长了；最多 {limit} 步。",
    ),
    "un.guide.fwd": (
        "At {symbol} = {alpha}, the last state is {h_name} = {h_last} and the last output "
        "{y_name} = {y_last}. The largest |h| is {h_max} (step {k_max}).",
        "当 {symbol} = {alpha} 时，最后的状态 {h_name} = {h_last}，最后的输出 {y_name} = "
        "{y_last}。|h| 的最大值是 {h_max}（第 {k_max} 步）。",
    ),
    "un.guide.bwd": (
        "At {symbol} = {alpha}, ‖∂L/∂h‖ is {first} at {end} and {last} at {start}, {n} steps "
        "back: {agree}, {direction}.",
        "当 {symbol} = {alpha} 时，‖∂L/∂h‖ 在 {end} 是 {first}，回传 {n} 步到 {start} 时是 {last}："
        "{agree}，{direction}。",
    ),
    "un.guide.bwd.none": (
        "At {symbol} = {alpha}, ‖∂L/∂h‖ is {first} at {end} and {last} at {start}, {n} steps "
        "back: no gradient makes the whole way.",
        "当 {symbol} = {alpha} 时，‖∂L/∂h‖ 在 {end} 是 {first}，回传 {n} 步到 {start} 时是 {last}："
        "没有梯度走完全程。",
    ),
    "un.guide.bwd.arrows": (
        "×{per_step} per step, as every red arrow of that row shows",
        "每步 ×{per_step}，与这一行每个红色箭头上的倍数一致",
    ),
    "un.guide.bwd.flip": (
        "×{per_step} per step in size, as every red arrow of that row shows (×{arrows}: the "
        "sign flips at each step)",
        "大小每步 ×{per_step}，与这一行每个红色箭头上的倍数一致（×{arrows}：每一步符号翻转）",
    ),
    "un.guide.bwd.mean": (
        "×{per_step} per step, the geometric mean of the factors on that row's red arrows",
        "每步 ×{per_step}，即这一行红色箭头上倍数的几何平均",
    ),
    "un.guide.bwd.differs": (
        "end to end ×{per_step} per step, while the red arrows of that row show ×{arrows}{why}",
        "首尾相比每步 ×{per_step}，而这一行红色箭头上是 ×{arrows}{why}",
    ),
    "un.guide.bwd.why.every": (
        " (the arrows count only the part carried back; with a loss at every step, each step "
        "also adds its own loss's gradient)",
        "（箭头只计算传回来的那部分；每一步都有损失时，每一步还会加上它自己损失的梯度）",
    ),
    "un.guide.bwd.why.jordan": (
        " (each step back also crosses W_hy, from h to y, whose arrow carries no factor; with "
        "a loss at every step, each step also adds its own loss's gradient)",
        "（每回传一步还要经过从 h 到 y 的 W_hy，那个箭头上没有标倍数；每一步都有损失时，"
        "每一步还会加上它自己损失的梯度）",
    ),
    "un.guide.bwd.why.paths": (
        " (the arrows count only the part carried back; the gradient also arrives along other "
        "paths)",
        "（箭头只计算传回来的那部分；梯度还会沿其他路径到达）",
    ),
    "un.guide.grows": ("the gradient explodes", "梯度爆炸"),
    "un.guide.shrinks": ("the gradient vanishes", "梯度消失"),
    "un.guide.steady": ("the gradient keeps its size", "梯度大小保持不变"),
    "un.guide.none": ("no gradient reaches h₀", "没有梯度传到 h₀"),
    "un.guide.try.worked": (
        "Drag α from 1 down to 0.5: the memory of the first (1,1) fades; drag to 0 and each "
        "state is only its own input. Then pick **Jordan**: with the same inputs the memory "
        "holds (4,4) instead of (2,2), so the second state is (10,10), not (6,6). Turn on the "
        "backward pass: each step back multiplies ∂L/∂h by 2α, because both hidden units feed "
        "both.",
        "把 α 从 1 拖到 0.5：第一个 (1,1) 的记忆逐渐淡去；拖到 0 时，每个状态只剩它自己的输入。"
        "然后选择 **Jordan 网络**：同样的输入下，记忆里存的是 (4,4) 而不是 (2,2)，所以第二个状态"
        "是 (10,10) 而不是 (6,6)。打开反向传播：每回传一步，∂L/∂h 乘以 2α，因为两个隐藏单元互相"
        "连接。",
    ),
    "un.guide.try.counting": (
        "Drag w_rec to exactly 1: the last state counts the ones. Go to 1.5 or -1.5 with the "
        "backward pass on: the red factor is w_rec itself and ∂L/∂h₀ = w_rec¹⁰, the same "
        "w_rec^(n−k) that the Gradient decay page plots. Type your own 0/1 sequence to check the count.",
        "把 w_rec 拖到正好 1：最后的状态就是 1 的个数。打开反向传播，再拖到 1.5 或 -1.5："
        "红色的倍数正是 w_rec 本身，∂L/∂h₀ = w_rec¹⁰，正是梯度衰减页面所画的 w_rec^(n−k)。"
        "输入你自己的 0/1 序列，检验计数是否正确。",
    ),
    "un.guide.try.random": (
        "Use a random sequence of 200 steps with 64 hidden units and turn on the backward "
        "pass. In the heatmap, compare ρ = 0.9 with ρ = 1.1 and 1.5: with tanh the states "
        "saturate at ±1 instead of growing, and the gradient still fades.",
        "选择 200 步的随机序列和 64 个隐藏单元，打开反向传播。在热力图中比较 ρ = 0.9、1.1 和 1.5："
        "使用 tanh 时，状态在 ±1 处饱和而不是一直增大，梯度仍然会消失。",
    ),
    "un.flow.header": ("Gradient flow in many dimensions", "高维情形下的梯度流"),
    "un.flow.intro": (
        "A tanh RNN whose $W_{hh}$ is scaled to spectral radius $\\rho$ "
        "(the largest $|\\lambda|$), driven by random inputs; the loss only looks at the last "
        "state, $L = \\langle g, h_T \\rangle$ with $\\|g\\| = 1$. Going back one step multiplies "
        "the gradient by $\\operatorname{diag}(f'(a_t))\\,W_{hh}^{\\top}$.",
        "一个 tanh 循环神经网络，其 $W_{hh}$ 被缩放到谱半径 $\\rho$（最大的 $|\\lambda|$），"
        "由随机输入驱动；损失只看最后一个状态，$L = \\langle g, h_T \\rangle$，$\\|g\\| = 1$。"
        "每回传一步，梯度乘以 $\\operatorname{diag}(f'(a_t))\\,W_{hh}^{\\top}$。",
    ),
    "un.flow.rho": ("Spectral radius ρ of W_hh to start from", "W_hh 的谱半径 ρ（起始值）"),
    "un.flow.rho.help": (
        "Sets the slider under the chart. Drag that slider to watch the thick orange curve "
        "follow ρ from 0 to 2 (steps of 0.05) without waiting for the server; this value is "
        "also what the reading guide, the download and the link use.",
        "设置图下方滑块的初始位置。拖动那个滑块，橙色粗线会随 ρ（0 到 2，步长 0.05）实时变化，"
        "无需等待服务器；这里的值同时用于看点说明、数据下载和分享链接。",
    ),
    "un.flow.init": ("Initialisation", "初始化方式"),
    "un.flow.init.orthogonal": ("orthogonal", "正交初始化"),
    "un.flow.init.gaussian": ("Gaussian", "高斯初始化"),
    "un.flow.act": ("Activation", "激活函数"),
    "un.flow.steps": ("Steps T", "时间步数 T"),
    "un.flow.hidden": ("Hidden units", "隐藏单元数"),
    "un.flow.clip": ("Gradient clipping", "梯度裁剪"),
    "un.flow.theta": ("Clipping threshold θ (norm)", "裁剪阈值 θ（范数）"),
    "un.flow.title": (
        "‖∂L/∂h_k‖ going back from k = T (log scale)",
        "从 k = T 向前回传的 ‖∂L/∂h_k‖（对数坐标）",
    ),
    "un.flow.axis.k": ("step k", "时间步 k"),
    "un.flow.boundary": ("ρ = 1 (the boundary)", "ρ = 1（分界线）"),
    "un.flow.user": ("your ρ (slider below)", "你的 ρ（下方滑块）"),
    "un.flow.unclipped": ("your ρ without clipping", "你的 ρ（未裁剪）"),
    "un.flow.start": ("‖∂L/∂h_T‖ = 1", "‖∂L/∂h_T‖ = 1"),
    "un.flow.caption": (
        "Drag the ρ slider under the chart: the thick orange curve follows while you drag. "
        "Blue: ρ < 1, red: ρ > 1, dashed: ρ = 1, the boundary between vanishing and "
        "exploding for a linear RNN. Values below 1e-30 are drawn at 1e-30. With clipping, "
        "∂L/∂h_k is rescaled to norm θ whenever it is larger, at every step back.",
        "拖动图下方的 ρ 滑块：橙色粗线会随拖动实时变化。"
        "蓝色：ρ < 1；红色：ρ > 1；虚线：ρ = 1，是线性循环神经网络梯度消失与梯度爆炸的分界线。"
        "小于 1e-30 的值画在 1e-30 处。开启梯度裁剪后，每回传一步，只要 ∂L/∂h_k 的范数超过 θ，"
        "就把它缩放到范数 θ。",
    ),
    "un.flow.saturation": (
        "**Why ρ > 1 need not explode with tanh.** The factor per step is "
        "$\\operatorname{{diag}}(\\tanh'(a_t))\\,W_{{hh}}^{{\\top}}$, and $\\tanh'(a) = 1 - h^2$. "
        "A large $W_{{hh}}$ pushes the states toward ±1, where $\\tanh'$ is close to 0: the "
        "growth from $\\rho$ is eaten by the saturation. Here the mean $\\tanh'$ is {slope}. "
        "A step back shrinks a gradient's norm by the root mean square of the slopes it meets, "
        "$\\sqrt{{\\mathrm{{mean}}\\,\\tanh'^2}}$ = {rms} (more than the mean: units that are "
        "not saturated pass their share on almost whole), so the estimate is {rho} × {rms} = "
        "{estimate} per step. {measured} Switch the activation to linear to see ρ alone.",
        "**为什么使用 tanh 时 ρ > 1 也不一定爆炸。** 每一步的倍数是 "
        "$\\operatorname{{diag}}(\\tanh'(a_t))\\,W_{{hh}}^{{\\top}}$，而 $\\tanh'(a) = 1 - h^2$。"
        "较大的 $W_{{hh}}$ 会把状态推向 ±1，在那里 $\\tanh'$ 接近 0：ρ 带来的增长被饱和抵消了。"
        "这里 $\\tanh'$ 的平均值是 {slope}。回传一步时，梯度的范数按它遇到的斜率的均方根缩小，"
        "$\\sqrt{{\\mathrm{{mean}}\\,\\tanh'^2}}$ = {rms}（比平均值大：没有饱和的单元几乎完整地"
        "把自己那份传下去），所以估计每步乘以 {rho} × {rms} = {estimate}。{measured}"
        "把激活函数换成线性，就能单独看到 ρ 的作用。",
    ),
    "un.flow.measured.close": (
        "The curve itself changes by ×{per_step} per step (the geometric mean over its {n} "
        "steps, the figure in the guide below): close to the estimate.",
        "曲线本身每步变化 ×{per_step}（{n} 步的几何平均，即下方看点中的数字）：与估计接近。",
    ),
    "un.flow.measured.below": (
        "The curve itself changes by ×{per_step} per step (the geometric mean over its {n} "
        "steps, the figure in the guide below): less than the estimate, which treats every "
        "step as an average one.",
        "曲线本身每步变化 ×{per_step}（{n} 步的几何平均，即下方看点中的数字）：比估计小，"
        "因为估计把每一步都当成平均的一步。",
    ),
    "un.flow.measured.below.gaussian": (
        "The curve itself changes by ×{per_step} per step (the geometric mean over its {n} "
        "steps, the figure in the guide below): less than the estimate, because with Gaussian "
        "$W_{{hh}}$ only the largest eigenvalue has size ρ and the other directions shrink faster.",
        "曲线本身每步变化 ×{per_step}（{n} 步的几何平均，即下方看点中的数字）：比估计小，"
        "因为高斯初始化的 $W_{{hh}}$ 只有最大的特征值大小为 ρ，其他方向缩小得更快。",
    ),
    "un.flow.measured.above": (
        "The curve itself changes by ×{per_step} per step (the geometric mean over its {n} "
        "steps, the figure in the guide below): more than the estimate, which treats every "
        "step as an average one.",
        "曲线本身每步变化 ×{per_step}（{n} 步的几何平均，即下方看点中的数字）：比估计大，"
        "因为估计把每一步都当成平均的一步。",
    ),
    "un.flow.measured.none": (
        "On the curve no gradient is left at h₀, so there is no measured factor to compare.",
        "曲线上没有梯度传到 h₀，所以没有可比较的实测倍数。",
    ),
    "un.flow.linear_note": (
        "**Linear activation:** $f' = 1$, so with orthogonal $W_{{hh}}$ each step back "
        "multiplies the norm by exactly ρ: ‖∂L/∂h_0‖ = ρ^T = {power}.",
        "**线性激活：** $f' = 1$，在正交的 $W_{{hh}}$ 下，每回传一步范数恰好乘以 ρ："
        "‖∂L/∂h_0‖ = ρ^T = {power}。",
    ),
    "un.flow.linear_note.gaussian": (
        "**Linear activation:** $f' = 1$, so only $W_{{hh}}$ acts. With orthogonal $W_{{hh}}$ "
        "each step back would multiply the norm by exactly ρ (ρ^T = {power}); with Gaussian "
        "$W_{{hh}}$ only the largest eigenvalue has size ρ: measured ‖∂L/∂h_0‖ = {g0_free}, "
        "×{per_step} per step.",
        "**线性激活：** $f' = 1$，只有 $W_{{hh}}$ 起作用。若 $W_{{hh}}$ 是正交的，每回传一步范数"
        "恰好乘以 ρ（ρ^T = {power}）；高斯初始化的 $W_{{hh}}$ 只有最大的特征值大小为 ρ："
        "实测 ‖∂L/∂h_0‖ = {g0_free}，每步 ×{per_step}。",
    ),
    "un.flow.guide": (
        "ρ = {rho} ({init}, {act}): after {n} steps back ‖∂L/∂h₀‖ = {g0_free}, ×{per_step} per "
        "step on average, so {direction}.",
        "ρ = {rho}（{init}，{act}）：回传 {n} 步后 ‖∂L/∂h₀‖ = {g0_free}，平均每步 ×{per_step}，因此"
        "{direction}。",
    ),
    "un.flow.try": (
        "Set ρ = 1.5 with tanh: the orange curve stays bounded. Switch to linear: it now "
        "climbs as 1.5^T. Turn on clipping: the red curves stop at θ, the blue ones do not "
        "move. Try Gaussian initialisation at ρ = 1: only one eigenvalue reaches 1, so the "
        "gradient still fades.",
        "设 ρ = 1.5 并使用 tanh：橙色曲线始终有界。换成线性激活：它按 1.5^T 增长。打开梯度裁剪："
        "红色曲线在 θ 处被截住，蓝色曲线纹丝不动。再试试 ρ = 1 的高斯初始化：只有一个特征值的模"
        "达到 1，梯度仍然会消失。",
    ),
    "un.download.flow": ("Download gradient flow (CSV)", "下载梯度流数据（CSV）"),
}
