"""Rules the schema stage applies: shape, field names, ids, durations, versions and dates.

A schema definition names the rule that owns its errors with ``x-rule`` (e.g. the duration
definition routes to PB102); everything else is PB101.
"""

from checker.findings import Example, Severity, Stage, define

SCHEMA_SHAPE = define(
    "PB101",
    "schema-shape",
    Severity.ERROR,
    "每个字段的类型、必填项和取值必须符合 schemas/ 中该类文件的 JSON Schema。",
    "结构错误会让网站漏掉内容或让检查器无法理解规则；报告会指出出错的行和期望的写法。"
    "在编辑器中配置 YAML 语言服务器后，鼠标悬停即可看到每个字段的中文说明。",
    good=(Example("legal:\n  involve_when:\n    - 客户提起诉讼\n"),),
    bad=(Example("legal:\n  involve_when: 客户提起诉讼\n"),),
    stage=Stage.SCHEMA,
)
DURATION_FORMAT = define(
    "PB102",
    "duration-format",
    Severity.ERROR,
    '时长必须写明是自然时间还是工作时间：30m、4h、"3 calendar days"、"4 working hours"、"2 working days"。',
    "“3 天”可以是 3 个自然日，也可以是 3 个工作日，国庆前后两者相差一周；时限写不清楚，"
    "一线员工就算不出截止时间。",
    good=(Example('limits:\n  normal:\n    resolution: "5 working days"\n'),),
    bad=(Example("limits:\n  normal:\n    resolution: 5d\n"),),
    stage=Stage.SCHEMA,
)
ID_FORMAT = define(
    "PB103",
    "id-format",
    Severity.ERROR,
    "标识只能用小写英文字母、数字和连字符，例如 product-quality。",
    "标识会出现在网址、引用和变更报告里，必须稳定、易读、不含空格和中文。",
    good=(Example("remedies:\n  - id: free-repair\n"),),
    bad=(Example("remedies:\n  - id: 免费维修\n"),),
    stage=Stage.SCHEMA,
)
UNKNOWN_KIND = define(
    "PB104",
    "known-kind",
    Severity.ERROR,
    "文件必须用 kind 字段说明类型：policy、category、customer-types 或 calendar。",
    "检查器按 kind 选择对应的 JSON Schema 和业务规则；缺少或写错 kind 的文件无法检查。",
    good=(Example("kind: category\n", whole_file=True),),
    bad=(Example("kind: categroy\n", whole_file=True),),
    stage=Stage.SCHEMA,
)
UNKNOWN_FIELD = define(
    "PB105",
    "known-fields",
    Severity.ERROR,
    "不允许出现 JSON Schema 中没有定义的字段。",
    "拼错的字段名（如 resolutoin）会被悄悄忽略，写进去的义务就不生效了；报告会给出最接近的正确字段名。",
    good=(Example('limits:\n  normal:\n    resolution: "5 working days"\n'),),
    bad=(Example('limits:\n  normal:\n    resolutoin: "5 working days"\n'),),
    stage=Stage.SCHEMA,
)
VERSION_SEMVER = define(
    "PB601",
    "version-semver",
    Severity.ERROR,
    "版本号必须是语义化版本号 主版本.次版本.修订号，例如 1.4.0。",
    "版本号告诉合规和一线员工这次修改有多大：放宽义务升主版本，收紧或新增升次版本，措辞修改升修订号。",
    good=(Example('version: "1.0.0"\n'),),
    bad=(Example('version: "1.0"\n'),),
    stage=Stage.SCHEMA,
)
REAL_DATES = define(
    "PB603",
    "real-dates",
    Severity.ERROR,
    '日期必须是真实存在的公历日期，写成带引号的 "YYYY-MM-DD"。',
    "2026-02-30 这样的日期无法计算生效时间，也说明这一处没有被认真审阅。",
    good=(Example('effective: "2026-02-28"\n'),),
    bad=(Example('effective: "2026-02-30"\n'),),
    stage=Stage.SCHEMA,
)
