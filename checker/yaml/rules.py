"""Rules the strict loader applies while reading a file (encoding, YAML syntax and pitfalls)."""

from checker.findings import Example, Severity, Stage, define

_HEADER = """kind: category
id: product-quality
"""

YAML_SYNTAX = define(
    "PB001",
    "yaml-syntax",
    Severity.ERROR,
    "文件必须是语法正确的 YAML。",
    "语法错误会让整份手册无法读取；报告会指出解析器停下的行和列，并尽量说明常见原因（缩进、冒号、引号）。",
    good=(Example(_HEADER + "summary: 客户反映产品无法正常使用\n", whole_file=True),),
    bad=(Example(_HEADER + "summary: 客户反映: 产品坏了: 要退货\n", whole_file=True),),
    stage=Stage.LOAD,
)
FILE_ENCODING = define(
    "PB002",
    "utf8-encoding",
    Severity.ERROR,
    "文件必须以 UTF-8 编码保存。",
    "GBK 等编码在不同电脑上会变成乱码，手册网站和检查器都只读 UTF-8。",
    good=(Example(_HEADER + "summary: 中文内容以 UTF-8 保存\n", whole_file=True),),
    bad=(
        Example(
            _HEADER + "summary: 中文内容以 GBK 保存\n",
            whole_file=True,
            note="示例测试会把这段文字按 GBK 编码写入文件。",
        ),
    ),
    stage=Stage.LOAD,
)
EMPTY_FILE = define(
    "PB003",
    "non-empty-file",
    Severity.ERROR,
    "文件不能为空。",
    "空文件多半是误操作（清空或只提交了注释），应删除文件或补全内容。",
    good=(Example(_HEADER, whole_file=True),),
    bad=(Example("# 只有注释\n", whole_file=True),),
    stage=Stage.LOAD,
)
FILE_TOO_LARGE = define(
    "PB004",
    "file-size-limit",
    Severity.ERROR,
    "单个手册文件不得超过 1 MiB。",
    "正常的手册文件只有几十 KB；超大文件通常是误提交的数据，会拖慢每次检查和网站构建。",
    good=(Example(_HEADER, whole_file=True),),
    bad=(
        Example(
            _HEADER + "summary: 超长内容\n",
            whole_file=True,
            note="示例测试会把内容重复到超过 1 MiB。",
        ),
    ),
    stage=Stage.LOAD,
)
SINGLE_DOCUMENT = define(
    "PB005",
    "single-document",
    Severity.ERROR,
    "每个文件只能有一个 YAML 文档（不能用 --- 分隔多个文档）。",
    "检查器和网站按“一个文件一份手册”处理；第二个文档会被悄悄忽略。",
    good=(Example(_HEADER, whole_file=True),),
    bad=(Example(_HEADER + "---\nkind: category\nid: after-sales\n", whole_file=True),),
    stage=Stage.LOAD,
)
NO_ANCHORS = define(
    "PB006",
    "no-anchors-aliases",
    Severity.ERROR,
    "不允许使用 YAML 锚点（&名称）和别名（*名称）。",
    "别名让同一段内容出现在多处，审阅者看不出改一处会影响哪里；恶意的嵌套别名（billion laughs）"
    "还能让任何读取数据的程序耗尽内存。请把内容直接写出来。",
    good=(Example(_HEADER + "cases:\n  - 洗衣机漏水\n  - 冰箱不制冷\n", whole_file=True),),
    bad=(Example(_HEADER + "cases:\n  - &case 洗衣机漏水\n  - *case\n", whole_file=True),),
    stage=Stage.LOAD,
)
DUPLICATE_KEY = define(
    "PB007",
    "no-duplicate-keys",
    Severity.ERROR,
    "同一个映射里不能有重复的键。",
    "YAML 解析器遇到重复键时会悄悄保留后一个，前一个的内容就丢了；审阅者却会看到两段。",
    good=(Example(_HEADER + "summary: 产品质量问题\n", whole_file=True),),
    bad=(Example(_HEADER + "summary: 产品质量问题\nsummary: 产品故障\n", whole_file=True),),
    stage=Stage.LOAD,
)
AMBIGUOUS_SCALAR = define(
    "PB008",
    "ambiguous-scalar",
    Severity.ERROR,
    "不加引号的 yes/no/on/off、1:30、010、日期等写法含义不明确，必须加引号或改写。",
    "YAML 1.1 会把 yes 读成 true、1:30 读成 90、010 读成 8、2026-10-01 读成日期对象，"
    "YAML 1.2 却都当作文字；不同工具读出的结果不同。检查器一律按文字读取，并要求写明。",
    good=(Example(_HEADER + 'effective: "2026-10-01"\n', whole_file=True),),
    bad=(Example(_HEADER + "effective: 2026-10-01\n", whole_file=True),),
    stage=Stage.LOAD,
)
UNSUPPORTED_TAG = define(
    "PB009",
    "plain-yaml-only",
    Severity.ERROR,
    "不允许使用 YAML 标签（如 !!int、!include）和复杂键。",
    "标签和复杂键会改变数据的读取方式，网站生成器和其他工具未必支持；手册只需要普通的文字、数字、列表和映射。",
    good=(Example(_HEADER + "summary: 普通文字\n", whole_file=True),),
    bad=(Example(_HEADER + "summary: !!binary aGVsbG8=\n", whole_file=True),),
    stage=Stage.LOAD,
)
INVISIBLE_CHARACTER = define(
    "PB010",
    "no-invisible-characters",
    Severity.ERROR,
    "文字里不能有看不见的控制字符（如 NUL、ESC、行分隔符 U+2028、文字方向控制符）。",
    "这些字符在编辑器和审阅界面里看不见，却会改变文字的显示和含义：ESC 能改写终端输出，文字方向控制符"
    "能让审阅者看到的顺序与实际不同，U+2028 等字符在 YAML 1.1 的工具里是换行、在 YAML 1.2 的工具里"
    '却是文字，不同工具读出的内容和行号都不一样。它们多半来自复制粘贴或转义序列（如 "\\0"、"\\e"）。',
    good=(Example(_HEADER + 'summary: "客户反映产品无法正常使用"\n', whole_file=True),),
    bad=(Example(_HEADER + 'summary: "客户反映产品无法正常使用\\e[2J"\n', whole_file=True),),
    stage=Stage.LOAD,
)
NUMBER_RANGE = define(
    "PB011",
    "number-range",
    Severity.ERROR,
    "数字必须在 ±9007199254740991 之内，并且是有限的数。",
    "手册网站的时限计算器和编辑器插件用 JavaScript 读数字，超出这个范围的整数会被悄悄改成别的值；"
    "1e999 这样的数会变成无穷大。正常的金额、天数都远小于这个范围，超出多半是误输入。",
    good=(Example(_HEADER + "remedies:\n  - id: refund\n    max_amount: 3000\n", whole_file=True),),
    bad=(
        Example(
            _HEADER + "remedies:\n  - id: refund\n    max_amount: 30000000000000000000\n",
            whole_file=True,
        ),
    ),
    stage=Stage.LOAD,
)
