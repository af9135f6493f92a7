"""Sub-problems: the distinct failings one problem lists ("学习针对性不强，学习内容与妇联工作联系不紧密，
重数量轻质量" → three), so the plan can be checked against each.

A clause is cut at ，/；/。 (never inside quotes or brackets) and then glued back where it is not a
failing of its own:
- an explanation joins the clause before it: 存在…等情况, 如…, 甚至…, 特别是…, 导致…; an explanation that
  opens with 存在 runs on to the clause that closes it (…等情况 / …的现象) within the same sentence;
  so does a consequence (群众反映强烈, 造成不良影响);
- a topic joins the clause after it: 在干部选拔任用方面，… / 对下属单位，…;
- a one-clause title sentence (落实主体责任不到位。…) that is followed by its details is the problem's
  summary, not one of its parts; so is a first clause that judges a whole area (财务管理不规范，…，…)
  before one to three details — unless there is one detail only and it judges as broadly
  (推动…不彻底，深入服务群众有差距: two failings side by side); after a title only a broad judgement
  (存在薄弱环节, 程度不高) is a second summary;
- a title followed by several paragraphs: each paragraph is one part;
- details listed at ；are the parts as they stand (each with its explanation after ，).
Inline ordinals inside a problem (一是…二是…, （1）…（2）…) are its parts as they stand.
"""

from __future__ import annotations

import re

from checker.notice.clauses import Span, split, states_failing, trim
from checker.notice.lists import first_family, items_from_markers

_EXPLANATION = re.compile(
    r"^(?:存在|如|比如|例如|甚至|特别是|尤其是|其中|导致|致使|造成|以致|以至于|从而|表现为|主要表现|具体表现"
    r"|即|包括|且|并且|而且|并|但|却|仍|还存在|也存在|等)"
)
# what a failing led to (…“吃拿卡要”，群众反映强烈): its weight, not a failing of its own
_CONSEQUENCE = re.compile(r"^(?:群众|干部职工|社会)?(?:反映|意见)(?:强烈|较大|较多|很大)$|^(?:造成|产生)了?不良(?:社会)?影响$")
_OPENS_RUN = re.compile(r"^(?:还|也)?存在")
_CLOSES_RUN = re.compile(r"(?:等(?:方面)?的?(?:问题|情况|现象|情形)|的(?:问题|情况|现象|情形)|现象|情形)$")
_TOPIC = re.compile(
    # …中/…上 as in 执行中/工作上, not the words 集中 (意见集中 is a failing), 其中, 以上, 跟不上
    r"(?:方面|(?<![以向马跟赶不])上|(?<![集其空命适])中|里|时|期间|过程中|工作中|领域)$"
    r"|^(?:在|对|对于|针对|关于|从)[^，,；;。]*$"
)
_SHORTEST_FAILING = 4
# A first clause that judges a whole area (…不够有力 / …有差距 / …存在薄弱环节) before one to three
# details is the problem's summary; a run of more short failings is a list, summary or not.
_SUMMARY = re.compile(
    r"(?:不够[^，,；;。]{0,4}|有差距|差距较大|不规范|不力|不到位|不健全|不完善|不彻底|不实|有短板|有弱项|有欠缺"
    r"|不严格|不严|不足|薄弱|宽松软|程度不高|水平不高|绩效不高|质量不高|效率不高|能力不强|意识不强|存在漏洞|存在薄弱环节|存在短板|混乱|两张皮|仍有发生|时有发生|落实不好"
    # held-out notices: 机关党建与业务融合不紧 / 档案安全管理存在隐患 / 推动乡村振兴办法不多 / …服务不充分
    r"|融合不紧|结合不紧|存在隐患|管理不善|提升不快|办法不多|举措不多|宽松软现象|问题突出|人才紧缺|主动性不强|积极性不强)$"
)
# These judge a whole area only when two or more details follow (殡葬改革推进缓慢，公墓建设滞后，散埋乱葬
# 治理不彻底); before a single detail they are a failing of their own (人居环境整治推进缓慢，改厕管护机制不健全).
# They do so too before a single detail that is an instance of them (公务用车平台化管理推进缓慢，部分单位
# 车辆调度仍游离于平台之外 / 决策咨询服务作用发挥不充分，近三年仅有2篇调研报告获…批示).
_SUMMARY_OF_LIST = re.compile(r"(?:宽松|松散|弱化|滞后|缓慢|不严肃|不优|风险突出|存在盲区|有薄弱环节|不充分|不扎实)$")
_INSTANCE_DETAIL = re.compile(r"^(?:部分|个别|有的|少数|一些)|\d|仅有?|只有")
_BROAD = re.compile(r"(?:存在薄弱环节|存在漏洞|存在短板|程度不高|水平不高|有差距|差距较大)$")
# A second clause that judges as broadly as the first ("推动…不彻底，深入服务群众有差距") is a failing
# of its own beside it, not a detail of it.
_JUDGEMENT = re.compile(r"(?:有差距|有短板|有弱项|不彻底|不到位|不够(?:有力|深入|到位|充分|扎实|精准))$")
_MOST_DETAILS = 3
_LONGEST_TOPIC = 14


