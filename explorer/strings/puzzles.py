"""Program the cell (pages/puzzles.py, explorer/lessons/puzzles.py): wiring puzzles and their grades."""

_GATE_NAMES = {
    "i": ("input gate i", "输入门 i"),
    "f": ("forget gate f", "遗忘门 f"),
    "g": ("candidate g", "候选值 g"),
    "o": ("output gate o", "输出门 o"),
}

STRINGS = {
    "view.puzzles": ("Program the cell", "给单元编程"),
    "view.puzzles.summary": (
        "Wire a memory cell by hand to solve a task. The grade runs it on hidden sequences and "
        "names the first failing step and the gate to blame.",
        "亲手给记忆单元接线来完成任务。评分会在隐藏的序列上运行它，指出第一个出错的步骤和该负责的门。",
    ),
    "pz.title": ("Program the cell", "给单元编程"),
    "pz.intro": (
        "Tutorial 002 wires an LSTM's gates by hand so that it stores a number on *write* and shows "
        "it on *read*. Here you do the wiring: set each gate's weights and bias, and the grade runs "
        "your cell on test sequences it has never shown you.",
        "教程 002 手工设置 LSTM 各个门的权重，使它在“写”时存下一个数、在“读”时输出它。"
        "这里由你来接线：设置每个门的权重和偏置，评分会在你从未见过的测试序列上运行你的单元。",
    ),
    "pz.puzzle": ("Puzzle", "谜题"),
    "pz.seed": ("Your test seed", "你的测试种子"),
    "pz.seed.help": (
        "Picks your hidden test sequences: the same seed always gives the same grade, so a link "
        "to your wiring and seed shows your teacher exactly your grade.",
        "决定你的隐藏测试序列：同一个种子总是给出同样的评分，所以包含你的接线和种子的链接能让老师看到完全相同的评分。",
    ),
    "pz.equations.lstm": (
        "One memory cell, linear as in tutorial 002: $i = \\sigma(w_i\\cdot x + u_i h + b_i)$, "
        "$f = \\sigma(w_f\\cdot x + u_f h + b_f)$, $o = \\sigma(w_o\\cdot x + u_o h + b_o)$, "
        "$g = w_g\\cdot x + u_g h + b_g$, $c_t = f\\,c_{t-1} + i\\,g$, output $y_t = h_t = o\\,c_t$ "
        "($h$ in the gates is the previous step's output). σ(10) ≈ 0.99995: a bias of ±10 opens "
        "or shuts a gate; a weight of 100 on an input that is 0 or 1 switches it.",
        "一个记忆单元，和教程 002 一样是线性的：$i = \\sigma(w_i\\cdot x + u_i h + b_i)$，"
        "$f = \\sigma(w_f\\cdot x + u_f h + b_f)$，$o = \\sigma(w_o\\cdot x + u_o h + b_o)$，"
        "$g = w_g\\cdot x + u_g h + b_g$，$c_t = f\\,c_{t-1} + i\\,g$，输出 $y_t = h_t = o\\,c_t$"
        "（门里的 $h$ 是上一步的输出）。σ(10) ≈ 0.99995：±10 的偏置让门打开或关上；"
        "对取值 0 或 1 的输入，权重 100 就能开关它。",
    ),
    "pz.equations.rnn": (
        "A linear RNN with two units: $h_t = W h_{t-1} + U x_t$, output $y_t = V h_t$, "
        "$h_0 = 0$. $U = (u_1, u_2)$, $W = \\begin{pmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} "
        "\\end{pmatrix}$, $V = (v_1, v_2)$.",
        "有两个单元的线性循环神经网络：$h_t = W h_{t-1} + U x_t$，输出 $y_t = V h_t$，$h_0 = 0$。"
        "$U = (u_1, u_2)$，$W = \\begin{pmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} "
        "\\end{pmatrix}$，$V = (v_1, v_2)$。",
    ),
    "pz.examples": ("Examples (inputs → the output wanted)", "示例（输入 → 期望的输出）"),
    "pz.step": ("step", "步"),
    "pz.target": ("wanted", "期望"),
    "pz.got": ("yours", "你的"),
    "pz.knobs": ("Your wiring", "你的接线"),
    "pz.grade": ("Grade", "评分"),
    "pz.grade.help": (
        "Your cell on {cases} hidden sequences of seed {seed}: a sequence is right when every "
        "output is within {tol} of the wanted one. It is graded again at every change.",
        "你的单元在种子 {seed} 的 {cases} 条隐藏序列上运行：一条序列的每个输出都与期望值相差不超过 {tol} 才算对。"
        "每次修改都会重新评分。",
    ),
    "pz.passed": (
        "Passed: {right} of {cases} sequences right.",
        "通过：{cases} 条序列全部答对（{right} 条）。",
    ),
    "pz.failed": (
        "{right} of {cases} sequences right (score {score}).",
        "{cases} 条序列中答对 {right} 条（得分 {score}）。",
    ),
    "pz.first": (
        "First failing sequence: #{case}, at step {step}: wanted {expected}, your cell gave {got}.",
        "第一条出错的序列：#{case}，第 {step} 步：期望 {expected}，你的单元给出 {got}。",
    ),
    "pz.chart.output": ("The output, and the output wanted", "输出与期望的输出"),
    "pz.chart.inside": ("Inside the cell", "单元内部"),
    "pz.chart.failing": (
        "Your cell on the first failing sequence (the dotted line: its first wrong step).",
        "你的单元在第一条出错序列上的表现（虚线：第一个出错的步骤）。",
    ),
    "pz.chart.example": ("Your cell on the first example.", "你的单元在第一个示例上的表现。"),
    "pz.solution": ("Show a solution", "显示一种解法"),
    "pz.solution.help": (
        "One wiring that passes (others do too). Try first: the grade tells you which gate to fix.",
        "一种能通过的接线（也有别的解法）。先自己试试：评分会告诉你该修哪个门。",
    ),
    "pz.use_solution": ("Load it into the cell", "装入单元"),
    "pz.error.wiring": ("The wiring must be knob → number.", "接线必须是“旋钮 → 数值”。"),
    "pz.error.value": (
        "{knob} = {value} is not a number between −1000 and 1000.",
        "{knob} = {value} 不是 −1000 到 1000 之间的数。",
    ),
    "pz.error.puzzle": ("There is no puzzle {name}.", "没有名为 {name} 的谜题。"),
    # guided questions (explorer/lessons/questions.py)
    "q.pz.goal": (
        "Learn what each gate is for by wiring one: the grade says which gate went wrong, and when.",
        "亲手接一次线来弄懂每个门的用途：评分会告诉你哪个门出了错、在哪一步。",
    ),
    "q.pz.erase": (
        "Tutorial 002's wiring, but the forget gate's bias at −10 instead of +10 (so f is shut "
        "unless x2 = 1): how many of the 24 test sequences of seed 1 are still right?",
        "教程 002 的接线，但把遗忘门的偏置从 +10 改成 −10（于是除非 x2 = 1，f 都是关着的）："
        "种子 1 的 24 条测试序列还有几条是对的？",
    ),
    "q.pz.erase.why": (
        "{right} of {cases}: a shut forget gate erases the memory at every step that does not "
        "write, so a read is right only just after a write, or when there is nothing to read.",
        "{cases} 条中有 {right} 条：关着的遗忘门在每个不写入的步骤都会清空记忆，"
        "所以只有紧跟在写入之后的读取，或本来就没有东西可读时，才是对的。",
    ),
    "q.pz.zero": (
        "Puzzle 3 (count the ones) with every knob at 0, so every gate sits at σ(0) = 0.5 and "
        "g = 0: does the cell get any test sequence right?",
        "谜题 3（数 1 的个数），所有旋钮都是 0，于是每个门都停在 σ(0) = 0.5、g = 0：这个单元能答对任何一条测试序列吗？",
    ),
    "q.pz.zero.opt.some": ("yes, some", "能，有几条"),
    "q.pz.zero.opt.none": ("none", "一条也不能"),
    "q.pz.zero.why": (
        "{right} of {cases}: with g = 0 nothing is ever written, so the cell says 0 at every "
        "step: right only for a sequence that has no one to count.",
        "{cases} 条中有 {right} 条：g = 0 时什么也写不进去，单元每一步都输出 0：只有没有 1 可数的序列才算对。",
    ),
    "q.pz.blame": (
        "Tutorial 002's wiring, but the output gate's bias at +10 instead of −10: which gate "
        "does the grade blame?",
        "教程 002 的接线，但把输出门的偏置从 −10 改成 +10：评分会怪哪个门？",
    ),
    "q.pz.blame.opt.i": ("the input gate i", "输入门 i"),
    "q.pz.blame.opt.f": ("the forget gate f", "遗忘门 f"),
    "q.pz.blame.opt.g": ("the candidate g", "候选值 g"),
    "q.pz.blame.opt.o": ("the output gate o", "输出门 o"),
    "q.pz.blame.why": (
        "From step {step} on, an open output gate shows the memory on steps that should say 0.",
        "从第 {step} 步起，打开的输出门在本该输出 0 的步骤上显示了记忆。",
    ),
    # the puzzles, easy to hard
    "pz.read_write.title": ("1 · The tutorial's memory cell", "1 · 教程中的记忆单元"),
    "pz.read_write.task": (
        "Inputs (x1, x2, x3): x2 = 1 adds x1 to the memory, x2 = −1 erases it, x3 = 1 reads it. "
        "Output the memory on a read step, 0 on every other step.",
        "输入 (x1, x2, x3)：x2 = 1 时把 x1 加进记忆，x2 = −1 时清空记忆，x3 = 1 时读出记忆。"
        "读的那一步输出记忆，其他各步输出 0。",
    ),
    "pz.latch.title": ("2 · Remember the first bit", "2 · 记住第一个比特"),
    "pz.latch.task": (
        "Inputs (x1, x2, x3): x1 is a bit, x2 = 1 marks the first step, x3 = 1 the last. "
        "Output the first step's bit at the last step, 0 before.",
        "输入 (x1, x2, x3)：x1 是一个比特，x2 = 1 标记第一步，x3 = 1 标记最后一步。"
        "在最后一步输出第一步的比特，之前都输出 0。",
    ),
    "pz.count.title": ("3 · Count the ones", "3 · 数 1 的个数"),
    "pz.count.task": (
        "Inputs (x1, x2): x1 is a bit, x2 = 1 resets. At every step output how many ones came "
        "since the last reset, this step's bit included (a reset step counts only its own bit).",
        "输入 (x1, x2)：x1 是一个比特，x2 = 1 表示清零。每一步输出自上次清零以来 1 的个数，"
        "包括这一步的比特（清零的那一步只算它自己的比特）。",
    ),
    "pz.delay.title": ("4 · One step late (plain RNN)", "4 · 晚一步（普通 RNN）"),
    "pz.delay.task": (
        "Input x, a whole number: output the previous step's input (0 at the first step). "
        "One unit cannot both hold x and say the one before: use both.",
        "输入 x 是整数：输出上一步的输入（第一步输出 0）。一个单元没法既存着 x 又说出上一个：两个单元都要用上。",
    ),
    "pz.maximum.title": ("5 · The largest so far", "5 · 目前为止的最大值"),
    "pz.maximum.task": (
        "Input x1, a digit 0–9: output the largest digit seen so far. The gates can look at "
        "the previous output h: write when x1 is larger than it.",
        "输入 x1 是 0–9 的数字：输出目前为止见过的最大数字。门可以看到上一步的输出 h：当 x1 比它大时写入。",
    ),
    # what to blame
    "pz.blame.none": (
        "Every gate did what the reference does there: look at the read-out.",
        "每个门都和参考解法一样：检查输出部分。",
    ),
    "pz.blame.rnn.h1": (
        "Unit 1 held {value} at step {step}, where a solution holds {reference}.",
        "第 {step} 步时单元 1 存着 {value}，而一种解法存着 {reference}。",
    ),
    "pz.blame.rnn.h2": (
        "Unit 2 held {value} at step {step}, where a solution holds {reference}.",
        "第 {step} 步时单元 2 存着 {value}，而一种解法存着 {reference}。",
    ),
    "pz.blame.rnn.v": (
        "The units hold the right numbers, but the read-out V gave {value} (wanted {reference}).",
        "两个单元存的数是对的，但读出 V 给出 {value}（期望 {reference}）。",
    ),
    "pz.blame.f.low": (
        "The forget gate was {value} at step {step} (a solution keeps {reference}): the memory was erased.",
        "第 {step} 步遗忘门是 {value}（一种解法保持 {reference}）：记忆被清除了。",
    ),
    "pz.blame.f.high": (
        "The forget gate was {value} at step {step} (a solution has {reference}): the memory was "
        "kept where it should have been erased.",
        "第 {step} 步遗忘门是 {value}（一种解法是 {reference}）：本该清除的记忆被保留了。",
    ),
    "pz.blame.i.low": (
        "The input gate was {value} at step {step} (a solution opens it to {reference}): the "
        "value was not written.",
        "第 {step} 步输入门是 {value}（一种解法打开到 {reference}）：数值没有写进去。",
    ),
    "pz.blame.i.high": (
        "The input gate was {value} at step {step} (a solution has {reference}): something was "
        "written that should not be.",
        "第 {step} 步输入门是 {value}（一种解法是 {reference}）：写进了不该写的东西。",
    ),
    "pz.blame.o.low": (
        "The output gate was {value} at step {step} (a solution opens it to {reference}): the "
        "memory was hidden when it should be read.",
        "第 {step} 步输出门是 {value}（一种解法打开到 {reference}）：该读出时记忆被挡住了。",
    ),
    "pz.blame.o.high": (
        "The output gate was {value} at step {step} (a solution has {reference}): the memory was "
        "shown when the output should be 0.",
        "第 {step} 步输出门是 {value}（一种解法是 {reference}）：本该输出 0 时却显示了记忆。",
    ),
    "pz.blame.g.low": (
        "The candidate g was {value} at step {step} (a solution writes {reference}): the wrong "
        "value would be written.",
        "第 {step} 步候选值 g 是 {value}（一种解法写入 {reference}）：会写入错误的数值。",
    ),
    "pz.blame.g.high": (
        "The candidate g was {value} at step {step} (a solution writes {reference}): the wrong "
        "value would be written.",
        "第 {step} 步候选值 g 是 {value}（一种解法写入 {reference}）：会写入错误的数值。",
    ),
}

# The knobs' labels: symbols, the same in both languages ("i ← x1": input x1's weight in gate i).
for _gate in "ifgo":  # explorer.lessons.puzzles.GATES (not imported: strings load before models)
    for _part in ("x1", "x2", "x3", "h"):
        STRINGS[f"pz.{_gate}_{_part}"] = (f"{_gate} ← {_part}", f"{_gate} ← {_part}（权重）")
    STRINGS[f"pz.{_gate}_b"] = (f"{_gate}: bias", f"{_gate}：偏置")
    STRINGS[f"pz.gate.{_gate}"] = _GATE_NAMES[_gate]
for _knob in ("u1", "u2", "w11", "w12", "w21", "w22", "v1", "v2"):  # puzzles.RNN_KNOBS
    STRINGS[f"pz.{_knob}"] = (_knob, f"{_knob}（权重）")
