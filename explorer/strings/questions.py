"""Guided questions (`q.`): each view's goal, and "predict, then check" questions whose answers
the model computes (explorer/lessons/questions.py); `<key>.why` quotes the computed numbers."""

STRINGS = {
    "q.goal": ("Goal:", "目标："),
    "q.title": ("Predict, then check", "先预测，再验证"),
    "q.answer": ("Your answer", "你的答案"),
    "q.check": ("Check", "验证"),
    "q.right.choice": ("Right: “{answer}”.", "答对了：“{answer}”。"),
    "q.wrong.choice": (
        "Not quite: you said “{given}”; the answer is “{answer}”.",
        "不完全对：你的答案是“{given}”，正确答案是“{answer}”。",
    ),
    "q.right.number": (
        "Right: you said {given}; the answer is {answer}.",
        "答对了：你的答案是 {given}，正确答案是 {answer}。",
    ),
    "q.wrong.number": (
        "Not quite: you said {given}; the answer is {answer}.",
        "不完全对：你的答案是 {given}，正确答案是 {answer}。",
    ),
    "q.shown": ("The chart is now set to show it.", "图已设置好，可以亲眼验证。"),
    "q.reset": ("Reset this page", "重置本页"),
    "q.reset.help": (
        "Every setting of this page back to its default (and out of the link).",
        "把本页的所有设置恢复为默认值（并从链接中去掉）。",
    ),
    "q.pin": ("Pin to compare", "固定以便比较"),
    "q.pin.help": (
        "Keeps what the chart shows now as a grey reference, to compare with your next change.",
        "把图中当前的内容保留为灰色参考，用来与你的下一次修改比较。",
    ),
    "q.pin.clear": ("Clear the pin", "清除固定"),
    "q.pinned": ("pin {what}", "固定 {what}"),
    # gradient decay
    "q.gd.goal": (
        "See why a gradient sent back through time shrinks or explodes: it is multiplied by "
        "w_rec at every step.",
        "看清楚为什么沿时间回传的梯度会消失或爆炸：每回传一步它都要乘以一次 w_rec。",
    ),
    "q.gd.direction": (
        "w_x = 1, w_rec = 0.9, n = 50: is ∂ξ/∂S_0 (50 steps back) larger or smaller than "
        "∂ξ/∂S_n at the output?",
        "w_x = 1，w_rec = 0.9，n = 50：∂ξ/∂S_0（回传 50 步）比输出处的 ∂ξ/∂S_n 大还是小？",
    ),
    "q.gd.direction.opt.larger": ("larger", "更大"),
    "q.gd.direction.opt.smaller": ("smaller", "更小"),
    "q.gd.direction.why": (
        "At the output ∂ξ/∂S_n = {out}; 50 steps back ∂ξ/∂S_0 = {first}.",
        "输出处 ∂ξ/∂S_n = {out}；回传 50 步后 ∂ξ/∂S_0 = {first}。",
    ),
    "q.gd.times": (
        "Same curve: by about what factor do |∂ξ/∂S_n| and |∂ξ/∂S_0| differ (the larger "
        "divided by the smaller)? (within a factor of 2 counts)",
        "同一条曲线：|∂ξ/∂S_n| 与 |∂ξ/∂S_0| 大约相差多少倍（大的除以小的）？（相差 2 倍以内都算对）",
    ),
    "q.gd.times.why": (
        "{out} / {first}: about {times} times, that is 1 / {w_rec}⁵⁰.",
        "{out} / {first}：大约 {times} 倍，即 1 / {w_rec}⁵⁰。",
    ),
    "q.gd.sign": (
        "w_rec = −1.5, n = 11: does ∂ξ/∂S_0 have the same sign as ∂ξ/∂S_n, or the opposite?",
        "w_rec = −1.5，n = 11：∂ξ/∂S_0 与 ∂ξ/∂S_n 的符号相同还是相反？",
    ),
    "q.gd.sign.opt.same": ("the same sign", "符号相同"),
    "q.gd.sign.opt.opposite": ("the opposite sign", "符号相反"),
    "q.gd.sign.why": (
        "∂ξ/∂S_n = {out} and ∂ξ/∂S_0 = {first}: 11 factors of −1.5 flip the sign an odd "
        "number of times.",
        "∂ξ/∂S_n = {out}，∂ξ/∂S_0 = {first}：乘了 11 次 −1.5，符号翻转了奇数次。",
    ),
    # loss surface
    "q.ls.goal": (
        "Find the cliff of the loss surface at |w_rec| = 1 and see why a gradient step can "
        "fall off it.",
        "找到损失曲面在 |w_rec| = 1 处的悬崖，看看梯度下降的一步为什么会从上面掉下去。",
    ),
    "q.ls.side": (
        "At w_x = 1, is the error ξ larger just below the cliff (w_rec = 0.9) or just above it "
        "(w_rec = 1.1)?",
        "在 w_x = 1 处，误差 ξ 在悬崖下方一点（w_rec = 0.9）更大，还是在上方一点（w_rec = 1.1）更大？",
    ),
    "q.ls.side.opt.below": ("below: w_rec = 0.9", "下方：w_rec = 0.9"),
    "q.ls.side.opt.above": ("above: w_rec = 1.1", "上方：w_rec = 1.1"),
    "q.ls.side.why": (
        "ξ(1, 0.9) = {below} and ξ(1, 1.1) = {above}.",
        "ξ(1, 0.9) = {below}，而 ξ(1, 1.1) = {above}。",
    ),
    "q.ls.valley": (
        "Cut the surface at w_x = 2: is the lowest error at w_rec below 1, at 1, or above 1?",
        "在 w_x = 2 处切开曲面：最低误差出现在 w_rec 小于 1、等于 1，还是大于 1 处？",
    ),
    "q.ls.valley.opt.below": ("below 1", "小于 1"),
    "q.ls.valley.opt.at": ("at 1", "等于 1"),
    "q.ls.valley.opt.above": ("above 1", "大于 1"),
    "q.ls.valley.why": (
        "At w_x = {w_x} the cross-section is lowest at w_rec = {w_rec} (ξ = {xi}): a larger w_x "
        "needs a smaller w_rec to count the same ones.",
        "在 w_x = {w_x} 处，截面在 w_rec = {w_rec} 时最低（ξ = {xi}）：w_x 更大，就需要更小的 "
        "w_rec 才能数出同样多的 1。",
    ),
    "q.ls.valley_at": (
        "Cut the surface at w_x = 0.5: at which w_rec is the error lowest? (within 0.1 counts)",
        "在 w_x = 0.5 处切开曲面：误差在 w_rec 等于多少时最低？（相差 0.1 以内都算对）",
    ),
    "q.ls.valley_at.why": (
        "At w_x = {w_x} the cross-section is lowest at w_rec = {w_rec} (ξ = {xi}): with half the "
        "weight on each one, w_rec has to carry the earlier ones forward with interest.",
        "在 w_x = {w_x} 处，截面在 w_rec = {w_rec} 时最低（ξ = {xi}）：每个 1 只得到一半的权重，"
        "w_rec 就得把前面的 1 放大着传下去。",
    ),
    # unrolled
    "q.un.goal": (
        "Follow numbers forward and gradients backward through an unrolled RNN, and see what "
        "the spectral radius ρ of W_hh does to them.",
        "跟着数字在展开的循环神经网络中前向传播、跟着梯度反向传播，看看 W_hh 的谱半径 ρ 对它们"
        "有什么影响。",
    ),
    "q.un.trend": (
        "Gradient flow, ρ = 1.5 with tanh, 100 steps: does ‖∂L/∂h₀‖ explode, vanish or keep "
        "its size?",
        "梯度流，ρ = 1.5、tanh、100 步：‖∂L/∂h₀‖ 会爆炸、消失，还是保持大小？",
    ),
    "q.un.trend.opt.grows": ("it explodes", "爆炸"),
    "q.un.trend.opt.shrinks": ("it vanishes", "消失"),
    "q.un.trend.opt.steady": ("it keeps its size", "保持大小"),
    "q.un.trend.why": (
        "‖∂L/∂h₀‖ = {g0}, ×{per_step} per step: tanh saturates and eats the growth of ρ = {rho}.",
        "‖∂L/∂h₀‖ = {g0}，平均每步 ×{per_step}：tanh 饱和，抵消了 ρ = {rho} 带来的增长。",
    ),
    "q.un.size": (
        "Same, but with a linear activation: about how large is ‖∂L/∂h₀‖ after 100 steps? "
        "(within a factor of 10 counts; a number such as {example} is typed {typed})",
        "同样的设置，但换成线性激活：回传 100 步后 ‖∂L/∂h₀‖ 大约是多少？（相差 10 倍以内都算对；"
        "像 {example} 这样的数输入为 {typed}）",
    ),
    "q.un.size.why": (
        "‖∂L/∂h₀‖ = {g0} = {rho}^{n}: with f' = 1 every step multiplies the norm by ρ.",
        "‖∂L/∂h₀‖ = {g0} = {rho}^{n}：f' = 1 时每一步都把范数乘以 ρ。",
    ),
    "q.un.kept": (
        "Linear activation, orthogonal W_hh scaled to ρ = 1: about how large is ‖∂L/∂h₀‖ after "
        "100 steps back, when ‖∂L/∂h_T‖ = 1? (within a factor of 1.5 counts)",
        "线性激活、缩放到 ρ = 1 的正交 W_hh：‖∂L/∂h_T‖ = 1 时，回传 100 步后 ‖∂L/∂h₀‖ 大约是多少？"
        "（相差 1.5 倍以内都算对）",
    ),
    "q.un.kept.why": (
        "‖∂L/∂h₀‖ = {g0}, ×{per_step} per step: an orthogonal matrix at ρ = {rho} turns the "
        "gradient without stretching it, and with f′ = 1 nothing else changes its length.",
        "‖∂L/∂h₀‖ = {g0}，平均每步 ×{per_step}：ρ = {rho} 的正交矩阵只旋转梯度而不拉伸它，"
        "f′ = 1 时也没有别的东西改变它的长度。",
    ),
    "q.un.gaussian": (
        "Same, but a Gaussian W_hh (also scaled to ρ = 1): after 100 steps, does ‖∂L/∂h₀‖ grow, "
        "shrink or keep its size?",
        "同样的设置，但换成高斯初始化的 W_hh（同样缩放到 ρ = 1）：回传 100 步后 ‖∂L/∂h₀‖ 会变大、"
        "变小，还是保持大小？",
    ),
    "q.un.gaussian.opt.grows": ("it grows", "变大"),
    "q.un.gaussian.opt.shrinks": ("it shrinks", "变小"),
    "q.un.gaussian.opt.steady": ("it keeps its size", "保持大小"),
    "q.un.gaussian.why": (
        "‖∂L/∂h₀‖ = {g0}, ×{per_step} per step: ρ = {rho} is only the largest |eigenvalue|; the "
        "Gaussian matrix's other eigenvalues are smaller, and the parts of the gradient along "
        "them fade. An orthogonal matrix has every eigenvalue on the unit circle.",
        "‖∂L/∂h₀‖ = {g0}，平均每步 ×{per_step}：ρ = {rho} 只是最大的 |特征值|；高斯矩阵的其他特征值"
        "更小，梯度沿这些方向的分量逐渐消失。正交矩阵的所有特征值都在单位圆上。",
    ),
    # optimizer race
    "q.opt.goal": (
        "Race six optimizers across the cliff and see which survive a gradient in the millions.",
        "让六个优化器越过悬崖赛跑，看看谁能在数百万量级的梯度下幸存。",
    ),
    "q.opt.winner": (
        "From the tutorial's start (−1.5, 2), with the default settings: which optimizer first "
        "reaches ξ < 1e-3?",
        "从教程的起点 (−1.5, 2) 出发、使用默认设置：哪个优化器最先达到 ξ < 1e-3？",
    ),
    "q.opt.winner.opt.rprop": ("Rprop", "Rprop"),
    "q.opt.winner.opt.sgd": ("SGD", "SGD"),
    "q.opt.winner.opt.momentum": ("SGD + momentum", "SGD + 动量"),
    "q.opt.winner.opt.clip": ("SGD + norm clipping", "SGD + 按范数裁剪"),
    "q.opt.winner.opt.clip_value": ("SGD + element-wise clipping", "SGD + 逐元素裁剪"),
    "q.opt.winner.opt.adam": ("Adam", "Adam"),
    "q.opt.winner.opt.none": ("none of them", "都达不到"),
    "q.opt.winner.why": (
        "It reaches ξ < 1e-3 at iteration {iteration}.",
        "它在第 {iteration} 次迭代时达到 ξ < 1e-3。",
    ),
    "q.opt.sgd": (
        "Plain SGD with learning rate 1e-5 from (−1.5, 2): does it reach ξ < 1e-3, stall, or "
        "diverge?",
        "学习率为 1e-5 的普通 SGD 从 (−1.5, 2) 出发：它会达到 ξ < 1e-3、停滞，还是发散？",
    ),
    "q.opt.sgd.opt.reaches": ("it reaches ξ < 1e-3", "达到 ξ < 1e-3"),
    "q.opt.sgd.opt.stalls": ("it stalls", "停滞"),
    "q.opt.sgd.opt.diverges": ("it diverges", "发散"),
    "q.opt.sgd.why": (
        "At iteration {iteration} (ξ = {xi} at its last point).",
        "在第 {iteration} 次迭代（最后一个点处 ξ = {xi}）。",
    ),
    "q.opt.step": (
        "Plain SGD from (−1.5, 2) with learning rate 1e-7: about how long is its first step? "
        "(the map is 6 wide; within a factor of 3 counts)",
        "学习率为 1e-7 的普通 SGD 从 (−1.5, 2) 出发：它的第一步大约有多长？（整张地图宽 6；"
        "相差 3 倍以内都算对）",
    ),
    "q.opt.step.why": (
        "Its first step is {step} long: the learning rate times the gradient, {lr} × {grad}.",
        "它的第一步长 {step}：学习率乘以梯度，即 {lr} × {grad}。",
    ),
    # gate inspector
    "q.gt.goal": (
        "Watch an LSTM's gates write, keep, erase and show its memory, step by step.",
        "一步一步看 LSTM 的门如何写入、保持、擦除和输出它的记忆。",
    ),
    "q.gt.erase": (
        "Hand-wired cell, step 5 reads x = (3, −1, 0): what is the memory c after it?",
        "手工连线单元，第 5 步的输入 x = (3, −1, 0)：这一步之后记忆 c 是多少？",
    ),
    "q.gt.erase.why": (
        "c = {c} after step {step}: x2 = −1 shuts the forget gate and the input gate.",
        "第 {step} 步之后 c = {c}：x2 = −1 同时关闭了遗忘门和输入门。",
    ),
    "q.gt.leak": (
        "Now lower the gate sharpness to 0.1: what is the memory c after step 4 (7 at "
        "sharpness 1)? (within 25% counts)",
        "把门的锐度降到 0.1：第 4 步之后记忆 c 是多少（锐度为 1 时是 7）？（相差 25% 以内都算对）",
    ),
    "q.gt.leak.why": (
        "c = {c} at sharpness {gain}: soft gates let the memory leak at every step.",
        "锐度为 {gain} 时 c = {c}：门不再完全关闭，记忆每一步都在泄漏。",
    ),
    "q.gt.read": (
        "Hand-wired cell, step 4 reads x = (1, 0, 1): what does its output h show?",
        "手工连线单元，第 4 步的输入 x = (1, 0, 1)：它的输出 h 显示的是什么？",
    ),
    "q.gt.read.opt.nothing": ("nothing: h = 0", "什么也没有：h = 0"),
    "q.gt.read.opt.input": ("the value it reads now", "这一步读入的值"),
    "q.gt.read.opt.memory": ("the memory c", "记忆 c"),
    "q.gt.read.why": (
        "h = {h} after step {step}: x3 = 1 opens the output gate (o = {o}) and lets the memory "
        "c = {c} out; the value read now is {x}.",
        "第 {step} 步之后 h = {h}：x3 = 1 打开了输出门（o = {o}），让记忆 c = {c} 输出；"
        "这一步读入的值是 {x}。",
    ),
    # why gates work
    "q.wg.goal": (
        "See why gates keep the gradient a plain RNN loses: one step back multiplies it by "
        "tanh′·W_hh in the RNN, by the forget gate f on the LSTM's cell, by z in the GRU.",
        "看清楚门控为什么能保住普通 RNN 丢失的梯度：每回传一步，RNN 的梯度乘以 tanh′·W_hh，"
        "LSTM 细胞通路上的梯度乘以遗忘门 f，GRU 的乘以 z。",
    ),
    "q.wg.keeper": (
        "ρ = 1.5 and forget bias b = 1: after 100 steps back, which keeps the largest part of "
        "its gradient?",
        "ρ = 1.5、遗忘门偏置 b = 1：回传 100 步后，谁保住的梯度最多？",
    ),
    "q.wg.keeper.opt.rnn": ("the plain RNN", "普通 RNN"),
    "q.wg.keeper.opt.lstm": ("the LSTM's cell c", "LSTM 的细胞 c"),
    "q.wg.keeper.opt.gru": ("the GRU", "GRU（门控循环单元）"),
    "q.wg.keeper.why": (
        "Left after {T} steps: RNN {rnn}, LSTM cell {lstm}, GRU {gru}. At b = {b} the gates "
        "are only partly open, and {T} such factors wipe the gradient out; at ρ = {rho} the "
        "RNN's estimate ρ·√mean tanh′² is {estimate} a step. A gate helps only when it is open.",
        "{T} 步后剩下：RNN {rnn}，LSTM 细胞 {lstm}，GRU {gru}。b = {b} 时门只开了一部分，"
        "{T} 个这样的因子把梯度抹掉了；而 ρ = {rho} 时 RNN 每步的估计 ρ·√mean tanh′² 为 {estimate}。"
        "门只有打开时才有用。",
    ),
    "q.wg.forget": (
        "Forget bias b = 1: what is the LSTM's mean forget gate f? (within 0.04 counts)",
        "遗忘门偏置 b = 1：LSTM 的遗忘门 f 的均值是多少？（相差 0.04 以内都算对）",
    ),
    "q.wg.forget.why": (
        "Mean f = {f} at b = {b}, and σ({b}) = {sigma}: at initialisation the weights add about "
        "0 on average, so the bias sets the gate.",
        "b = {b} 时 f 的均值 = {f}，而 σ({b}) = {sigma}：初始化时权重的贡献平均约为 0，"
        "所以门的开度由偏置决定。",
    ),
    "q.wg.product": (
        "Forget bias b = 5: what is left on the LSTM's cell path after 100 steps back, the "
        "product of f over the 100 steps? (within a factor of 1.5 counts)",
        "遗忘门偏置 b = 5：回传 100 步后，LSTM 细胞通路上还剩多少，即 100 步的 f 连乘是多少？"
        "（相差 1.5 倍以内都算对）",
    ),
    "q.wg.product.why": (
        "∏f = {product} over {T} steps, with mean f = {f}: each step back multiplies by f, "
        "{T} times.",
        "{T} 步的 f 连乘 ∏f = {product}，f 的均值 = {f}：每回传一步乘以一次 f，共 {T} 次。",
    ),
    # your text
    "q.tc.goal": (
        "See what a character model has to learn: how much the text's own statistics already "
        "predict, and what is left for memory.",
        "看清楚字符模型要学什么：文本自身的统计规律已经能预测多少，还有哪些只能靠记忆。",
    ),
    "q.tc.uniform": (
        "The quotes text has V distinct characters (the line under the text says how many). A "
        "model that has learned nothing gives each the same probability 1/V: what is its loss, "
        "in nats per character? (within 0.1 counts)",
        "引号文本有 V 种不同字符（文本下方那一行写着有多少种）。什么都没学会的模型给每个字符同样"
        "的概率 1/V：它的损失是每字符多少 nats？（相差 0.1 以内都算对）",
    ),
    "q.tc.uniform.why": (
        "V = {V}: probability 1/{V} for every character costs ln {V} = {loss} nats per "
        "character. Counting how often each occurs already does better: the unigram baseline "
        "on the chart is {unigram}.",
        "V = {V}：每个字符的概率都是 1/{V}，每字符损失 ln {V} = {loss} nats。只统计每个字符出现的"
        "频率就已经更好：图中的一元基线是 {unigram}。",
    ),
    "q.tc.bigram": (
        "The brackets text: how much lower is the bigram baseline (it knows the previous "
        "character) than the unigram baseline (character frequencies only)?",
        "括号文本：二元基线（知道前一个字符）比一元基线（只知道字符频率）低多少？",
    ),
    "q.tc.bigram.opt.much": ("a lot: more than 0.5 nats", "很多：超过 0.5 nats"),
    "q.tc.bigram.opt.little": ("a little: 0.1 to 0.5 nats", "一些：0.1 到 0.5 nats"),
    "q.tc.bigram.opt.hardly": ("hardly: less than 0.1 nats", "几乎没有：不到 0.1 nats"),
    "q.tc.bigram.why": (
        "Unigram {unigram}, bigram {bigram}: {gain} nats lower. The letters are drawn at random, "
        "and whether a bracket closes depends on the depth, not on the character before: that "
        "is left for memory.",
        "一元基线 {unigram}，二元基线 {bigram}：低了 {gain} nats。字母是随机抽取的，括号是否闭合"
        "取决于嵌套深度而不是前一个字符：这要靠记忆。",
    ),
    "q.tc.harder": (
        "Which built-in text is harder to predict from the previous character alone (the "
        "higher bigram baseline)?",
        "哪个内置文本更难只凭前一个字符来预测（二元基线更高）？",
    ),
    "q.tc.harder.opt.quotes": ("the quotes text", "引号文本"),
    "q.tc.harder.opt.brackets": ("the brackets text", "括号文本"),
    "q.tc.harder.why": (
        "Bigram baselines: quotes {quotes} nats per character ({V_quotes} distinct characters), "
        "brackets {brackets} ({V_brackets} distinct characters).",
        "二元基线：引号文本每字符 {quotes} nats（{V_quotes} 种字符），括号文本 {brackets} nats"
        "（{V_brackets} 种字符）。",
    ),
}
