"""Chinese explanations for libyaml's syntax errors."""

from __future__ import annotations

# (fragment of libyaml's problem text, explanation, fix hint)
_KNOWN: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed",
        "这里不能出现「键: 值」：通常是缩进不对，或文字里有未加引号的英文冒号加空格。",
        "检查本行和上一行的缩进；如果值里有英文冒号，给整段值加上引号，或改用中文冒号“：”。",
    ),
    (
        "could not find expected ':'",
        "缺少冒号：这一行看起来是一个键，但没有找到「键: 值」中的冒号。",
        "在键后面加上冒号和空格，或检查上一行的引号是否成对。",
    ),
    (
        "did not find expected key",
        "缩进不一致：这一行的缩进与同一层的其他键对不上。",
        "同一层的键必须左对齐，统一用两个空格缩进。",
    ),
    (
        "did not find expected '-' indicator",
        "列表项缩进不一致：这一行应该是以「- 」开头的列表项。",
        "让同一列表的各项左对齐，每项以「- 」开头。",
    ),
    (
        "tab character",
        "使用了制表符（Tab）缩进：YAML 只允许空格缩进。",
        "把行首的 Tab 换成空格（每层两个）。",
    ),
    (
        "found character that cannot start any token",
        "这里有一个不能作为值开头的字符（如 Tab、@ 或 `）。",
        "给这个值加上引号，或把行首的 Tab 换成空格。",
    ),
    (
        "found unexpected end of stream",
        "文件意外结束：可能有未闭合的引号或括号。",
        "检查这一行之前的引号、方括号和花括号是否成对。",
    ),
    (
        "found unknown escape character",
        "双引号字符串里有无效的转义序列（反斜杠后面的字符不被认可）。",
        "改用单引号，或把反斜杠写成两个反斜杠。",
    ),
    (
        "did not find expected node content",
        "这里缺少值：「- 」或「: 」后面需要内容。",
        "补上值，或删除多余的符号。",
    ),
    (
        "found unexpected ':'",
        "出现了意外的冒号。",
        "给包含冒号的值加上引号。",
    ),
    (
        "block sequence entries are not allowed",
        "这里不能开始一个列表：列表项需要单独起一行并正确缩进。",
        "把「- 」开头的列表项放到下一行，并缩进到键的下一层。",
    ),
    (
        "control characters are not allowed",
        "文件里有不可见的控制字符。",
        "删除这个字符（常见于从其他软件复制粘贴的文字）。",
    ),
    (
        "found undefined tag handle",
        "使用了未定义的 YAML 标签。",
        "去掉以 ! 开头的标签。",
    ),
    (
        "found duplicate anchor",
        "重复定义了同名锚点。",
        "手册不允许使用锚点，请直接写出内容。",
    ),
    (
        "found undefined alias",
        "引用了不存在的别名。",
        "手册不允许使用别名，请直接写出内容。",
    ),
)


def describe_syntax_error(problem: str, line_text: str) -> tuple[str, str]:
    """Map a libyaml problem text to a Chinese message and hint; keep the original for experts."""
    lowered = problem.lower()
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return (
            "使用了制表符（Tab）缩进：YAML 只允许空格缩进。",
            "把行首的 Tab 换成空格（每层两个）。",
        )
    for fragment, message, hint in _KNOWN:
        if fragment in lowered:
            return f"YAML 语法错误：{message}（解析器原文：{problem}）", hint
    return (
        f"YAML 语法错误（解析器原文：{problem}）。",
        "检查这一行及上一行的缩进、冒号和引号。",
    )