# a closing sentence that judges the problem as a whole (上述问题反映出…重视不够): no failing of its own
_CLOSING_JUDGEMENT = re.compile(r"(?:上述|以上|这些)(?:问题|情况|现象)(?:反映|说明|暴露|表明|折射|体现)")


def sub_problems(text: str, start: int, end: int) -> list[str]:
    sentence_spans = split(text, start, end, "。！？!?")
    if len(sentence_spans) >= 2 and _CLOSING_JUDGEMENT.match(text, sentence_spans[-1][0]):
        end = sentence_spans[-1][0]
    marked = first_family(text, start, end, ("是", "(n)", "circled", "其"))
    if marked:
        items = items_from_markers(text, marked[1], end)
        return _texts(text, items) if len(items) >= 2 else []
    sentence_spans = split(text, start, end, "。！？!?")
    first_line = split(text, start, end, "\n")
    colon = re.match(r"[^。！？!?，,；;：:\n]{4,30}[：:]", text[start:end])
    if len(first_line) >= 2 and not re.search(r"[。！？!?，,；;]", text[slice(*first_line[0])]):
        # a title on a line of its own, without its full stop (1.人道救助主责主业履行不够到位 / details)
        sentence_spans = [first_line[0], *split(text, first_line[1][0], end, "。！？!?")]
    elif colon and start + colon.end() < end:
        # a title before a colon (机关党支部建设薄弱：“三会一课”…；…)
        sentence_spans = [(start, start + colon.end() - 1), *split(text, start + colon.end(), end, "。！？!?")]
    titled = len(sentence_spans) >= 2 and len(_glued(text, *sentence_spans[0])) == 1
    if titled:
        # 落实主体责任不到位。党组研究…不够，对…监督不力。 → the details are the parts
        start = sentence_spans[1][0]
        paragraphs = split(text, start, end, "\n")
        if len(paragraphs) >= 2:
            # a title, then one paragraph per detail (each cut at ；); a paragraph that only gives an
            # example (巡察抽查发现，… / 例如，…) belongs to the failing before it
            details = [part for s, e in paragraphs for part in split(text, s, e, "；;")]
            return _texts(text, _with_examples(text, details))
        details = _with_examples(text, split(text, start, end, "。！？!?"))
        if len(details) >= 2 and not re.search("[；;]", text[start:end]):
            # a title, then one sentence per failing (…编纂进度滞后，…。《…年鉴》出版周期逐年延长，…。)
            return _texts(text, details)
    semicolon_parts = split(text, start, end, "；;")
    if len(semicolon_parts) >= 2:
        # the details are listed at ；: each part is one failing with its explanation
        return _texts(text, [p for s, e in semicolon_parts for p in split(text, s, e, "。！？!?")])
    parts = [span for s, e in split(text, start, end, "。！？!?") for span in _glued(text, s, e)]
    if 2 <= len(parts) <= _MOST_DETAILS + 1 and _is_summary(
            text[slice(*parts[0])], after_title=titled, details=len(parts) - 1,
            instance=len(parts) == 2 and _INSTANCE_DETAIL.search(text[slice(*parts[1])]) is not None):
        if not (len(parts) == 2 and _is_judgement(text[slice(*parts[1])])):
            parts = parts[1:]  # 财务管理不规范，专项经费…，部分项目… → the two details
    return _texts(text, parts) if len(parts) >= 2 else []


