"""The schema stage: pick a file's JSON Schema by ``kind`` and turn errors into findings.

Validity is decided first by jsonschema-rs (fast); only an invalid file is walked again with
``jsonschema`` to produce every error with its path, which is mapped to a line through the
file's node tree. Schema definitions may name the rule that owns their errors (``x-rule``).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
from referencing.exceptions import Unresolvable

from checker.findings import Finding, Rule, declared
from checker.markup.characters import lookalike_hint
from checker.markup.terminal import abbreviated
from checker.model.duration import DurationError, parse_duration
from checker.schema.documents import (
    KIND_SCHEMAS,
    documents,
    fast_validator,
    known_kinds,
    python_validator,
    registry,
    schema_id,
)
from checker.schema.rules import SCHEMA_SHAPE, UNKNOWN_FIELD, UNKNOWN_KIND
from checker.yaml.source import SourceFile

_TYPE_NAMES = {
    "object": "映射（键: 值）",
    "array": "列表（以 - 开头的若干项）",
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "null": "空值",
}


def validate(source: SourceFile, data: Any) -> tuple[str | None, list[Finding]]:
    """Return the file's kind (None when unusable) and its schema findings."""
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind not in known_kinds():
        return None, [_kind_finding(source, data, kind)]
    if fast_validator(kind).is_valid(data):
        return kind, []
    errors = sorted(
        python_validator(kind).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]
    )
    if not errors:
        # The two validators disagree (a regex feature read differently): never let a file
        # the fast one refused reach the model. Its own errors are reported, in its words.
        return kind, _fast_findings(source, data, kind)
    # a value that is not even shaped like a date is not also reported as an unreal date
    misshapen = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    findings: list[Finding] = []
    for error in errors:
        if error.validator == "format" and tuple(error.absolute_path) in misshapen:
            continue
        findings.extend(_describe(source, error, kind))
    return kind, findings


def _fast_findings(source: SourceFile, data: Any, kind: str) -> list[Finding]:
    findings = []
    for error in fast_validator(kind).iter_errors(data):
        pointer = tuple(error.instance_path)
        findings.append(
            SCHEMA_SHAPE.on_value(
                source,
                pointer,
                f"这个值不符合「{KIND_SCHEMAS[kind]}」的要求：{error.message}",
                lookalike_hint(str(error.instance)) or "对照字段说明修改这个值。",
            )
        )
    return findings


def _kind_finding(source: SourceFile, data: Any, kind: Any) -> Finding:
    kinds = "、".join(known_kinds())
    if not isinstance(data, dict):
        return SCHEMA_SHAPE.at(
            source,
            *source.position(()),
            "文件顶层必须是映射（键: 值），这里是列表或单个值。",
            f"以 kind: 开头写出文件类型（{kinds}），再写其余字段。",
        )
    if kind is None:
        return UNKNOWN_KIND.at(
            source,
            1,
            1,
            "文件缺少 kind 字段，无法判断是哪类手册文件。",
            f"加上 kind: 字段，可选 {kinds}。",
        )
    close = difflib.get_close_matches(str(kind), known_kinds(), n=1)
    hint = f"是不是想写「{close[0]}」？" if close else f"可选 {kinds}。"
    return UNKNOWN_KIND.on_value(source, ("kind",), f"未知的文件类型「{kind}」。", hint)


def _rule_for(schema: Any) -> Rule:
    if isinstance(schema, dict) and "x-rule" in schema:
        return declared(schema["x-rule"]) or SCHEMA_SHAPE
    return SCHEMA_SHAPE


def _title(schema: Any) -> str:
    return schema.get("title", "") if isinstance(schema, dict) else ""


def _declared_properties(schema: dict[str, Any]) -> list[str]:
    names = list(schema.get("properties", {}))
    ref = schema.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        target = registry().resolver().lookup(ref).contents
        names.extend(_declared_properties(target))
    return list(dict.fromkeys(names))


