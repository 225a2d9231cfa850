"""The glossary (`gl.`): each symbol and term a student meets, named (`gl.<term>`) and defined
(`gl.<term>.def`); explorer/lessons/glossary.py lists which a page uses, ui/glossary.py shows them."""

STRINGS = {
    "gl.title": ("Terms", "术语"),
    "gl.help": ("The symbols and words this page uses", "本页用到的符号和术语"),
    "gl.xi": ("ξ (xi)", "ξ（读作 xi）"),
    "gl.xi.def": (
        "The loss (the error) of the counting network: the mean squared error "
        "ξ = Σ (t − y)² / N of its answers y = S_n against the true counts t over the N "
        "training sequences. ξ = 0 means every count is right. ∂ξ/∂S_k says how much ξ changes "
        "when the state at step k changes: the gradient sent back through time.",
        "“数 1”网络的损失（误差）：它在 N 条训练序列上的回答 y = S_n 与真实个数 t 的均方误差 "
        "ξ = Σ (t − y)² / N。ξ = 0 表示每个计数都对。∂ξ/∂S_k 表示第 k 步的状态变化时 ξ 变化多少，"
        "即沿时间回传的梯度。",
    ),
    "gl.weights": ("w_x, w_rec, S_k", "w_x、w_rec 与 S_k"),
    "gl.weights.def": (
        "The counting network's two weights and its state: S_k = w_x·X_k + w_rec·S_(k−1). "
        "w_x multiplies the input X_k (0 or 1), w_rec the previous state. At w_x = w_rec = 1 "
        "the state counts the ones.",
        "“数 1”网络的两个权重和它的状态：S_k = w_x·X_k + w_rec·S_(k−1)。w_x 乘以输入 X_k"
        "（0 或 1），w_rec 乘以上一步的状态。w_x = w_rec = 1 时，状态恰好数出 1 的个数。",
    ),
    "gl.loss_surface": ("Loss surface", "损失曲面"),
    "gl.loss_surface.def": (
        "The loss ξ drawn over every pair of weights (w_x, w_rec): lower is better. Its cliff "
        "at |w_rec| = 1 is where the state, and the gradient, start to grow exponentially with "
        "the length of the sequence.",
        "在每一对权重 (w_x, w_rec) 上画出的损失 ξ：越低越好。|w_rec| = 1 处的悬崖，是状态和梯度"
        "开始随序列长度指数增长的地方。",
    ),
    "gl.bptt": ("BPTT", "BPTT（随时间反向传播）"),
    "gl.bptt.def": (
        "Backpropagation through time: the gradient of the loss goes back from the last step "
        "to the first, multiplied at every step by that step's derivative (w_rec here; W_hh "
        "and tanh′ in a tanh RNN).",
        "随时间反向传播：损失的梯度从最后一步传回第一步，每经过一步都乘以这一步的导数"
        "（这里是 w_rec；在 tanh 循环神经网络中是 W_hh 与 tanh′）。",
    ),
    "gl.delta0": ("Δ₀ (delta zero)", "Δ₀（读作 delta 零）"),
    "gl.delta0.def": (
        "Rprop's starting step size. Rprop uses only the sign of the gradient: each weight "
        "moves by its own step Δ, which grows ×η⁺ while the gradient keeps its sign and "
        "shrinks ×η⁻ when the sign flips. Every Δ starts at Δ₀, so the first step is Δ₀·η⁻ "
        "(Δ₀/2 at η⁻ = 0.5, as in the tutorial).",
        "Rprop 的初始步长。Rprop 只看梯度的符号：每个权重按自己的步长 Δ 移动，梯度符号不变时 Δ "
        "乘以 η⁺，符号翻转时乘以 η⁻。每个 Δ 都从 Δ₀ 开始，所以第一步是 Δ₀·η⁻"
        "（η⁻ = 0.5 时为 Δ₀/2，与教程相同）。",
    ),
    "gl.mu": ("μ (mu)", "μ（读作 mu）"),
    "gl.mu.def": (
        "Momentum: how much of the previous step is kept in the next: v ← μ·v + g, then "
        "w ← w − (learning rate)·v, g the gradient. μ = 0 is plain SGD.",
        "动量：上一步保留到下一步的比例：v ← μ·v + g，然后 w ← w − 学习率·v，g 是梯度。"
        "μ = 0 即普通 SGD。",
    ),
    "gl.theta": ("θ (theta)", "θ（读作 theta）"),
    "gl.theta.def": (
        "The clipping threshold. Clipping by norm shortens a gradient g whose length ‖g‖ is "
        "larger than θ to length θ, keeping its direction: g ← θ·g/‖g‖. A shorter gradient is "
        "left as it is.",
        "裁剪阈值。按范数裁剪时，长度 ‖g‖ 大于 θ 的梯度 g 会被缩短到长度 θ，方向不变："
        "g ← θ·g/‖g‖。更短的梯度保持不变。",
    ),
    "gl.rho": ("ρ (rho)", "ρ（读作 rho）"),
    "gl.rho.def": (
        "The spectral radius of the recurrent matrix W_hh: the largest absolute value of its "
        "eigenvalues. Each step back multiplies the gradient by W_hhᵀ (and by tanh′): over k "
        "steps it grows roughly like ρᵏ when ρ > 1 and shrinks when ρ < 1.",
        "循环矩阵 W_hh 的谱半径：它的特征值绝对值中最大的那个。每回传一步，梯度乘以 W_hhᵀ"
        "（再乘以 tanh′）：经过 k 步，ρ > 1 时大致按 ρᵏ 增长，ρ < 1 时衰减。",
    ),
    "gl.gates": ("Gates f, i, o, z, r", "门 f、i、o、z、r"),
    "gl.gates.def": (
        "Numbers between 0 and 1 (a sigmoid) that multiply a signal. In an LSTM the forget "
        "gate f keeps the old memory c, the input gate i writes the candidate g, the output "
        "gate o shows the memory: c = f·c_prev + i·g, h = o·tanh(c). In a GRU the update gate z "
        "keeps the old state and the reset gate r decides how much of it enters the candidate n.",
        "介于 0 和 1 之间（sigmoid）、用来乘以信号的数。LSTM 中，遗忘门 f 保留旧记忆 c，"
        "输入门 i 写入候选值 g，输出门 o 放出记忆：c = f·c_prev + i·g，h = o·tanh(c)。"
        "GRU 中，更新门 z 保留旧状态，重置门 r 决定旧状态有多少进入候选状态 n。",
    ),
    "gl.standardised": ("standardised", "已标准化"),
    "gl.standardised.def": (
        "Each input feature shifted to mean 0 and scaled to standard deviation 1 over the "
        "training steps. The loss (mean squared error) is measured on these values, so it does "
        "not depend on the data's units: always predicting the mean scores about 1.",
        "每个输入特征在训练步上平移到均值 0、缩放到标准差 1。损失（均方误差）在这些值上计算，"
        "因此与数据的单位无关：总是预测均值大约得到 1。",
    ),
    "gl.epoch": ("epoch", "轮（epoch）"),
    "gl.epoch.def": (
        "One pass of training over all the training data.",
        "在全部训练数据上训练一遍。",
    ),
    "gl.nats": ("nats", "nats"),
    "gl.nats.def": (
        "The unit of a loss measured with the natural logarithm: the loss is −ln p averaged "
        "over the text, p the probability the model gave to the character that came next. "
        "Guessing evenly among K characters costs ln K nats; 0 means always sure and right.",
        "用自然对数衡量的损失的单位：损失是 −ln p 在整段文本上的平均值，p 是模型给实际出现的"
        "下一个字符的概率。在 K 个字符中平均瞎猜的损失是 ln K nats；0 表示总是确定且正确。",
    ),
    "gl.r": ("r (correlation)", "r（相关系数）"),
    "gl.r.def": (
        "Pearson's correlation between a cell's value and your hypothesis (1 where it holds, "
        "0 elsewhere), from −1 to 1: ±1 means the cell follows it exactly, 0 not at all.",
        "单元取值与你的假设（成立处为 1，其余为 0）之间的皮尔逊相关系数，范围 −1 到 1："
        "±1 表示单元完全跟随假设，0 表示毫无关系。",
    ),
    "gl.logit": ("logit", "logit"),
    "gl.logit.def": (
        "A model's raw score for an answer, before a sigmoid (or softmax) turns it into a "
        "probability: the larger the logit, the more probable the answer.",
        "模型给一个答案的原始分数，sigmoid（或 softmax）再把它变成概率：logit 越大，这个答案"
        "越可能。",
    ),
    "gl.held_out": ("held-out", "留出"),
    "gl.held_out.def": (
        "Sequences kept out of training and used only to test the model: doing well on them "
        "shows that it learned the rule, not the training examples.",
        "不参与训练、只用来测试模型的序列：在它们上表现好，说明模型学会了规律，而不是记住了训练样本。",
    ),
}