def _is_summary(clause: str, *, after_title: bool = False, details: int = 1, instance: bool = False) -> bool:
    if "、" in clause or "等" in clause:
        return False  # 招生录取、职称评审等重点环节监督不到位 names its objects: a detail
    clause = clause.rstrip("”\"'")
    # after a title sentence only a broad judgement is a second summary (…存在薄弱环节, …程度不高);
    # "审批把关不严" there is the first detail
    if after_title:
        return _BROAD.search(clause) is not None
    return _SUMMARY.search(clause) is not None or (
        (details >= 2 or instance) and _SUMMARY_OF_LIST.search(clause) is not None)


def opens_with_summary(subs: list[str]) -> bool:
    """Does a list of sub-problems (as read, or as labelled by hand) open with the clause that judges
    the whole area (专项资金和财务管理不规范，…，…，…)? The reader drops such a clause before one to
    three details; before more it keeps the list as it stands, and the matcher asks this."""
    return len(subs) >= 3 and _is_summary(subs[0], details=len(subs) - 1)


# a sentence that only illustrates the failing before it: 例如，2026年有14个单位… / 其中，50岁以上的占七成 /
# 巡察抽查发现，2个单位超编进人共5名
_EXAMPLE_SENTENCE = re.compile(r"^\s*(?:例如|比如|譬如|如|其中|(?:巡察|巡视)?抽查(?:中)?发现)[，,：:]")


def _with_examples(text: str, sentences: list[Span]) -> list[Span]:
    """Sentences, each example sentence joined to the failing before it."""
    joined: list[Span] = []
    for s, e in sentences:
        if joined and _EXAMPLE_SENTENCE.match(text[s:e]):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def _is_judgement(clause: str) -> bool:
    return "、" not in clause and "等" not in clause and _JUDGEMENT.search(clause.rstrip("”\"'")) is not None


def _ends_sentence(text: str, position: int) -> bool:
    return text[position : position + 1] in ("。", "！", "？", "!", "?")


def _glued(text: str, start: int, end: int) -> list[Span]:
    """The clauses of one sentence, glued back where they are not failings of their own."""
    glued: list[Span] = []
    run_open = False  # inside 存在…等情况
    pending_topic: int | None = None
    for s, e in split(text, start, end, "，,"):
        piece = text[s:e]
        if pending_topic is not None:
            s, pending_topic = pending_topic, None
        if glued and (run_open or _EXPLANATION.match(piece) or _CONSEQUENCE.match(piece)):
            if _OPENS_RUN.match(piece):
                run_open = True
            glued[-1] = (glued[-1][0], e)
            if _CLOSES_RUN.search(piece):
                run_open = False
            continue
        if _is_topic(piece):
            pending_topic = s
            continue
        glued.append((s, e))
        run_open = bool(_OPENS_RUN.match(piece)) and not _CLOSES_RUN.search(piece)
    if pending_topic is not None:
        if glued:
            glued[-1] = (glued[-1][0], end)
        else:
            glued.append((pending_topic, end))
    return [trim(text, s, e) for s, e in glued]


def _is_topic(piece: str) -> bool:
    if len(piece) < 3:
        return True
    short = len(piece) <= _LONGEST_TOPIC
    return short and _TOPIC.search(piece) is not None and not states_failing(piece.replace("问题", ""))


# the list number a reader writes before a Word-numbered paragraph (1. / （2）): not part of the failing
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])\s*")


def _texts(text: str, spans: list[Span]) -> list[str]:
    result = []
    for s, e in spans:
        s, e = trim(text, s, e)
        number = _LIST_NUMBER.match(text, s, e)
        if number:
            s = number.end()
        if e - s >= _SHORTEST_FAILING or (e > s and states_failing(text[s:e])):
            result.append(text[s:e])
    return result