def _lookup_anywhere(ref: str) -> dict[str, Any]:
    """Resolve a ``$ref``; a bare fragment is looked up in each schema document (their
    ``$defs`` names do not overlap), since the error does not say which document it is in."""
    bases = [""] if not ref.startswith("#") else [schema_id(name) for name in documents()]
    for base in bases:
        try:
            target = registry().resolver(base_uri=base).lookup(ref).contents
        except Unresolvable:
            continue
        if isinstance(target, dict):
            return target
    return {}


def _documented(prop: Any) -> tuple[str, str]:
    """A property's title and description, following ``$ref`` when it has none of its own."""
    if not isinstance(prop, dict):
        return "", ""
    title, description = prop.get("title", ""), prop.get("description", "")
    ref = prop.get("$ref")
    if (not title or not description) and isinstance(ref, str):
        target = _lookup_anywhere(ref)
        title = title or target.get("title", "")
        description = description or target.get("description", "")
    return title, description


def _describe(
    source: SourceFile, error: jsonschema.ValidationError, kind: str
) -> Iterator[Finding]:
    pointer = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = error.validator
    if validator in ("additionalProperties", "unevaluatedProperties"):
        allowed = _declared_properties(schema)
        extras = (
            [k for k in error.instance if k not in allowed]
            if isinstance(error.instance, dict)
            else []
        )
        for key in extras:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = (
                f"是不是想写「{close[0]}」？"
                if close
                else f"这里可用的字段：{'、'.join(allowed)}。"
            )
            where = f"「{_title(schema)}」" if _title(schema) else "这里"
            yield UNKNOWN_FIELD.on_key(
                source, (*pointer, key), f"未知字段「{key}」：{where}没有这个字段。", hint
            )
        return
    if validator == "required":
        missing = error.message.split("'")[1]
        title, description = _documented(schema.get("properties", {}).get(missing, {}))
        label = f"「{missing}」（{title}）" if title else f"「{missing}」"
        yield SCHEMA_SHAPE.on_key(
            source, pointer, f"缺少必填字段{label}。", description or "补上这个字段。"
        )
        return
    if "propertyNames" in error.schema_path and isinstance(error.instance, str):
        rule = _rule_for(schema)
        yield rule.on_key(
            source,
            (*pointer, error.instance),
            f"键「{error.instance}」不是有效的标识。",
            "这里的键是标识：只能用小写英文字母、数字和连字符，例如 normal、phone。",
        )
        return
    rule = _rule_for(schema)
    message, hint = _explain_value(error, schema, rule, kind)
    yield rule.on_value(source, pointer, message, hint)


_TWO_PART_STEPS = ("properties", "patternProperties", "prefixItems", "allOf", "anyOf", "oneOf")


def _has_step(node: dict[str, Any], parts: list[Any], i: int) -> bool:
    part = parts[i]
    if part not in node:
        return False
    if part in _TWO_PART_STEPS:
        container = node[part]
        key = parts[i + 1]
        return key in container if isinstance(container, dict) else key < len(container)
    return True


_INSTANCE_STEPS = {
    "properties",
    "patternProperties",
    "items",
    "additionalProperties",
    "prefixItems",
}


def _field_title(error: jsonschema.ValidationError, kind: str) -> str:
    """The title of the field the error is about: the property's own title, not the shared
    definition's it refers to (``cases`` is 典型案例, not 文字列表).

    ``schema_path`` omits the ``$ref`` hops, so a step that is not found follows the node's
    ``$ref`` first.
    """
    node: Any = documents()[KIND_SCHEMAS[kind]]
    resolver = registry().resolver(base_uri=schema_id(KIND_SCHEMAS[kind]))
    title, pending = _title(node), False
    parts = list(error.schema_path)[:-1]
    i = 0
    try:
        while isinstance(node, dict):
            end = i >= len(parts)
            if (end or not _has_step(node, parts, i)) and "$ref" in node:
                resolved = resolver.lookup(node["$ref"])
                node, resolver = resolved.contents, resolved.resolver
                if pending and _title(node):
                    title, pending = _title(node), False
                continue
            if end:
                break
            part = parts[i]
            if part in _TWO_PART_STEPS:
                node = node[part][parts[i + 1]]
                i += 2
            else:
                node = node[part]
                i += 1
            if part in _INSTANCE_STEPS:
                pending = not _title(node)
                title = _title(node) or title
    except (KeyError, IndexError, LookupError, Unresolvable):
        pass  # a title is a courtesy: fall back to the best one found so far
    return title


