"""The strict loader: bytes -> plain data plus a node tree for positions, or positioned errors.

It rejects what YAML lets through silently: duplicate keys, anchors and aliases, YAML 1.1
coercions (the values stay strings and are reported), several documents, non-UTF-8 bytes,
empty and oversized files, invisible control characters, numbers JavaScript cannot hold.
Parsing and composing run in libyaml (``CSafeLoader``); only the walk that turns nodes into
data is Python, and it replaces PyYAML's own constructor.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from checker.findings import Finding
from checker.markup.characters import INVISIBLE, describe
from checker.markup.terminal import abbreviated
from checker.yaml.messages import describe_syntax_error
from checker.yaml.resolver import (
    BOOL_TAG as _BOOL,
)
from checker.yaml.resolver import (
    FLOAT_TAG as _FLOAT,
)
from checker.yaml.resolver import (
    INT_TAG as _INT,
)
from checker.yaml.resolver import (
    NULL_TAG as _NULL,
)
from checker.yaml.resolver import (
    STR_TAG as _STR,
)
from checker.yaml.resolver import (
    StrictYAMLLoader as _StrictYAMLLoader,
)
from checker.yaml.rules import (
    AMBIGUOUS_SCALAR,
    DUPLICATE_KEY,
    EMPTY_FILE,
    FILE_ENCODING,
    FILE_TOO_LARGE,
    INVISIBLE_CHARACTER,
    NO_ANCHORS,
    NUMBER_RANGE,
    SINGLE_DOCUMENT,
    UNSUPPORTED_TAG,
    YAML_SYNTAX,
)
from checker.yaml.source import SourceFile, parser_text

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
# YAML 1.1 readings of plain scalars that the 1.2 core schema keeps as text.
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_YAML11_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_YAML11_INT = re.compile(r"^[-+]?(?:0[0-9_]+|0b[01_]+|0x[0-9a-fA-F_]+|[1-9][0-9]*_[0-9_]*)$")
_YAML11_DATE = re.compile(
    r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$"
)
_AMBIGUOUS_FIRST = set("yYnNoO0123456789+-")
_INT_DIGITS = re.compile(r"[-+]?[0-9]+")
# Invisible characters libyaml accepts raw (the other control characters are a syntax error).
_RAW_INVISIBLE = re.compile(
    "[\u0085\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
# The largest integer JavaScript (the handbook's calculator, editor plug-ins) holds exactly.
MAX_SAFE_INTEGER = 2**53 - 1
MAX_FINDINGS_PER_SCAN = 50


@dataclass
class LoadedFile:
    """The result of loading one file: data is None when the file could not be read."""

    source: SourceFile
    data: Any = None
    findings: list[Finding] = field(default_factory=list)


def load_bytes(path: str, raw: bytes) -> LoadedFile:
    """Load one playbook file's bytes. Never raises for bad input."""
    if len(raw) > MAX_BYTES:
        source = SourceFile(path, "")
        return LoadedFile(
            source,
            findings=[
                FILE_TOO_LARGE.at(
                    source,
                    1,
                    1,
                    f"文件有 {len(raw) / 1024 / 1024:.1f} MiB，超过 1 MiB 的上限。",
                    "手册文件通常只有几十 KB：检查是否误粘贴了大段数据，或把内容拆成多个文件。",
                )
            ],
        )
    text, problem = _decode(path, raw)
    if problem is not None:
        return problem
    return load_text(path, text)


