"""Character model strings (prefix "cm."): refused texts and patterns, the built-in texts."""

STRINGS = {
    # Refused input (explorer.training.charmodel.CharModelError)
    "cm.err.empty": (
        "The text is empty: paste or upload some text to train on.",
        "文本是空的：请粘贴或上传一段文本来训练。",
    ),
    "cm.err.one_char": (
        "The text has only one distinct character: there is nothing to predict. Use a text "
        "with at least two different characters.",
        "这段文本只有一种字符，没有什么可预测的。请使用至少包含两种不同字符的文本。",
    ),
    "cm.err.too_long": (
        "The text has {chars} characters; training takes at most {limit}.",
        "这段文本有 {chars} 个字符；训练最多使用 {limit} 个。",
    ),
    "cm.err.states_long": (
        "The cells are shown on at most {limit} characters; this text has {chars}.",
        "最多在 {limit} 个字符上显示单元的取值；这段文本有 {chars} 个。",
    ),
    "cm.err.mask_long": (
        "A pattern is searched in at most {limit} characters; this text has {chars}.",
        "模式最多在 {limit} 个字符中搜索；这段文本有 {chars} 个。",
    ),
    "cm.err.kind": (
        "Unknown cell type {kind}: use RNN, LSTM or GRU.",
        "未知的单元类型 {kind}：请使用 RNN、LSTM 或 GRU。",
    ),
    "cm.err.hidden": (
        "{hidden} units: use 1 to {limit}.",
        "{hidden} 个单元：请使用 1 到 {limit} 个。",
    ),
    "cm.err.steps": (
        "{steps} training steps: use 1 to {limit}.",
        "{steps} 个训练步：请使用 1 到 {limit} 步。",
    ),
    "cm.err.over": (
        "Training {models} model(s) of {units} units for {steps} steps is {work} units of work, "
        "more than this shared server allows ({budget}). Use at most {max_steps} steps.",
        "训练 {models} 个 {units} 单元的模型 {steps} 步需要 {work} 个工作量单位，超过了这台共享"
        "服务器的上限（{budget}）。请最多使用 {max_steps} 步。",
    ),
    "cm.err.regex": (
        "This is not a valid regular expression: {error}.",
        "这不是一个有效的正则表达式（Python 的原话：{error}）。",
    ),
    "cm.err.regex_empty": (
        'Type a pattern (a regular expression), for example "[^"]*" for quoted text.',
        '请输入一个模式（正则表达式），例如 "[^"]*" 表示引号内的文字。',
    ),
    "cm.err.regex_long": (
        "The pattern has {chars} characters; use at most {limit}.",
        "这个模式有 {chars} 个字符；最多使用 {limit} 个。",
    ),
    "cm.err.regex_nested": (
        "A repeat of something that itself repeats or has alternatives, like (a+)+ or (a|b)*, "
        "can take forever to search. Use a character class instead: [ab]*.",
        "对本身带重复或分支的内容再重复（如 (a+)+ 或 (a|b)*）可能搜索极慢。请改用字符类，例如 [ab]*。",
    ),
    "cm.err.regex_backref": (
        "Backreferences (\\1, (?P=name)) are not supported in a hypothesis.",
        "假设模式中不支持反向引用（\\1、(?P=name)）。",
    ),
    "cm.err.regex_slow": (
        "This pattern could try more than {limit} ways at every character (several repeats "
        "such as * or + in a row). Use fewer repeats, or make them exact with {{n}}.",
        "这个模式在每个字符处可能尝试超过 {limit} 种匹配方式（连续多个 * 或 + 之类的重复）。"
        "请减少重复，或用 {{n}} 指定确切次数。",
    ),
    "cm.err.regex_cpu": (
        "This pattern takes more than {seconds} s of computing to search this text: write it "
        "more simply (fewer * and + in a row).",
        "这个模式在这段文本中搜索要花超过 {seconds} 秒的计算时间：请写得简单一些（少用连续的 * 和 +）。",
    ),
    "cm.err.regex_busy": (
        "The server is too busy to search for this pattern right now: try again in a moment.",
        "服务器现在太忙，来不及搜索这个模式：请稍后再试。",
    ),
    # Built-in texts (explorer.inputs.texts)
    "cm.text.quotes": ("Quotes language", "引号语言"),
    "cm.text.quotes.help": (
        "Generated sentences in which every quoted word is written in CAPITALS. Between two "
        "quoted words only memory can tell whether the next word is quoted: a good model grows a "
        "cell that is on inside quotes.",
        "自动生成的句子，引号里的每个词都用大写字母。在两个被引用的词之间，只有记忆能判断下一个词"
        "是否在引号内：好的模型会长出一个在引号内开启的单元。",
    ),
    "cm.text.brackets": ("Brackets language", "括号语言"),
    "cm.text.brackets.help": (
        "Generated lines of nested brackets and letters; a line ends only when every bracket is "
        "closed. To predict a closing bracket or the line end, a cell must count the depth.",
        "自动生成的嵌套括号与字母，每行只有在所有括号都闭合后才结束。要预测右括号或行尾，单元必须"
        "数出当前的嵌套深度。",
    ),
    "cm.text.python": ("Python source code", "Python 源代码"),
    "cm.text.python.help": (
        "Modules of Python's own standard library (textwrap, string, …), read from this "
        "computer: quotes, indentation and brackets, as in Karpathy's Linux-source cells.",
        "直接读取本机 Python 标准库的模块（textwrap、string 等）：引号、缩进和括号，就像 "
        "Karpathy 在 Linux 源代码上发现的单元。",
    ),
    "cm.truth.quotes": ("inside quotes", "在引号内"),
    "cm.truth.depth": ("bracket depth", "括号深度"),
    "cm.truth.indent": ("indentation (leading spaces)", "缩进（行首空格数）"),
}
