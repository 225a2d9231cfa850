"""The live class (ui/live_class.py, classroom/store.py): the sidebar, following, asking the class."""

STRINGS = {
    "lc.title": ("Live class", "课堂"),
    "lc.open.title": ("Class title", "课堂标题"),
    "lc.open.placeholder": ("e.g. RNNs, week 3", "例如：循环神经网络，第 3 周"),
    "lc.open": ("Open a class", "开设课堂"),
    "lc.open.help": (
        "Students who join follow your page and settings; you can ask them the page's questions.",
        "加入的学生会跟随你的页面和设置；你可以向他们提出本页的问题。",
    ),
    "lc.join.code": ("Join code", "课堂代码"),
    "lc.join.nickname": ("Nickname (optional)", "昵称（可不填）"),
    "lc.join": ("Join", "加入"),
    "lc.code": ("Join code: **{code}**", "课堂代码：**{code}**"),
    "lc.join_link": ("Join link (project it, or the QR code):", "加入链接（投影它或二维码）："),
    "lc.teacher_link": ("Your teacher link", "你的教师链接"),
    "lc.teacher_link.help": (
        "Keep it to yourself: it lets its holder lead the class. It is not in your page's "
        "address, so the projector does not show it.",
        "请自行保管：持有它的人可以主持课堂。它不在页面地址里，所以投影不会显示它。",
    ),
    "lc.qr": ("QR code of the join link", "加入链接的二维码"),
    "lc.end": ("End the class", "结束课堂"),
    "lc.ended": ("The class has ended.", "课堂已结束。"),
    "lc.size": (
        "{n} students here, {following} following you",
        "在线学生 {n} 人，{following} 人跟随你",
    ),
    "lc.size.student": ("{following} of {n} following", "{n} 人中 {following} 人在跟随"),
    "lc.teaching": ("You lead **{title}**", "你正在主持 **{title}**"),
    "lc.following": (
        "Following the teacher in **{title}**, as {nickname}",
        "正在跟随 **{title}** 的老师，昵称：{nickname}",
    ),
    "lc.exploring": (
        "Exploring on your own in **{title}**, as {nickname}",
        "正在 **{title}** 中自己探索，昵称：{nickname}",
    ),
    "lc.explore": ("Explore on my own", "自己探索"),
    "lc.back": ("Back to the teacher", "回到老师这里"),
    "lc.leave": ("Leave the class", "离开课堂"),
    "lc.error.unknown": (
        "No open class has the code {code}: check it with your teacher.",
        "没有代码为 {code} 的进行中课堂：请向老师核对。",
    ),
    "lc.error.key": (
        "This teacher link does not open class {code}: you joined as a student.",
        "这个教师链接打不开课堂 {code}：你以学生身份加入了。",
    ),
    "lc.error.guesses": (
        "Too many wrong codes: try again in a few minutes.",
        "错误的代码太多：请几分钟后再试。",
    ),
    "lc.error.store": (
        "The class cannot be reached right now ({reason}); the page works on its own.",
        "暂时连接不到课堂（{reason}）；页面仍可单独使用。",
    ),
    "lc.ask": ("Ask the class", "向全班提问"),
    "lc.asked": ("The teacher asks:", "老师提问："),
    "lc.send": ("Send my answer", "提交我的答案"),
    "lc.sent": (
        "Your answer: {value}. You may change it until the teacher reveals.",
        "你的答案：{value}。老师揭晓之前可以修改。",
    ),
    "lc.answered": ("{answered} of {n} answered", "{n} 人中已有 {answered} 人回答"),
    "lc.reveal": ("Reveal the answer", "揭晓答案"),
    "lc.revealed": ("Answer: {answer}. The class said:", "答案：{answer}。全班的回答："),
    "lc.right": ("✓ Right.", "✓ 答对了。"),
    "lc.wrong": ("✗ Not this time: the chart shows why.", "✗ 这次没答对：图表显示了原因。"),
    "lc.revealed.you": (
        "Answer: **{answer}**. You said: {given}.",
        "答案：**{answer}**。你的回答：{given}。",
    ),
}
