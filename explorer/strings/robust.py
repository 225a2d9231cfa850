"""Gate inspector and unrolled page: budgets, cancelling, refused uploads (`gt.rb.`, `un.rb.`)."""

STRINGS = {
    # Gate inspector: the hand-wired cell and a sequence of another width
    "gt.rb.hand.features": (
        "The hand-wired cell reads 3 features (x1 the value, x2 write/erase, x3 read); your "
        "sequence has {found}. Shown instead: **a random LSTM with {found} inputs and {hidden} "
        "units** (seed {seed}), run on your sequence. Choose “Random” or “Trained on this sequence” "
        "to change it.",
        "手工连线单元读取 3 个特征（x1 为数值，x2 控制写入/清除，x3 控制读出）；你的序列有 "
        "{found} 个。因此改为显示：**一个输入 {found} 维、{hidden} 个单元的随机 LSTM**"
        "（随机种子 {seed}），在你的序列上运行。选择“随机初始化”或“在此序列上训练”可以更改它。",
    ),
    "gt.rb.random_label": (
        "Random LSTM ({features} inputs, {hidden} units) in place of the hand-wired cell",
        "随机 LSTM（{features} 个输入，{hidden} 个单元），代替手工连线单元",
    ),
    # Uploads
    "gt.rb.file.used": (
        "The file in use: **{name}** ({size}). A file the box marks in red was not uploaded.",
        "正在使用的文件：**{name}**（{size}）。上传框中标红的文件没有上传。",
    ),
    # Work budget, progress and cancelling (training)
    "gt.rb.train.over": (
        "Training this would take too long on a shared server: {steps} steps × {units} units × "
        "{epochs} epochs × {models} model(s) is {work}, over the limit of {budget}. Lower the "
        "epochs to {max_epochs} or fewer, or train one model instead of both, or use a shorter "
        "sequence (only its first {limit} steps are used).",
        "在共享服务器上训练这个设置太慢：{steps} 步 × {units} 个单元 × {epochs} 轮 × {models} "
        "个模型 = {work}，超过上限 {budget}。请把训练轮数降到 {max_epochs} 或更少，或只训练一个"
        "模型而不是两个，或使用更短的序列（只用前 {limit} 步）。",
    ),
    "gt.rb.train.cancel": ("Cancel training", "取消训练"),
    "gt.rb.train.cancelled": (
        "Training was cancelled. Nothing is shown until you start it again.",
        "训练已取消。重新开始训练之前不显示结果。",
    ),
    "gt.rb.train.start": ("Train again", "重新训练"),
    # Unrolled page
    "un.rb.over": (
        "This view would take too long to compute on a shared server: {steps} time steps × "
        "{units} units × {frames} frames of the α slider is {work}, over the limit of {budget}. "
        "Lower the number of steps or of hidden units (for example {steps} steps with at most "
        "{max_units} units). The preset's own sequence is shown instead.",
        "在共享服务器上计算这个视图太慢：{steps} 个时间步 × {units} 个单元 × α 滑块的 {frames} "
        "帧 = {work}，超过上限 {budget}。请减少步数或隐藏单元数（例如 {steps} 步时最多 "
        "{max_units} 个单元）。下面改为显示预设自带的序列。",
    ),
    "un.rb.progress": ("Computing the diagram for every α", "正在为每个 α 计算示意图"),
    "un.rb.frame": ("(frame {frame} of {frames})", "（第 {frame}/{frames} 帧）"),
    # Downloads asked for after the server let the data go
    "rb.download.expired": (
        "This data is no longer held by the server. Reload the page and download again.",
        "服务器已不再保存这些数据。请刷新页面后重新下载。",
    ),
}
