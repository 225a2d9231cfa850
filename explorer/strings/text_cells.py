""" "Your text": a character model trained in class, and its cells (prefix "tc.")."""

STRINGS = {
    "view.text_cells": ("Your text", "你的文本"),
    "view.text_cells.summary": (
        "Train a character model on a built-in, pasted or uploaded text and find the cells that "
        "track quotes, brackets or indentation. Colour the text by one cell, state a hypothesis "
        "and rank the cells that match it.",
        "在内置、粘贴或上传的文本上训练一个字符模型，找出追踪引号、括号或缩进的单元。按一个单元的激活给"
        "文本着色，提出一个假设，并给与之相符的单元排序。",
    ),
    "tc.title": ("Your text: the cells a character model grows", "你的文本：字符模型长出的单元"),
    "tc.intro": (
        "A recurrent network reads the text one character at a time and learns to predict the next "
        "one. Some of its cells end up tracking something a reader would name: inside quotes, the "
        "depth of brackets, the indentation (Karpathy, Johnson & Fei-Fei, 2015). Train one here, "
        "then look for them.",
        "循环网络逐个字符地读文本，学习预测下一个字符。其中一些单元最终会追踪读者能说出名字的东西："
        "是否在引号内、括号的深度、缩进（Karpathy、Johnson 与 Fei-Fei，2015）。在这里训练一个，然后去找它们。",
    ),
    "tc.text": ("Text", "文本"),
    "tc.source": ("Text to train on", "训练用的文本"),
    "tc.source.quotes": ("Quotes language (generated)", "引号语言（生成）"),
    "tc.source.brackets": ("Brackets language (generated)", "括号语言（生成）"),
    "tc.source.python": ("Python source code (standard library)", "Python 源代码（标准库）"),
    "tc.source.paste": ("Paste a text", "粘贴文本"),
    "tc.source.upload": ("Upload a .txt file", "上传 .txt 文件"),
    "tc.paste": ("Your text (English or Chinese, up to 1 MB)", "你的文本（英文或中文，最多 1 MB）"),
    "tc.paste.placeholder": ("Paste or type a text here…", "在这里粘贴或输入文本……"),
    "tc.paste.none": ("Paste a text above to train on it.", "在上面粘贴一段文本来训练。"),
    "tc.not_in_link": (
        "Your text stays in this session: the share link carries the settings only, never the text.",
        "你的文本只留在本次会话中：分享链接只带设置，从不带文本。",
    ),
    "tc.file": ("A text file (.txt, UTF-8)", "文本文件（.txt，UTF-8）"),
    "tc.file.help": (
        "Plain text in UTF-8: English, Chinese, code. It is read as text and never run.",
        "UTF-8 编码的纯文本：英文、中文、代码都可以。它只被当作文本读取，绝不会被执行。",
    ),
    "tc.file.none": (
        "No file yet: upload a .txt file to train on it.",
        "还没有文件：上传一个 .txt 文件来训练。",
    ),
    "tc.err.too_big": (
        "This text is larger than {limit}: use a shorter one.",
        "这段文本超过了 {limit}：请换一段短一些的。",
    ),
    "tc.summary": (
        "{chars} characters, {distinct} distinct.",
        "{chars} 个字符，{distinct} 种不同字符。",
    ),
    "tc.model": ("Model", "模型"),
    "tc.kind": ("Cell", "单元类型"),
    "tc.kind.lstm": ("LSTM", "LSTM"),
    "tc.kind.gru": ("GRU", "GRU"),
    "tc.kind.rnn": ("RNN", "RNN"),
    "tc.kind.all": ("All three", "三种都要"),
    "tc.hidden": ("Hidden units", "隐藏单元数"),
    "tc.steps": ("Training steps", "训练步数"),
    "tc.seed": ("Seed", "随机种子"),
    "tc.job": (
        "Training the {kind} on your text ({steps} steps)",
        "正在你的文本上训练 {kind}（{steps} 步）",
    ),
    "tc.failed": ("The training failed: {detail}", "训练失败：{detail}"),
    "tc.fig.loss": ("Training loss against the baselines", "训练损失与基线对比"),
    "tc.baseline.unigram": ("unigram {loss}", "一元基线 {loss}"),
    "tc.baseline.bigram": ("bigram {loss}", "二元基线 {loss}"),
    "tc.axis.step": ("training step", "训练步"),
    "tc.axis.loss": ("loss (nats per character)", "损失（每字符 nats）"),
    "tc.view": ("The text, coloured by one cell", "按一个单元着色的文本"),
    "tc.show": ("Model", "模型"),
    "tc.state": ("Gate or state", "门或状态"),
    "tc.state.c": ("c · cell state", "c · 细胞状态"),
    "tc.state.h": ("h · hidden state", "h · 隐藏状态"),
    "tc.state.i": ("i · input gate", "i · 输入门"),
    "tc.state.f": ("f · forget gate", "f · 遗忘门"),
    "tc.state.g": ("g · candidate", "g · 候选值"),
    "tc.state.o": ("o · output gate", "o · 输出门"),
    "tc.state.r": ("r · reset gate", "r · 重置门"),
    "tc.state.z": ("z · update gate", "z · 更新门"),
    "tc.state.n": ("n · candidate", "n · 候选值"),
    "tc.unit": ("Cell", "单元"),
    "tc.start": ("Window start (shows {shown} characters)", "窗口起点（显示 {shown} 个字符）"),
    "tc.coloured": (
        "{model} · {state} · cell {unit} · characters {lo}–{hi} of {total}",
        "{model} · {state} · 单元 {unit} · 第 {lo}–{hi} 个字符（共 {total}）",
    ),
    "tc.scale.signed": (
        "Blue = negative, white = 0, red = positive (± {bound}). · is a space, ↵ a new line.",
        "蓝 = 负，白 = 0，红 = 正（± {bound}）。· 表示空格，↵ 表示换行。",
    ),
    "tc.scale.gate": (
        "Dark = gate shut (0), bright = gate open (1). · is a space, ↵ a new line.",
        "暗 = 门关闭（0），亮 = 门打开（1）。· 表示空格，↵ 表示换行。",
    ),
    "tc.open_gates": ("Open this {kind} in the gate inspector", "在门控检查器中打开这个 {kind}"),
    "tc.open_gates.note": (
        "Every gate of every cell, step by step, on the first {chars} characters of this window.",
        "在这个窗口的前 {chars} 个字符上，逐步查看每个单元的每个门。",
    ),
    "gt.source.chars": ("A model trained on “Your text”", "在“你的文本”上训练的模型"),
    "gt.chars.none": (
        "No model opened yet: train an LSTM or GRU on the page “Your text” and press “Open this "
        "LSTM in the gate inspector”.",
        "还没有打开模型：在“你的文本”页面上训练一个 LSTM 或 GRU，然后点击“在门控检查器中打开”。",
    ),
    "gt.chars.gone": (
        "The model opened here is no longer kept on the server: open it again from “Your text” "
        "(it is trained again if needed).",
        "这里打开的模型已不在服务器上：请从“你的文本”重新打开（需要时会重新训练）。",
    ),
    "gt.chars.opened": (
        "The {kind} with {hidden} units trained on “Your text”, on {chars} of its characters; its "
        "input is one-hot over its {vocabulary} characters (one row each).",
        "在“你的文本”上训练的 {hidden} 单元 {kind}，作用于其中 {chars} 个字符；输入是对它的 "
        "{vocabulary} 个字符的独热编码（每个字符一行）。",
    ),
    "tc.hypothesis": ("A hypothesis ranks the cells", "用假设给单元排序"),
    "tc.mode": ("Hypothesis", "假设"),
    "tc.mode.regex": ("A pattern (regex)", "一个模式（正则表达式）"),
    "tc.mode.span": ("A span of the window", "窗口中的一段"),
    "tc.mode.truth": ("What the text was made with", "文本生成时的结构"),
    "tc.truth.about": (
        "The built-in text was generated with this structure: {name}. Which cells follow it?",
        "这段内置文本是按这个结构生成的：{name}。哪些单元跟随它？",
    ),
    "tc.truth.none": (
        "Only a built-in text knows the structure it was made with: for your own text, state a "
        "pattern or select a span.",
        "只有内置文本知道自己生成时的结构：对你自己的文本，请写一个模式或选择一段。",
    ),
    "tc.regex": ("Characters matched by", "被它匹配的字符"),
    "tc.regex.help": (
        "A Python regular expression. Every character inside a match counts, and matches may "
        'start anywhere (even at a closing quote), so say what is inside: `"[A-Z ]+"` is a quoted '
        "upper-case phrase, `\\([^()]*\\)` an innermost pair of brackets, `(?m)^ +` an indentation.",
        "Python 正则表达式。匹配内的每个字符都算数，匹配可以从任何位置开始（甚至从右引号开始），所以要写明里面"
        '是什么：`"[A-Z ]+"` 是引号里的大写短语，`\\([^()]*\\)` 是最内层的一对括号，`(?m)^ +` 是缩进。',
    ),
    "tc.span": ("Span (characters {lo}–{hi})", "片段（第 {lo}–{hi} 个字符）"),
    "tc.matched": (
        "The hypothesis: {count} of {total} characters",
        "假设：{total} 个字符中的 {count} 个",
    ),
    "tc.mask.flat": (
        "The hypothesis holds for no character or for every one: nothing to rank the cells by.",
        "这个假设对所有字符都不成立或都成立：无法据此给单元排序。",
    ),
    "tc.fig.window.mask": ("the hypothesis", "假设"),
    "tc.axis.char": ("character", "字符"),
    "tc.fig.window": (
        "Cell {unit} over characters {lo}–{hi}, the hypothesis shaded",
        "单元 {unit} 在第 {lo}–{hi} 个字符上的值，阴影为假设",
    ),
    "tc.window.select": (
        "Drag across this chart to select a span: it becomes the hypothesis, and the cells that "
        "match it are ranked.",
        "在图上横向拖动选择一段：它就成为假设，并给与之相符的单元排序。",
    ),
    "tc.fig.ranking": (
        "Every cell's correlation r with the hypothesis",
        "每个单元与假设的相关系数 r",
    ),
    "tc.axis.unit_ranked": ("cell (best |r| first)", "单元（|r| 由大到小）"),
    "tc.top": (
        "best cell #{rank}: cell {unit}, r = {r}",
        "第 {rank} 好的单元：单元 {unit}，r = {r}",
    ),
    "tc.pick_best": ("Colour the text by cell {unit}", "用单元 {unit} 给文本着色"),
    "tc.saturation": ("Gate saturation", "门的饱和度"),
    "tc.fig.saturation": (
        "How often each gate is nearly shut or nearly open",
        "每个门有多常几乎关闭或几乎打开",
    ),
    "tc.axis.left": (
        "fraction of characters with the gate < 0.1 (shut)",
        "门 < 0.1（关闭）的字符比例",
    ),
    "tc.axis.right": ("fraction with the gate > 0.9 (open)", "门 > 0.9（打开）的字符比例"),
    "tc.gate.i": ("input gate", "输入门"),
    "tc.gate.f": ("forget gate", "遗忘门"),
    "tc.gate.o": ("output gate", "输出门"),
    "tc.gate.r": ("reset gate", "重置门"),
    "tc.gate.z": ("update gate", "更新门"),
    "tc.saturation.none": ("A plain RNN has no gates.", "普通 RNN 没有门。"),
    "tc.saturation.note": (
        "One point per cell and gate. High up: a gate nearly always open (a forget gate there keeps "
        "its memory for long); far right: nearly always shut; near the dotted diagonal: a gate that "
        "switches, shut on some characters and open on others; near the origin: never decided.",
        "每个点是一个单元的一个门。靠上：几乎总是打开的门（遗忘门在那里会长时间保留记忆）；靠右：几乎总是关闭；"
        "靠近虚线对角线：在一些字符上关闭、在另一些字符上打开的门；靠近原点：从不果断。",
    ),
    "tc.samples": ("What the model writes", "模型写出的文字"),
    "tc.sample": ("temperature {temperature}", "温度 {temperature}"),
    "tc.samples.note": (
        "Sampled one character at a time from the model's prediction; a low temperature picks "
        "the likeliest characters, a high one takes more risks.",
        "按模型的预测逐个字符抽样；温度低时挑最可能的字符，温度高时更敢冒险。",
    ),
    "tc.guide.notice": (
        "{model} cell {unit}'s {state} ranges from {low} to {high} in this text. {loss} {best}",
        "{model} 单元 {unit} 的{state}在这段文本中从 {low} 变到 {high}。{loss}{best}",
    ),
    "tc.by_heart": (
        "This text is too short to teach the model anything but itself: {chars} characters for "
        "a {model} of {params} parameters, more numbers than characters to predict, so the "
        "model can store the text by heart. Its loss of {loss} nats per character says it "
        "remembers this text, not that it learned the language: give it a text longer than "
        "{params} characters (or fewer units).",
        "这段文本太短，模型除了它本身学不到别的：{chars} 个字符，而 {model} 有 {params} 个参数，"
        "参数比要预测的字符还多，模型可以把整段文本背下来。每字符 {loss} nats 的损失说明它记住了"
        "这段文本，而不是学会了这种语言：请给它超过 {params} 个字符的文本（或减少单元数）。",
    ),
    "tc.loss.fell": (
        "The training loss fell from {first} to {last} nats per character.",
        "训练损失从每字符 {first} nats 降到 {last}。",
    ),
    "tc.loss.rose": (
        "The training loss rose from {first} to {last} nats per character: this training did "
        "not lower it.",
        "训练损失从每字符 {first} nats 升到 {last}：这次训练没有让它下降。",
    ),
    "tc.loss.same": (
        "The training loss stayed at {last} nats per character.",
        "训练损失保持在每字符 {last} nats。",
    ),
    "tc.loss.below": (
        " That is below the bigram baseline ({bigram}, a guess from the previous character alone).",
        "这低于二元基线（{bigram}，只凭前一个字符来猜）。",
    ),
    "tc.loss.above": (
        " That is not below the bigram baseline ({bigram}, a guess from the previous character "
        "alone).",
        "这没有低于二元基线（{bigram}，只凭前一个字符来猜）。",
    ),
    "tc.guide.best": (
        "The cell that best matches your hypothesis is cell {unit} (r = {r}).",
        "与你的假设最相符的是单元 {unit}（r = {r}）。",
    ),
    "tc.guide.try": (
        '- On the quotes language, try the pattern `"[A-Z ]+"`: does a cell stay on across the '
        "spaces inside the quotes, where only memory can tell?\n"
        "- Train with 4 units, then 32: does the quote cell appear only with enough units?\n"
        "- Train all three cells: which one's loss drops below the bigram baseline first?",
        '- 在引号语言上试试模式 `"[A-Z ]+"`：有没有单元在引号内的空格处也保持激活——那里只有记忆能告诉它？\n'
        "- 先用 4 个单元训练，再用 32 个：引号单元是不是只有单元足够多时才出现？\n"
        "- 三种单元都训练：哪一种的损失最先低于二元基线？",
    ),
    "tc.csv.note": (
        "The CSV has every cell of the gate or state shown, for the first {chars} characters.",
        "CSV 包含所显示的门或状态的每个单元在前 {chars} 个字符上的值。",
    ),
}