def _decode(path: str, raw: bytes) -> tuple[str, LoadedFile | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        source = SourceFile(path, "")
        return "", LoadedFile(
            source,
            findings=[
                FILE_ENCODING.at(
                    source,
                    1,
                    1,
                    "文件是 UTF-16 编码，检查器只接受 UTF-8。",
                    "在编辑器里选择“以 UTF-8 编码保存”。",
                )
            ],
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        source = SourceFile(path, raw.decode("utf-8", errors="replace"))
        # the bytes before the first bad one are valid UTF-8: their length is a text index
        line, column = source.index_position(len(raw[: error.start].decode("utf-8")))
        try:
            raw.decode("gb18030")
            guess = "看起来是 GBK（GB2312/GB18030）编码，这是 Windows 中文版的常见默认编码。"
        except UnicodeDecodeError:
            guess = "无法判断原来的编码。"
        return "", LoadedFile(
            source,
            findings=[
                FILE_ENCODING.at(
                    source,
                    line,
                    column,
                    f"文件不是 UTF-8 编码：第 {line} 行第 {column} 列的字节无法按 UTF-8 解读；{guess}",
                    "在编辑器里选择“以 UTF-8 编码保存”，或运行 iconv -f GBK -t UTF-8 转换后再提交。",
                )
            ],
        )


def load_text(path: str, text: str) -> LoadedFile:
    """Load one playbook file's text. Never raises for bad input."""
    source = SourceFile(path, text)
    result = LoadedFile(source)
    _scan_invisible(source, result)
    parsed = parser_text(text)
    if ("&" in text or "*" in text or "!" in text) and _scan_events(source, parsed, result):
        return result
    loader = _StrictYAMLLoader(parsed)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        result.findings.append(_syntax_finding(source, error))
        return result
    except (ValueError, TypeError, RecursionError) as error:  # libyaml edge cases
        result.findings.append(YAML_SYNTAX.at(source, 1, 1, f"无法解析 YAML：{error}"))
        return result
    finally:
        loader.dispose()
    if root is None or (root.__class__ is ScalarNode and root.tag == _NULL):
        result.findings.append(
            EMPTY_FILE.at(
                source,
                1,
                1,
                "文件是空的（没有任何内容，只有注释、文档分隔线或空值）。",
                "补全手册内容，或者删除这个文件。",
            )
        )
        return result
    walker = _Walker(source, result.findings)
    data = walker.build(root, 0)
    # a number out of range has no faithful value: the file is not validated further
    result.data = None if walker.out_of_range else data
    # The node tree is not kept: holding thousands of trees makes every garbage collection
    # rescan them. SourceFile composes the text again only if a finding needs a position.
    return result


def _scan_invisible(source: SourceFile, result: LoadedFile) -> None:
    """Report each raw invisible character libyaml would accept (U+2028, bidi controls...)."""
    if source.text.isascii():
        return
    for count, match in enumerate(_RAW_INVISIBLE.finditer(source.text)):
        if count == MAX_FINDINGS_PER_SCAN:
            break
        line, column = source.index_position(match.start())
        result.findings.append(_invisible_finding(source, line, column, match.group()))


def _invisible_finding(source: SourceFile, line: int, column: int, ch: str) -> Finding:
    return INVISIBLE_CHARACTER.at(
        source,
        line,
        column,
        f"这里有一个看不见的字符 {describe(ch)}。",
        "删除它（多半是复制粘贴带进来的）；需要换行时直接换行，需要空格时输入普通空格。",
    )


def _scan_events(source: SourceFile, parsed: str, result: LoadedFile) -> bool:
    """Scan parse events (cheap, no data is built) and report every anchor, alias and tag.

    Returns True when anchors or aliases were found: such a file is not composed at all, so
    an alias bomb costs nothing. Tags are reported but the file is still read.
    """
    found = anchors = 0
    try:
        for event in yaml.parse(parsed, Loader=_StrictYAMLLoader):
            mark = event.start_mark
            if mark is None:  # libyaml marks every event; the type allows None
                continue
            anchor = getattr(event, "anchor", None)
            tag = getattr(event, "tag", None)
            if anchor is not None:
                if isinstance(event, yaml.AliasEvent):
                    message = f"使用了别名 *{anchor}：手册不允许用别名引用其他位置的内容。"
                else:
                    message = f"定义了锚点 &{anchor}：手册不允许使用锚点和别名。"
                finding = NO_ANCHORS.at(
                    source,
                    mark.line + 1,
                    mark.column + 1,
                    message,
                    "把被引用的内容直接写在这里；重复的内容应当放进 policy.yaml 统一定义。",
                )
                anchors += 1
            elif tag is not None and tag != "!":
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                finding = UNSUPPORTED_TAG.at(
                    source,
                    mark.line + 1,
                    mark.column + 1,
                    f"使用了 YAML 标签 {shown}：手册只用普通的文字、数字、列表和映射。",
                    "去掉标签，直接写值；需要文字时用引号。",
                )
            else:
                continue
            result.findings.append(finding)
            found += 1
            if found >= MAX_FINDINGS_PER_SCAN:
                break
    except yaml.YAMLError:
        return False  # the compose step reports the syntax error with its position
    return anchors > 0


def _syntax_finding(source: SourceFile, error: yaml.YAMLError) -> Finding:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    else:
        # libyaml reports reader errors as a byte offset into the UTF-8 encoded text
        offset = getattr(error, "position", 0) or 0
        before = source.text.encode("utf-8")[:offset].decode("utf-8", errors="ignore")
        line, column = source.index_position(len(before))
    problem = str(getattr(error, "problem", "") or error)
    if "expected a single document" in str(getattr(error, "context", "")) or (
        "single document" in problem
    ):
        return SINGLE_DOCUMENT.at(
            source,
            line,
            column,
            f"第 {line} 行开始了第二个 YAML 文档；每个文件只能有一个文档。",
            "删除多余的 --- 分隔线，把第二部分移到单独的文件里。",
        )
    message, hint = describe_syntax_error(problem, source.line_text(line))
    return YAML_SYNTAX.at(source, line, column, message, hint)


class _Walker:
    """Turns a composed node tree into plain data, reporting pitfalls on the way.

    This replaces PyYAML's constructor and is the only per-node Python code, so it is kept
    lean: no per-node pointers (positions are found later from the node tree, on demand) and
    no alias bookkeeping (anchors and aliases were rejected before composing).
    """

    def __init__(self, source: SourceFile, findings: list[Finding]) -> None:
        self.source = source
        self.findings = findings
        self.out_of_range = False

    def _report(self, rule: Any, node: Node, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.findings.append(rule.at(self.source, mark.line + 1, mark.column + 1, message, hint))

    def build(self, node: Any, depth: int) -> Any:
        # ``node`` is a yaml Node; the walk dispatches on its exact class (faster than
        # isinstance on every one of thousands of nodes), which a type checker cannot follow
        cls = node.__class__
        if cls is ScalarNode:
            if node.tag == _STR:
                value = node.value
                if not node.style and value and value[0] in _AMBIGUOUS_FIRST:
                    self._check_ambiguous(node, value)
                elif node.style == '"' and INVISIBLE.search(value):
                    self._check_escapes(node, value)
                return value
            return self._scalar(node)
        if depth > MAX_DEPTH:
            self._report(
                YAML_SYNTAX, node, f"嵌套超过 {MAX_DEPTH} 层。", "手册结构不需要这么深的嵌套。"
            )
            return None
        if cls is MappingNode:
            return self._mapping(node, depth)
        build = self.build
        return [build(item, depth + 1) for item in node.value]

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        data: dict[str, Any] = {}
        first_keys: dict[str, Node] | None = None
        build = self.build
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self._report(
                    UNSUPPORTED_TAG,
                    key_node,
                    "映射的键必须是简单的文字，这里用了列表或映射作为键。",
                    "把键改成一个简单的名称。",
                )
                continue
            key = key_node.value
            if not key_node.style and key and key[0] in _AMBIGUOUS_FIRST:
                self._check_ambiguous(key_node, key)
            elif key_node.style == '"' and INVISIBLE.search(key):
                self._check_escapes(key_node, key)
            if key in data:
                if first_keys is None:  # built once, at the mapping's first duplicate
                    first_keys = {}
                    for k, _ in node.value:
                        if k.__class__ is ScalarNode:
                            first_keys.setdefault(k.value, k)
                first = first_keys[key]
                self._report(
                    DUPLICATE_KEY,
                    key_node,
                    f"键「{key}」重复：第 {first.start_mark.line + 1} 行和第 "
                    f"{key_node.start_mark.line + 1} 行都定义了它，YAML 会悄悄丢掉其中一个。",
                    "删除或合并其中一处；检查器按第一处的内容继续检查。",
                )
                continue
            data[key] = build(value_node, depth + 1)
        return data

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        try:
            if tag == _INT:
                number = int(value)
                if -MAX_SAFE_INTEGER <= number <= MAX_SAFE_INTEGER:
                    return number
                return self._out_of_range(node, value)
            if tag == _FLOAT:
                real = float(value)
                if math.isfinite(real) and abs(real) <= MAX_SAFE_INTEGER:
                    return real
                return self._out_of_range(node, value)
        except ValueError:
            if _INT_DIGITS.fullmatch(value):  # more digits than Python converts (about 4,300)
                return self._out_of_range(node, value)
            return value  # an explicit !!int / !!float on text: the tag is reported already
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        return value  # an explicit tag: reported by the event scan, the text is kept

    def _out_of_range(self, node: ScalarNode, value: str) -> None:
        self.out_of_range = True
        shown = abbreviated(value, 30)
        self._report(
            NUMBER_RANGE,
            node,
            f"数字「{shown}」超出了范围：手册里的数必须在 ±{MAX_SAFE_INTEGER} 之内。",
            "检查是否多打了数字；如果这是一段文字或编号，加上引号。",
        )

    def _check_escapes(self, node: ScalarNode, value: str) -> None:
        """A double-quoted scalar whose escapes (\\0, \\e, \\u2028...) made an invisible
        character; raw ones were reported where they stand by ``_scan_invisible``."""
        mark, end = node.start_mark, node.end_mark
        written = self.source.text[mark.index : end.index] if end is not None else ""
        escaped = [ch for ch in dict.fromkeys(INVISIBLE.findall(value)) if ch not in written]
        if escaped:
            self._report(
                INVISIBLE_CHARACTER,
                node,
                f"这段文字里的转义序列写出了看不见的字符：{'、'.join(map(describe, escaped))}。",
                "删除这个转义序列（\\0、\\e、\\x1b、\\u2028 等）；需要换行时用 | 写多行文字。",
            )

    def _check_ambiguous(self, node: ScalarNode, value: str) -> None:
        if _YAML11_DATE.match(value):
            message = f"日期「{value}」没有加引号：YAML 1.1 会把它读成日期对象而不是文字。"
            hint = f'加上引号写成 "{value}"。'
        elif _YAML11_BOOL.match(value):
            message = f"「{value}」没有加引号：YAML 1.1 会把它读成布尔值，YAML 1.2 则读成文字。"
            hint = f'如果是文字，加引号写成 "{value}"；如果是开关，写 true 或 false。'
        elif _YAML11_SEXAGESIMAL.match(value):
            message = f"「{value}」没有加引号：YAML 1.1 会把它当作六十进制数（如 1:30 读成 90）。"
            hint = f'如果是时刻，加引号写成 "{value}"；如果是时长，写成 90m 这样的格式。'
        elif _YAML11_INT.match(value):
            message = (
                f"「{value}」没有加引号：YAML 1.1 会把它当作八进制、十六进制或带分隔符的数字。"
            )
            hint = f'如果是编号，加引号写成 "{value}"；如果是数字，去掉前导零或下划线。'
        else:
            return
        self._report(AMBIGUOUS_SCALAR, node, message, hint)