def _shown(value: Any) -> str:
    """The value as a message quotes it: long ones cut, so a 5,000-character value does not
    fill the terminal."""
    return abbreviated(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def _explain_value(
    error: jsonschema.ValidationError, schema: dict[str, Any], rule: Rule, kind: str
) -> tuple[str, str]:
    value = error.instance
    title = _field_title(error, kind)
    field = f"「{title}」" if title else "这个值"
    shown = _shown(value)
    validator = error.validator
    if rule.id == "PB102" and validator in ("pattern", "type"):
        try:
            parse_duration(str(value))
        except DurationError as problem:
            return problem.message, problem.hint
    lookalikes = lookalike_hint(value) if isinstance(value, str) else ""
    if validator == "pattern" and rule.id == "PB601":
        return (
            f"版本号「{shown}」不是语义化版本号（主版本.次版本.修订号）。",
            lookalikes
            or '写成三段数字，例如 "1.4.0"；放宽义务升主版本，收紧或新增升次版本，措辞修改升修订号。',
        )
    if validator == "pattern" and rule.id == "PB603":
        return (
            f"日期「{shown}」的格式不对。",
            lookalikes or '写成带引号的 "YYYY-MM-DD"，例如 "2026-10-01"。',
        )
    if validator == "format" and rule.id == "PB603":
        return (f"「{shown}」不是真实存在的日期。", "检查月份（01-12）和这个月的天数。")
    if validator == "pattern" and rule.id == "PB103":
        return (
            f"标识「{shown}」不合规范。",
            lookalikes or "只用小写英文字母、数字和连字符，以字母开头，例如 product-quality。",
        )
    if validator == "type":
        expected: Any = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        want = "或".join(_TYPE_NAMES.get(n, n) for n in names)
        hint = f"把{field}改成{want}。"
        if "string" in names and isinstance(value, int | float | bool):
            hint = f'YAML 把它读成了数字或布尔值：加上引号写成 "{shown}"。'
            if rule.id == "PB601":
                hint += '版本号要有三段，例如 "1.2.0"。'
        elif "boolean" in names and isinstance(value, str):
            hint = "写 true 或 false（不加引号）。"
        elif "array" in names and not isinstance(value, list):
            hint = f"{field}是列表：每一项单独一行，以「- 」开头。"
        elif "integer" in names and isinstance(value, str):
            hint = "写不加引号的整数，不要前导零或单位。"
        return f"{field}应为{want}，这里是「{shown}」。", hint
    if validator in ("enum", "const"):
        options: Any = error.validator_value if validator == "enum" else [error.validator_value]
        close = difflib.get_close_matches(str(value), [str(o) for o in options], n=1)
        hint = f"是不是想写「{close[0]}」？" if close else f"可选：{'、'.join(map(str, options))}。"
        return f"{field}不能是「{shown}」。", hint
    if validator == "minItems":
        return f"{field}至少要有 {error.validator_value} 项。", f"补充{field}的内容。"
    if validator == "minLength":
        return f"{field}不能为空。", f"填写{field}。"
    if validator == "uniqueItems":
        return f"{field}中有重复的项。", "删除重复项。"
    if validator in ("minimum", "maximum"):
        bound = "不能小于" if validator == "minimum" else "不能大于"
        return f"{field}{bound} {error.validator_value}，这里是 {shown}。", "改成范围内的数值。"
    if validator == "pattern":
        description = schema.get("description", "")
        return (
            f"{field}的写法不对：「{shown}」。",
            lookalikes or description or "按字段说明的格式填写。",
        )
    if validator in ("minProperties", "maxProperties"):
        count = len(value) if isinstance(value, dict) else 0
        bound = "至少" if validator == "minProperties" else "最多"
        return (
            f"{field}{bound}要有 {error.validator_value} 个字段，这里有 {count} 个。",
            schema.get("description", "") or "按字段说明增减字段。",
        )
    return f"{field}不符合要求：{error.message}", schema.get("description", "")
