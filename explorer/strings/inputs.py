"""Messages for refused input: uploaded or pasted sequences and weights files (explorer.inputs.data).

Raised as explorer.errors.InputError("gt.err.<name>", **values); str() is the English text. The
values are what the user sent (row, column, cell text, sizes); the UI escapes them.
"""

STRINGS = {
    "gt.err.not_bytes": ("The input is not a file.", "输入的不是文件。"),
    "gt.err.too_big": (
        "The file is {size} MB ({bytes} bytes); the limit is {limit} MB ({limit_bytes} bytes).",
        "文件大小为 {size} MB（{bytes} 字节），上限是 {limit} MB（{limit_bytes} 字节）。",
    ),
    "gt.err.not_text": (
        "The file is neither text (UTF-8) nor a .npy array: byte {offset} is not text.",
        "文件既不是文本（UTF-8）也不是 .npy 数组：第 {offset} 个字节不是文本。",
    ),
    "gt.err.encoding": (
        "The file is {encoding} text (its first bytes say so), not UTF-8: save it again as "
        "UTF-8 (a spreadsheet: Save as “CSV UTF-8”; an editor: encoding UTF-8) and upload that.",
        "文件是 {encoding} 编码的文本（文件开头的字节标明了这一点），不是 UTF-8：请另存为 UTF-8"
        "（电子表格：另存为“CSV UTF-8”；文本编辑器：编码选 UTF-8）后再上传。",
    ),
    "gt.err.encoding_guess": (
        "The file is not UTF-8 (byte {offset} is not UTF-8 text); it looks like {encoding} "
        "text. Save it again as UTF-8 (a spreadsheet: Save as “CSV UTF-8”; an editor: encoding "
        "UTF-8) and upload that.",
        "文件不是 UTF-8（第 {offset} 个字节不是 UTF-8 文本），看起来是 {encoding} 编码的文本。"
        "请另存为 UTF-8（电子表格：另存为“CSV UTF-8”；文本编辑器：编码选 UTF-8）后再上传。",
    ),
    "gt.err.empty": ("It is empty: no numbers to read.", "它是空的：没有可读的数字。"),
    "gt.err.only_header": (
        "The file has a header row but no data rows.",
        "文件只有表头，没有数据行。",
    ),
    "gt.err.too_wide": (
        "The sequence has {features} features (columns); at most {limit} are allowed.",
        "序列有 {features} 个特征（列），最多允许 {limit} 个。",
    ),
    "gt.err.no_features": ("The rows have no values.", "各行没有任何数值。"),
    "gt.err.too_long": (
        "The sequence has {steps} steps (rows); at most {limit} are allowed.",
        "序列有 {steps} 步（行），最多允许 {limit} 步。",
    ),
    "gt.err.too_long_more": (
        "The sequence has more than {limit} steps (rows); at most {limit} are allowed.",
        "序列超过 {limit} 步（行），最多允许 {limit} 步。",
    ),
    "gt.err.too_short": (
        "The sequence has {steps} step(s); a recurrent network needs at least 2.",
        "序列只有 {steps} 步；循环神经网络至少需要 2 步。",
    ),
    "gt.err.not_finite": (
        "Time step {step}, feature {col} is {value}; every value must be a finite number.",
        "第 {step} 步、第 {col} 个特征的值是 {value}；所有值都必须是有限的数。",
    ),
    "gt.err.npy_bad": (
        "The .npy file is damaged or truncated.",
        ".npy 文件已损坏或不完整。",
    ),
    "gt.err.npy_object": (
        "The .npy file holds Python objects; only numeric arrays are read (never unpickled).",
        ".npy 文件里存的是 Python 对象；这里只读取数值数组（绝不反序列化 pickle）。",
    ),
    "gt.err.npy_dtype": (
        "The .npy array has type {dtype}; it must hold numbers (integers or floats).",
        ".npy 数组的类型是 {dtype}；它必须是数值（整数或浮点数）。",
    ),
    "gt.err.npy_ndim": (
        "The .npy array has {ndim} dimensions; it must be 1-D (steps) or 2-D (steps × features).",
        ".npy 数组有 {ndim} 维；它必须是一维（时间步）或二维（时间步 × 特征）。",
    ),
    "gt.err.json_bad": (
        "The JSON is not valid at line {row}, column {col}.",
        "JSON 在第 {row} 行第 {col} 列处格式错误。",
    ),
    "gt.err.json_shape": (
        "The JSON must be a non-empty list of numbers or a list of rows (lists of numbers).",
        "JSON 必须是非空的数字列表，或由数字列表组成的行列表。",
    ),
    "gt.err.json_mixed": (
        "Row {row} of the JSON is a single number while other rows are lists.",
        "JSON 的第 {row} 行是单个数字，而其他行是列表。",
    ),
    "gt.err.ragged": (
        "Row {row} has {found} values but the first row has {expected}.",
        "第 {row} 行有 {found} 个值，而第一行有 {expected} 个。",
    ),
    "gt.err.not_number": (
        "Row {row}, column {col}: “{value}” is not a number.",
        "第 {row} 行第 {col} 列：“{value}”不是数字。",
    ),
    "gt.err.missing": (
        "Row {row}, column {col} is empty.",
        "第 {row} 行第 {col} 列是空的。",
    ),
    "gt.err.weights_bad": (
        "The weights file is not a readable .npz of numeric arrays.",
        "权重文件不是可读取的数值数组 .npz 文件。",
    ),
    "gt.err.weights_missing": (
        "The weights file lacks {keys}. It needs the arrays {expected} (the names in a torch "
        "nn.LSTM or nn.GRU state_dict, bare or after one prefix such as lstm.); it has {found}.",
        "权重文件缺少 {keys}。它需要数组 {expected}（torch 的 nn.LSTM 或 nn.GRU 的 state_dict "
        "中的名字，可以不带前缀，也可以带一个前缀，如 lstm.）；文件里有的是 {found}。",
    ),
    "gt.err.weights_shape": (
        "{key} has shape {shape}, which does not fit a 1-layer LSTM or GRU (at most 64 units).",
        "{key} 的形状是 {shape}，不符合单层 LSTM 或 GRU（最多 64 个单元）。",
    ),
    "gt.err.weights_finite": (
        "{key} contains NaN or infinite values.",
        "{key} 中含有 NaN 或无穷大的值。",
    ),
    "gt.err.weights_member": (
        "{key} is {size} bytes once unpacked; an array of a 1-layer LSTM or GRU with at most 64 "
        "units and 64 features is at most {limit} bytes.",
        "{key} 解压后有 {size} 字节；最多 64 个单元、64 个特征的单层 LSTM 或 GRU 的数组最多 "
        "{limit} 字节。",
    ),
    # ui.uploads: under every upload box (Streamlit's own words in the box are English only)
    "up.limit": (
        "Files up to {mb} MB ({bytes} bytes). The box refuses a bigger one with a red "
        "“File must be {mb}.0MB or smaller”.",
        "文件最大 {mb} MB（{bytes} 字节）。更大的文件会被上传框拒绝，并显示红色的英文提示"
        "“File must be {mb}.0MB or smaller”（意思是：文件不能超过 {mb} MB）。",
    ),
    "in.cut": (
        "The box holds at most {limit} characters: the {sent} you gave were cut to the first "
        "{limit}.",
        "这个框最多容纳 {limit} 个字符：你输入的 {sent} 个字符只保留了前 {limit} 个。",
    ),
}
