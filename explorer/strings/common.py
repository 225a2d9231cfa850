"""The frame's strings: app title, navigation, sidebar, shared controls and messages."""

STRINGS = {
    "app.title": ("RNN Explorer", "循环神经网络探索器"),
    "app.tagline": (
        "See how recurrent neural networks remember, and why their gradients vanish or explode.",
        "亲眼看看循环神经网络如何记忆，以及它的梯度为什么会消失或爆炸。",
    ),
    "nav.home": ("Home", "首页"),
    "nav.unknown": (
        "There is no page “{path}” here: this is the home page.",
        "这里没有“{path}”这个页面：这是首页。",
    ),
    "nav.group.views": ("Views", "视图"),
    "sidebar.language": ("Language", "语言"),
    "sidebar.about": ("About", "关于"),
    "sidebar.about.text": (
        "RNN Explorer turns the classic RNN tutorials (Peter Roelants' counting-ones RNN, "
        "the NumPy RNN/LSTM/GRU notes) into live views. All numbers come from one NumPy "
        "package, `explorer/`, checked against PyTorch.",
        "RNN 探索器把经典的循环神经网络教程（Peter Roelants 的“数 1”线性循环神经网络、"
        "NumPy 版 RNN/LSTM/GRU 笔记）做成可交互的视图。所有数字都来自同一个 NumPy 包 "
        "`explorer/`，并与 PyTorch 逐一核对。",
    ),
    "sidebar.present": ("Presenter mode (large fonts)", "演示模式（大字号）"),
    "share.title": ("Share this view", "分享此视图"),
    "share.help": (
        "This link reproduces exactly what you see now: copy it with the button on the right.",
        "这个链接可以完整重现当前视图：点击右侧按钮复制。",
    ),
    "share.help.partial": (
        "This link reproduces every setting of this view: copy it with the button on the right.",
        "这个链接可以重现此视图的所有设置：点击右侧按钮复制。",
    ),
    "share.lost": (
        "What a link cannot carry:",
        "链接无法携带的内容：",
    ),
    "share.lost.upload": (
        "an uploaded file: it stays in this browser (whoever opens the link uploads their own)",
        "上传的文件：它只留在这个浏览器里（打开链接的人需要自己上传）",
    ),
    "share.lost.model": (
        "a model opened from “Your text”: whoever opens the link sees “No model opened yet” "
        "until they train one there and open it here",
        "从“你的文本”打开的模型：打开链接的人会看到“还没有打开模型”，"
        "直到他们在“你的文本”页面上训练一个模型并在这里打开",
    ),
    "share.lost.pasted": (
        "pasted text: it stays in this browser",
        "粘贴的文本：它只留在这个浏览器里",
    ),
    "share.lost.trained": (
        "a trained model: the link carries its settings and seed, and the model is trained "
        "again when the link is opened (on “Why gates work”, with its Train button)",
        "训练好的模型：链接只带它的设置和随机种子，打开链接时会重新训练"
        "（在“门控为何有效”页面上需要按训练按钮）",
    ),
    "share.long": (
        "This link is {chars} characters long: some mail and chat programs cut links longer "
        "than {limit} characters.",
        "这个链接有 {chars} 个字符：有些邮件和聊天软件会截断超过 {limit} 个字符的链接。",
    ),
    "guide.notice": ("What to notice", "看点"),
    "guide.try": ("Try this", "试一试"),
    "download.csv": ("Download data (CSV)", "下载数据（CSV）"),
    "download.html": ("Download animation (HTML)", "下载动画（HTML）"),
    "home.intro": (
        "Pick a view. Each one is a live experiment from the tutorials: move a control and "
        "the numbers, the charts and the explanations follow.",
        "选择一个视图。每个视图都是教程里的一个实时实验：调整控件，数字、图表和讲解会随之变化。",
    ),
    "home.open": ("Open {name}", "打开{name}"),
    "error.generic": (
        "Something went wrong while computing this view: {detail}",
        "计算此视图时出错：{detail}",
    ),
    "url.bad_param": (
        "The link's value for “{key}” ({value}) is not valid here; using {default} instead.",
        "链接中“{key}”的值（{value}）在这里无效，已改用 {default}。",
    ),
    "url.changed": (
        "The link's value for “{key}” ({value}) is outside what this page allows; using {now} "
        "instead.",
        "链接中“{key}”的值（{value}）超出了本页允许的范围，已改用 {now}。",
    ),
    "axis.w_x": ("w_x (input weight)", "w_x（输入权重）"),
    "axis.w_rec": ("w_rec (recurrent weight)", "w_rec（循环权重）"),
    "label.optimum": ("optimum (1, 1)", "最优点 (1, 1)"),
    "label.overflow": ("overflow", "溢出"),
}

# Views: titles and the home page's two-sentence summaries (a view appears once its page exists).
STRINGS |= {
    "view.loss_surface": ("Loss surface", "损失曲面"),
    "view.loss_surface.summary": (
        "The cost of the counting-ones RNN over its two weights, with the cliff where "
        "|w_rec| passes 1. Hover for the loss and the gradient; check BPTT against finite "
        "differences and autograd.",
        "“数 1”循环神经网络的损失随两个权重变化的曲面，以及 |w_rec| 越过 1 时出现的悬崖。"
        "悬停查看损失与梯度；把 BPTT 梯度与有限差分、自动求导对照检验。",
    ),
    "view.gradient_decay": ("Gradient decay", "梯度衰减"),
    "view.gradient_decay.summary": (
        "How ∂ξ/∂S_k shrinks or grows as it travels back through time. Drag w_rec and watch "
        "the gradient vanish, stay constant, oscillate or explode.",
        "∂ξ/∂S_k 随时间反向传播时如何缩小或增大。拖动 w_rec，观察梯度消失、保持不变、"
        "正负振荡或爆炸。",
    ),
    "view.optimizers": ("Optimizer race", "优化器竞赛"),
    "view.optimizers.summary": (
        "Rprop, SGD, momentum, two kinds of clipping and Adam race across the same loss surface. "
        "See why a gradient in the millions throws plain gradient descent off the map while "
        "Rprop, which only trusts the sign, walks to (1, 1).",
        "弹性反向传播（Rprop）、SGD、动量、两种梯度裁剪和 Adam 在同一个损失曲面上赛跑。"
        "看看为什么数百万量级的梯度会把普通梯度下降甩出地图，而只看梯度符号的 Rprop 能走到 (1, 1)。",
    ),
    "view.unrolled": ("Unrolled RNN", "展开的循环神经网络"),
    "view.unrolled.summary": (
        "The network unrolled through time with real numbers in every node, forward and "
        "backward. Compare N→N, N→1, 1→N and encoder–decoder structures, and watch gradient "
        "flow depend on the spectral radius.",
        "按时间展开的网络，每个节点都显示真实数值，前向与反向传播一目了然。比较 N→N、N→1、"
        "1→N 与编码器–解码器结构，观察梯度流如何取决于谱半径。",
    ),
    "view.gates": ("Gate inspector", "门控检查器"),
    "view.gates.summary": (
        "LSTM and GRU gates, step by step, on a built-in, hand-wired, trained or uploaded "
        "sequence. See the forget gate hold a memory and the output gate hide it.",
        "在内置、手工连线、训练所得或上传的序列上，逐步查看 LSTM 与 GRU 的各个门。"
        "看遗忘门如何保持记忆，输出门如何把它藏起来。",
    ),
}
