"""The plan analyser: ledger tables and inline-field paragraphs → Plan items.

Two kinds of tests: Documents built block by block (exact control over merged cells, what a
reader may or may not deliver), and real .docx files written with python-docx and read with
checker.documents.read_document (Word numbering, real gridSpan/vMerge)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.errors import ExtractionError
from checker.models import Block, Document, Location
from checker.plan import analyse_plan, find_title, similarity

UP = "^"  # this cell is merged with the one above (vertical merge)
LEFT = "<"  # this cell is merged with the one to its left (horizontal merge)
MISSING = None  # the reader gave no block for this position

HEADER = ["序号", "问题", "整改措施", "责任领导", "责任部门", "整改时限", "完成标准"]


class Doc:
    """A Document built the way the reader delivers it: blocks in reading order, one block per
    merged cell with its row_span/col_span."""

    def __init__(self, path: str = "方案.docx"):
        self.path = path
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0

    def p(self, text: str, kind: str = "paragraph", number: str | None = None, level: int | None = None) -> Doc:
        self.paragraphs += 1
        location = Location(file=self.path, kind="paragraph", paragraph=self.paragraphs)
        self.blocks.append(Block(kind=kind, text=text, number=number, level=level, location=location))  # type: ignore[arg-type]
        return self

    def h(self, text: str, level: int = 1) -> Doc:
        return self.p(text, "heading", level=level)

    def li(self, text: str, number: str | None = None, level: int = 0) -> Doc:
        return self.p(text, "list_item", number=number, level=level)

    def t(self, rows: list[list[str | None]]) -> Doc:
        self.tables += 1
        for r, row in enumerate(rows, start=1):
            for c, text in enumerate(row, start=1):
                if text in (UP, LEFT) or text is MISSING:
                    continue
                col_span = 1
                while c - 1 + col_span < len(row) and row[c - 1 + col_span] == LEFT:
                    col_span += 1
                row_span = 1
                while r - 1 + row_span < len(rows) and rows[r - 1 + row_span][c - 1] == UP:
                    row_span += 1
                location = Location(file=self.path, kind="table_cell", table=self.tables, row=r, col=c)
                self.blocks.append(Block(kind="table_cell", text=text, row_span=row_span, col_span=col_span,
                                         location=location))
        return self

    def build(self) -> Document:
        return Document(path=self.path, sha256="0" * 64, format="docx", blocks=self.blocks)


def analyse(doc: Doc, feedback_date: dt.date | None = dt.date(2024, 3, 15)):
    return analyse_plan(doc.build(), feedback_date=feedback_date)


# --------------------------------------------------------------------------- ledger tables


def test_basic_ledger_reads_every_row_with_its_fields():
    plan = analyse(
        Doc()
        .p("中共某某区妇联党组关于区委第二巡察组反馈意见的整改方案", "heading", level=1)
        .p("根据区委巡察工作领导小组的统一部署，结合实际，制定本方案。")
        .t([
            HEADER,
            ["1", "学习贯彻上级精神不深入，学习与业务结合不紧密", "1.修订党组理论学习中心组学习制度；\n2.每季度开展1次专题研讨",
             "王丽", "办公室", "2024年6月底前", "学习制度修订印发，研讨记录完整"],
            ["2", "党组会议议事规则不健全，“三重一大”事项未集体研究", "修订党组会议议事规则，明确“三重一大”事项清单",
             "李强", "组织部", "立行立改", "议事规则印发执行"],
            ["3", "意识形态工作责任制落实不到位", "每半年专题研究意识形态工作", "王丽", "宣传部", "长期坚持",
             "会议纪要"],
        ])
    )
    assert plan.title == "中共某某区妇联党组关于区委第二巡察组反馈意见的整改方案"
    assert [i.id for i in plan.items] == ["I1", "I2", "I3"]
    first = plan.items[0]
    assert first.source == "table"
    assert first.problem.startswith("学习贯彻上级精神不深入")
    assert first.measures == "1.修订党组理论学习中心组学习制度；\n2.每季度开展1次专题研讨"
    assert (first.leader, first.department, first.standard) == ("王丽", "办公室", "学习制度修订印发，研讨记录完整")
    assert first.deadline is not None and first.deadline.date == dt.date(2024, 6, 30)
    assert plan.items[1].deadline.kind == "immediate"
    assert plan.items[2].deadline.kind == "long_term"
    assert first.location.describe() == "表1第2行第2列"
    assert first.field_locations["leader"].col == 4 and first.field_locations["deadline"].col == 6


@pytest.mark.parametrize(
    "header, expected",
    [
        (["编号", "反馈问题", "整改举措", "牵头领导", "责任单位", "完成时限", "整改目标"], None),
        (["序 号", "问 题 内 容", "具体措施", "责 任 领 导", "责任科室", "时间节点", "预期成效"], None),
        (["序号", "存在问题", "整改措施", "分管领导", "牵头部门", "完成时间", "整改标准"], None),
        (["序号", "具体问题", "措施", "领导责任人", "责任处室", "时限", "完成标准"], None),
        (["序号", "问题", "整改措施（具体举措）", "责任领导（签字）", "责任部门", "整改时限（时间节点）", "完成标准"], None),
    ],
)
def test_header_variants_give_the_same_roles(header, expected):
    plan = analyse(Doc().t([header, ["1", "干部选拔任用程序不规范", "开展选人用人专项检查", "张军", "组织人事科",
                                     "2024年9月30日前", "检查报告"]]))
    item = plan.items[0]
    assert (item.problem, item.measures, item.leader, item.department, item.standard) == (
        "干部选拔任用程序不规范", "开展选人用人专项检查", "张军", "组织人事科", "检查报告")
    assert item.deadline.date == dt.date(2024, 9, 30)


def test_specific_manifestation_column_is_appended_to_the_problem_and_status_columns_ignored():
    plan = analyse(Doc().t([
        ["序号", "反馈问题", "具体表现", "整改措施", "责任领导", "责任人", "整改时限", "完成情况", "备注"],
        ["1", "关于基层党建工作薄弱的问题", "3个支部未按期换届", "督促3个支部完成换届选举", "赵敏", "刘洋",
         "2024年5月底前", "已完成", "无"],
    ]))
    item = plan.items[0]
    assert item.problem == "关于基层党建工作薄弱的问题\n3个支部未按期换届"
    assert item.department == "刘洋"
    assert "已完成" not in item.measures and item.standard is None


def test_department_and_person_columns_are_joined():
    plan = analyse(Doc().t([
        ["问题", "整改措施", "责任领导", "牵头部门", "配合部门", "具体责任人", "整改时限"],
        ["公务用车管理不规范", "建立公务用车使用登记台账", "周涛", "办公室", "财务科", "陈晨", "2024年6月底前"],
    ]))
    assert plan.items[0].department == "办公室；财务科；陈晨"


def test_header_below_a_title_row():
    plan = analyse(Doc().t([
        ["某某局党组巡察反馈问题整改台账", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        HEADER,
        ["1", "财务报销审核把关不严", "修订财务报销管理办法", "孙伟", "财务科", "2024年8月底前", "办法印发"],
    ]))
    assert len(plan.items) == 1
    assert plan.items[0].location.row == 3


def test_two_row_header_with_merged_group_cells():
    plan = analyse(Doc().t([
        ["序号", "反馈问题", LEFT, "整改措施", "责任", LEFT, "整改时限"],
        [UP, "问题", "具体表现", UP, "领导", "部门", UP],
        ["1", "关于落实全面从严治党主体责任不到位的问题", "党组专题研究党风廉政建设仅1次",
         "每季度专题研究党风廉政建设工作", "吴刚", "纪检组", "2024年12月底前"],
        ["2", "关于选人用人不规范的问题", "干部档案审核不严", "开展干部人事档案专项审核", "郑华", "人事科",
         "2024年10月底前"],
    ]))
    assert len(plan.items) == 2
    first = plan.items[0]
    assert first.problem == "关于落实全面从严治党主体责任不到位的问题\n党组专题研究党风廉政建设仅1次"
    assert (first.leader, first.department) == ("吴刚", "纪检组")
    assert first.deadline.date == dt.date(2024, 12, 31)
    assert first.location.row == 3


def test_sub_header_labels_that_name_no_role_alone_take_the_group_role():
    plan = analyse(Doc().t([
        ["问题", "整改措施", "责任部门", LEFT, "整改时限"],
        [UP, UP, "牵头", "配合", UP],
        ["档案管理混乱", "开展档案清理", "办公室", "档案室", "2024年7月底前"],
    ]))
    assert plan.items[0].department == "办公室；档案室"


def test_category_rows_set_the_category_and_are_not_items():
    plan = analyse(Doc().t([
        HEADER,
        ["一、党的领导方面", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["1", "理论学习流于形式", "制定年度学习计划", "王丽", "办公室", "2024年4月底前", "计划印发"],
        ["", "（一）关于落实意识形态工作责任制的问题", "", "", "", "", ""],
        ["2", "阵地管理存在薄弱环节", "开展意识形态阵地排查", "王丽", "宣传部", "2024年5月底前", "排查报告"],
        ["二、全面从严治党方面", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["3", "违规发放津补贴", "清退违规发放的津补贴", "李强", "财务科", "立行立改", "全部清退"],
    ]))
    assert [i.category for i in plan.items] == [
        "一、党的领导方面", "（一）关于落实意识形态工作责任制的问题", "二、全面从严治党方面"]
    assert [i.id for i in plan.items] == ["I1", "I2", "I3"]


def test_category_row_with_its_own_serial_number_cell():
    plan = analyse(Doc().t([
        HEADER,
        ["一", "党的领导方面", LEFT, LEFT, LEFT, LEFT, LEFT],
        ["1", "理论学习流于形式", "制定年度学习计划", "王丽", "办公室", "2024年4月底前", "计划印发"],
    ]))
    assert len(plan.items) == 1 and plan.items[0].category == "党的领导方面"


def test_a_category_column_sets_the_category_for_the_rows_it_spans():
    plan = analyse(Doc().t([
        ["问题类别", "问题", "整改措施", "责任领导", "责任部门", "整改时限"],
        ["党的建设", "支部组织生活不规范", "规范三会一课记录", "赵敏", "机关党委", "2024年6月底前"],
        [UP, "发展党员程序不严", "开展发展党员工作专项检查", "赵敏", "组织科", "2024年9月底前"],
    ]))
    assert [i.category for i in plan.items] == ["党的建设", "党的建设"]


def test_vertically_merged_leader_applies_to_every_row_and_points_at_its_cell():
    plan = analyse(Doc().t([
        HEADER,
        ["1", "项目资金拨付不及时", "建立项目资金拨付台账", "钱进", "财务科", "2024年6月底前", "台账建立"],
        ["2", "政府采购程序不规范", "修订政府采购内控制度", UP, "采购办", "2024年7月底前", "制度印发"],
        ["3", "固定资产账实不符", "开展固定资产全面清查", UP, "资产科", "2024年9月底前", "清查报告"],
    ]))
    assert [i.leader for i in plan.items] == ["钱进", "钱进", "钱进"]
    assert {i.field_locations["leader"].row for i in plan.items} == {2}


def test_problem_merged_over_several_measures_rows_gives_one_item_per_row():
    plan = analyse(Doc().t([
        HEADER,
        ["1", "“三重一大”决策制度执行不到位", "修订“三重一大”决策实施办法", "李强", "办公室", "2024年5月底前", "办法印发"],
        [UP, UP, "建立重大事项集体决策台账", "李强", "办公室", "2024年6月底前", "台账规范"],
        ["2", "内部审计发现问题整改不彻底", "逐项对账销号", "钱进", "审计科", "2024年8月底前", "全部销号"],
    ]))
    assert len(plan.items) == 3
    assert plan.items[0].problem == plan.items[1].problem == "“三重一大”决策制度执行不到位"
    assert plan.items[1].measures == "建立重大事项集体决策台账"
    assert plan.items[1].location.row == 2  # the merged problem cell


def test_rows_without_problem_and_measures_are_not_items():
    plan = analyse(Doc().t([
        HEADER,
        ["1", "廉政风险防控不到位", "排查廉政风险点", "钱进", "纪检组", "2024年6月底前", "风险清单"],
        ["2", "", "", "钱进", "", "", ""],
        ["", "", "", "", "", "", ""],
    ]))
    assert len(plan.items) == 1


def test_placeholders_count_as_missing_and_the_empty_cell_is_located():
    plan = analyse(Doc().t([
        HEADER,
        ["1", "党建经费使用不规范", "制定党建经费使用管理办法", "/", "—", "待定", "无"],
        ["2", "谈心谈话制度落实不到位", "建立谈心谈话台账", "暂无", "\\", "-", "台账完整"],
        ["3", "党员教育管理不严格", "开展党员积分管理", MISSING, "组织科", "2024年6月底前", "积分台账"],
    ]))
    first, second, third = plan.items
    assert (first.leader, first.department, first.deadline, first.standard) == (None, None, None, None)
    assert (second.leader, second.department, second.deadline) == (None, None, None)
    assert first.field_locations["leader"].describe() == "表1第2行第4列"
    assert third.leader is None
    assert third.field_locations["leader"].describe() == "表1第4行第4列"


def test_same_as_above_repeats_the_previous_row():
    plan = analyse(Doc().t([
        HEADER,
        ["1", "会议记录不完整", "规范会议记录", "王丽", "办公室", "2024年6月底前", "记录规范"],
        ["2", "公文处理不规范", "开展公文处理培训", "同上", "同上", "同上", "培训记录"],
    ]))
    second = plan.items[1]
    assert (second.leader, second.department) == ("王丽", "办公室")
    assert second.deadline.date == dt.date(2024, 6, 30)


def test_combined_owner_column_is_split():
    plan = analyse(Doc().t([
        ["问题", "整改措施", "责任领导/责任部门", "整改时限"],
        ["信访件办理超期", "建立信访件办理督办机制", "孙伟\n信访办", "2024年6月底前"],
        ["制度汇编未更新", "修订制度汇编", "办公室", "2024年9月底前"],
    ]))
    assert (plan.items[0].leader, plan.items[0].department) == ("孙伟", "信访办")
    assert (plan.items[1].leader, plan.items[1].department) == (None, "办公室")


def test_problem_cell_spanning_two_columns_is_read_once():
    plan = analyse(Doc().t([
        ["序号", "问题", "具体表现", "整改措施", "责任领导", "责任部门", "整改时限"],
        ["1", "学习教育走过场", LEFT, "建立学习考勤制度", "王丽", "办公室", "2024年6月底前"],
    ]))
    assert plan.items[0].problem == "学习教育走过场"


def test_whitespace_and_alignment_spaces_are_normalised():
    plan = analyse(Doc().t([
        HEADER,
        ["1", "  财务  管理 不规范 ", "修订 财务制度\n\n  加强 审核 ", "王  丽", " 办 公 室 ", " 2024年6月底前 ", ""],
    ]))
    item = plan.items[0]
    assert item.problem == "财务管理不规范"
    assert item.measures == "修订财务制度\n加强审核"
    assert (item.leader, item.department, item.standard) == ("王丽", "办公室", None)


def test_split_ledger_continues_with_the_same_roles_and_category():
    plan = analyse(
        Doc()
        .p("附件：整改问题清单")
        .t([
            ["序号", "问题", "责任领导", "整改措施", "责任部门", "整改时限"],
            ["一、党的建设方面", LEFT, LEFT, LEFT, LEFT, LEFT],
            ["1", "支部换届不及时", "赵敏", "督促完成换届", "组织科", "2024年5月底前"],
        ])
        .p("续表")
        .t([
            ["2", "党费收缴不规范", "同上", "开展党费收缴专项检查", "组织科", "2024年6月底前"],
            ["3", "主题党日活动形式单一", "赵敏", "丰富主题党日内容", "各支部", "长期坚持"],
        ])
    )
    assert len(plan.items) == 3
    second = plan.items[1]
    assert (second.leader, second.measures) == ("赵敏", "开展党费收缴专项检查")  # 同上 across the break
    assert {i.category for i in plan.items} == {"一、党的建设方面"}
    assert second.location.describe() == "表2第1行第2列"


def test_a_headerless_table_after_real_text_is_not_a_continuation():
    plan = analyse(
        Doc()
        .t([HEADER, ["1", "值班制度执行不严", "严格执行值班制度", "王丽", "办公室", "立行立改", "无脱岗"]])
        .p("二、整改工作领导小组")
        .p("组长由党组书记担任，成员如下：")
        .t([["1", "张三", "党组书记", "组长", "", "", ""], ["2", "李四", "副局长", "副组长", "", "", ""]])
    )
    assert len(plan.items) == 1


def test_a_headerless_table_with_another_width_is_reported_not_read():
    plan = analyse(
        Doc()
        .t([HEADER, ["1", "值班制度执行不严", "严格执行值班制度", "王丽", "办公室", "立行立改", "无脱岗"]])
        .p("续表")
        .t([["2", "车辆加油无登记", "建立加油登记", "王丽", "办公室"]])
    )
    assert len(plan.items) == 1
    assert any("列数不同" in w for w in plan.warnings)


def test_reader_warnings_are_kept_on_the_plan():
    doc = Doc().p("问题：档案不全。整改措施：补齐档案。").build()
    doc.warnings.append("文档含修订记录，已按“接受全部修订”读取")
    assert analyse_plan(doc).warnings == ["文档含修订记录，已按“接受全部修订”读取"]


def test_two_ledgers_each_with_its_header_and_heading_category():
    plan = analyse(
        Doc()
        .h("一、党的领导方面", level=2)
        .t([HEADER, ["1", "第一议题制度落实不到位", "严格落实第一议题制度", "王丽", "办公室", "立行立改", "会议记录"]])
        .h("二、全面从严治党方面", level=2)
        .p("（附表）")
        .t([
            ["序号", "反馈问题", "整改举措", "牵头领导", "责任单位", "完成时限"],
            ["1", "八项规定精神执行有偏差", "开展违反中央八项规定精神问题自查", "李强", "纪检组", "2024年6月底前"],
            ["2", "公务接待超标准", "修订公务接待管理办法", "李强", "办公室", "2024年7月底前"],
        ])
    )
    assert [i.id for i in plan.items] == ["I1", "I2", "I3"]
    assert [i.category for i in plan.items] == ["一、党的领导方面", "二、全面从严治党方面", "二、全面从严治党方面"]
    assert plan.items[2].location.table == 2


def test_plan_section_heading_before_the_ledger_is_not_a_category():
    plan = analyse(
        Doc()
        .h("三、整改任务", level=1)
        .p("某某局巡察反馈问题整改台账")
        .t([HEADER, ["1", "档案管理不规范", "开展档案整理", "王丽", "办公室", "2024年6月底前", "档案规范"]])
    )
    assert plan.items[0].category is None


def test_repeated_header_row_inside_the_table_is_skipped():
    plan = analyse(Doc().t([
        HEADER,
        ["1", "档案管理不规范", "开展档案整理", "王丽", "办公室", "2024年6月底前", "档案规范"],
        HEADER,
        ["2", "印章管理不严", "建立用印登记制度", "王丽", "办公室", "2024年6月底前", "登记完整"],
    ]))
    assert len(plan.items) == 2


def test_a_reader_repeating_a_merged_category_row_per_column_still_gives_a_category():
    plan = analyse(Doc().t([
        ["问题", "整改措施", "责任领导", "责任部门"],
        ["一、作风建设方面", "一、作风建设方面", "一、作风建设方面", "一、作风建设方面"],
        ["调研走过场", "制定调研工作办法", "周涛", "办公室"],
    ]))
    assert len(plan.items) == 1 and plan.items[0].category == "一、作风建设方面"


def test_non_ledger_tables_are_ignored():
    with pytest.raises(ExtractionError) as error:
        analyse(Doc().t([["姓名", "职务", "分工"], ["张三", "党组书记", "组长"]]))
    assert "未能从整改方案中识别出任何整改事项" in error.value.message
    assert "1个表格" in error.value.message
    assert "No rectification item" in error.value.message_en


# --------------------------------------------------------------------------- paragraphs


def test_single_paragraph_items_with_inline_fields():
    plan = analyse(
        Doc()
        .h("某某县卫健局党组巡察整改工作方案")
        .h("一、党的领导方面", level=2)
        .p("1.问题：理论学习中心组学习不规范。整改措施：制定年度学习计划，每月集中学习1次。责任领导：王丽；责任部门：办公室；"
           "整改时限：2024年6月底前；完成标准：学习记录完整。")
        .p("2. 问题: 党组会议议事规则不完善。 整改措施: 修订党组会议议事规则。 责任领导: 李强; 责任部门: 办公室; "
           "整改时限: 立行立改; 完成标准: 规则印发。")
        .h("二、党的建设方面", level=2)
        .p("3.问题：支部“三会一课”记录不全。整改措施：开展组织生活记录专项检查。责任领导：赵敏；责任部门：/；整改时限：长期坚持。")
    )
    assert [i.source for i in plan.items] == ["paragraph"] * 3
    first, second, third = plan.items
    assert first.problem == "理论学习中心组学习不规范。"
    assert first.measures == "制定年度学习计划，每月集中学习1次。"
    assert (first.leader, first.department, first.standard) == ("王丽", "办公室", "学习记录完整。")
    assert first.deadline.date == dt.date(2024, 6, 30)
    assert second.leader == "李强" and second.deadline.kind == "immediate"
    assert third.department is None and third.standard is None
    assert [i.category for i in plan.items] == ["一、党的领导方面", "一、党的领导方面", "二、党的建设方面"]
    assert first.location.paragraph == 3
    assert plan.title == "某某县卫健局党组巡察整改工作方案"


def test_items_over_consecutive_paragraphs_opened_by_a_numbered_issue_line():
    plan = analyse(
        Doc()
        .li("一、党的领导方面", number="一、")
        .li("（一）关于学习贯彻上级决策部署不到位的问题", number="（一）", level=1)
        .p("【整改措施】")
        .li("1.建立学习贯彻落实台账", number="1.", level=2)
        .li("2.每季度开展一次督促检查", number="2.", level=2)
        .p("责任领导：王丽    责任部门：办公室    整改时限：2024年9月中旬")
        .li("（二）关于意识形态阵地管理不严的问题", number="（二）", level=1)
        .p("整改措施：全面排查单位网站、公众号内容。")
        .p("责任领导：李强")
        .p("责任部门：宣传科")
        .p("整改时限：立行立改")
        .li("二、全面从严治党方面", number="二、")
        .li("（一）关于违规发放津补贴的问题", number="（一）", level=1)
        .p("整改措施：清退违规发放的津补贴。责任领导：钱进；责任部门：财务科；整改时限：2024年4月上旬。")
    )
    assert len(plan.items) == 3
    first, second, third = plan.items
    assert first.problem == "关于学习贯彻上级决策部署不到位的问题"
    assert first.measures == "1.建立学习贯彻落实台账\n2.每季度开展一次督促检查"
    assert (first.leader, first.department) == ("王丽", "办公室")
    assert first.deadline.date == dt.date(2024, 9, 20)
    assert first.location.paragraph == 2
    assert (second.leader, second.department, second.deadline.kind) == ("李强", "宣传科", "immediate")
    assert [i.category for i in plan.items] == ["一、党的领导方面", "一、党的领导方面", "二、全面从严治党方面"]
    assert third.deadline.date == dt.date(2024, 4, 10)


def test_problem_label_opens_an_item_and_a_sub_list_numbered_like_the_item_stays_in_it():
    plan = analyse(
        Doc()
        .p("1.问题：执行民主集中制不严格")
        .p("整改措施：")
        .p("1.修订党组工作规则")
        .p("2.严格落实重大事项集体决策")
        .p("责任领导：李强")
        .p("2.问题：干部队伍建设滞后")
        .p("整改措施：制定干部队伍建设规划")
        .p("责任领导：赵敏")
    )
    assert len(plan.items) == 2
    assert plan.items[0].measures == "1.修订党组工作规则\n2.严格落实重大事项集体决策"
    assert plan.items[1].problem == "干部队伍建设滞后"


def test_the_next_sibling_number_closes_an_item_whose_last_field_is_measures():
    plan = analyse(
        Doc()
        .p("1.问题：执行民主集中制不严格")
        .p("责任领导：李强")
        .p("整改措施：修订党组工作规则")
        .p("2.干部队伍建设滞后")
        .p("整改措施：制定干部队伍建设规划")
    )
    assert [i.problem for i in plan.items] == ["执行民主集中制不严格", "干部队伍建设滞后"]
    assert plan.items[0].measures == "修订党组工作规则"


def test_unlabelled_measures_between_an_issue_line_and_bracketed_fields():
    plan = analyse(
        Doc()
        .h("三、整改任务")
        .p("为确保整改取得实效，制定如下措施：")
        .p("1.关于学习贯彻习近平新时代中国特色社会主义思想不深入的问题。")
        .p("一是制定年度学习计划；二是每季度开展专题研讨。")
        .p("（责任领导：王丽；责任单位：办公室；完成时限：2024年12月底前）")
        .p("2.关于党组会议议事规则执行不严的问题。")
        .p("一是修订议事规则。")
        .p("二是建立议题台账。")
        .p("（责任领导：李强；责任单位：办公室；完成时限：立行立改）")
    )
    assert len(plan.items) == 2
    first, second = plan.items
    assert first.problem == "关于学习贯彻习近平新时代中国特色社会主义思想不深入的问题。"
    assert first.measures == "一是制定年度学习计划；二是每季度开展专题研讨。"
    assert (first.leader, first.department, first.deadline.date) == ("王丽", "办公室", dt.date(2024, 12, 31))
    assert second.measures == "一是修订议事规则。\n二是建立议题台账。"
    assert second.deadline.kind == "immediate"
    assert first.category is None  # 三、整改任务 is the plan's own section, not a category


def test_measure_lines_with_their_own_fields_under_one_issue_line():
    plan = analyse(
        Doc()
        .p("（一）关于选人用人不规范的问题")
        .p("1.开展选人用人专项检查。（责任领导：赵敏；责任单位：组织科；完成时限：2024年6月底前）")
        .p("2.完善干部人事档案。（责任领导：钱进；责任单位：人事科；完成时限：长期坚持）")
        .p("问题2：档案管理不规范。整改措施：全面清理档案。")
    )
    assert [(i.problem, i.measures, i.leader) for i in plan.items] == [
        ("关于选人用人不规范的问题", "开展选人用人专项检查。", "赵敏"),
        ("关于选人用人不规范的问题", "完善干部人事档案。", "钱进"),
        ("档案管理不规范。", "全面清理档案。", None),
    ]
    assert [i.location.paragraph for i in plan.items] == [2, 3, 4]
    assert plan.items[1].field_locations["problem"].paragraph == 1


def test_a_ledger_written_as_numbered_paragraphs_after_a_numbered_list_gives_one_item_per_paragraph():
    # heldout8 gongshanglian: 工作要求 1.–4. (no fields), then 附件 with one numbered paragraph per row,
    # each opening with 整改任务： — before, the 9 rows were read as one item whose problem was a 工作要求 line
    plan = analyse(
        Doc()
        .h("工作要求")
        .li("1.2024年4月10日召开专题民主生活会。", "1.")
        .li("2.2024年5月15日前报送整改情况报告。", "2.")
        .p("附件")
        .p("整改台账")
        .li("1.整改任务：健全企业诉求转办机制。整改措施：（1）建立诉求闭环台账；（2）逐条核实未转办诉求。"
            "牵头领导：罗静；责任部门：经济联络科；完成时限：2024年6月30日前；完成标准：诉求全部转办", "1.")
        .li("2.整改任务：规范党组会议记录。整改措施：修订党组会议议事规则。牵头领导：尹白；责任部门：办公室；"
            "完成时限：2024年5月31日前；完成标准：记录完整", "2.")
    )
    assert [(i.problem, i.leader, i.location.paragraph) for i in plan.items] == [
        ("", "罗静", 6), ("", "尹白", 7)]
    assert "健全企业诉求转办机制" in plan.items[0].measures and "逐条核实" in plan.items[0].measures
    assert "修订党组会议议事规则" in plan.items[1].measures and "诉求" not in plan.items[1].measures


def test_numbered_measure_paragraphs_under_an_issue_line_keep_its_problem():
    plan = analyse(
        Doc()
        .p("（一）关于公务接待不规范的问题")
        .p("1.整改措施：修订公务接待管理办法。责任领导：周涛；整改时限：2024年5月底前")
        .p("2.整改措施：开展公务接待专项检查。责任领导：钱进；整改时限：2024年6月底前")
    )
    assert [(i.problem, i.measures, i.leader) for i in plan.items] == [
        ("关于公务接待不规范的问题", "修订公务接待管理办法。", "周涛"),
        ("关于公务接待不规范的问题", "开展公务接待专项检查。", "钱进"),
    ]


def test_a_prose_paragraph_with_an_aims_label_is_not_an_item():
    # heldout9 difangzhi: "坚持以…为指导，…。整改目标：…" in the 指导思想 section read as item I1 with no
    # owner and no deadline (three false errors, and every item id after it shifted)
    plan = analyse(
        Doc()
        .h("指导思想和整改目标")
        .p("坚持以习近平新时代中国特色社会主义思想为指导，以巡察整改推动事业发展。整改目标：主责主业更加聚焦。")
        .p("问题：公务接待管理不规范。整改措施：修订公务接待管理办法。责任领导：周涛；整改时限：2024年5月底前")
    )
    assert [i.problem for i in plan.items] == ["公务接待管理不规范。"]


def test_measure_lines_under_a_labelled_problem():
    plan = analyse(
        Doc()
        .p("问题：公务接待管理不规范。")
        .p("1.修订公务接待管理办法。（责任领导：周涛；责任部门：办公室；整改时限：2024年5月底前）")
        .p("2.开展公务接待专项检查。（责任领导：钱进；责任部门：财务科；整改时限：立行立改）")
    )
    assert [(i.problem, i.measures, i.leader) for i in plan.items] == [
        ("公务接待管理不规范。", "修订公务接待管理办法。", "周涛"),
        ("公务接待管理不规范。", "开展公务接待专项检查。", "钱进"),
    ]
    assert plan.items[1].field_locations["problem"].paragraph == 1


def test_spaced_labels_and_ocr_colons():
    plan = analyse(Doc().p("问 题：印章管理不严。整 改 措 施∶建立用印登记制度。责 任 领 导 : 王丽；责任部门︰办公室"))
    item = plan.items[0]
    assert (item.problem, item.measures, item.leader, item.department) == (
        "印章管理不严。", "建立用印登记制度。", "王丽", "办公室")


def test_labels_inside_words_are_not_fields():
    with pytest.raises(ExtractionError):
        analyse(Doc().p("一、总体要求").p("要进一步完善整改措施：做到问题不查清不放过。").p("各科室要明确责任人员。"))


def test_field_locations_of_inline_labels_carry_offsets_when_known():
    doc = Doc()
    text = "问题：会风文风不实。整改措施：精简会议文件。责任领导：周涛"
    doc.blocks.append(Block(kind="paragraph", text=text,
                            location=Location(file="x", kind="paragraph", paragraph=1, start=100, end=100 + len(text))))
    item = analyse(doc).items[0]
    where = item.field_locations["measures"]
    assert text[where.start - 100 : where.end - 100] == "精简会议文件。"


# --------------------------------------------------------------------------- mixed


def test_narrative_repeating_the_ledger_is_not_counted_twice():
    plan = analyse(
        Doc()
        .h("关于巡察反馈问题的整改落实方案")
        .h("三、整改任务", level=1)
        .p("1.问题：公务用车管理不规范。整改措施：建立公务用车使用登记台账。")
        .p("2.问题：会议费报销审核不严。整改措施：修订会议费管理办法。")
        .p("3.问题：干部职工培训计划未落实。整改措施：制定年度培训计划并按月落实。责任领导：赵敏；责任部门：人事科；整改时限：2024年6月底前。")
        .p("附件：整改台账")
        .t([
            HEADER,
            ["1", "公务用车管理不规范", "建立公务用车使用登记台账", "周涛", "办公室", "2024年5月底前", "台账规范"],
            ["2", "会议费报销审核不严", "修订会议费管理办法", "钱进", "财务科", "2024年6月底前", "办法印发"],
        ])
    )
    assert [(i.source, i.problem) for i in plan.items] == [
        ("paragraph", "干部职工培训计划未落实。"),
        ("table", "公务用车管理不规范"),
        ("table", "会议费报销审核不严"),
    ]
    assert plan.items[1].leader == "周涛"
    assert any("2条" in w and "重复" in w for w in plan.warnings)


def test_nothing_extractable_raises_with_a_reason():
    with pytest.raises(ExtractionError) as error:
        analyse(Doc().h("整改方案").p("我们将高度重视巡察反馈意见，认真抓好整改落实。"))
    assert "没有表格" in error.value.message and error.value.exit_code == 2


def test_title_is_the_first_short_line_with_fang_an():
    doc = (Doc().p("根据市委巡察工作安排，制定本方案。").p("《中共某某公司委员会巡察整改工作方案》")).build()
    assert find_title(doc) == "中共某某公司委员会巡察整改工作方案"
    assert find_title(Doc().p("一、指导思想").build()) is None


def test_similarity_is_symmetric_and_bounded():
    assert similarity("公务用车管理不规范", "公务用车管理不规范。") == 1.0
    assert similarity("公务用车管理不规范", "会议费报销审核不严") < 0.3
    assert similarity("", "x") == 0.0


def test_deadlines_without_a_year_use_the_feedback_date():
    doc = Doc().t([HEADER, ["1", "档案管理不规范", "开展档案整理", "王丽", "办公室", "2月底前", "档案规范"]])
    assert analyse(doc, feedback_date=dt.date(2024, 3, 15)).items[0].deadline.date == dt.date(2025, 2, 28)
    unknown = analyse(doc, feedback_date=None).items[0].deadline
    assert (unknown.kind, unknown.date) == ("date", None)


# --------------------------------------------------------------------------- properties

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PROBLEMS = ["学习贯彻不深入", "议事规则不健全", "选人用人不规范", "财务管理混乱", "公务用车管理不严", "档案管理不规范"]
_LEADERS = ["王丽", "李强", "赵敏", "钱进"]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_PROBLEMS), st.sampled_from(_LEADERS), st.booleans()), min_size=1, max_size=12))
def test_ledger_rows_become_items_in_order_with_merged_leaders(rows):
    """Each data row is one item; a leader cell merged down (the boolean) gives the row above's leader."""
    table = [HEADER]
    expected_leaders = []
    for n, (problem, leader, merged_with_above) in enumerate(rows, start=1):
        merge = merged_with_above and n > 1
        table.append([str(n), problem, f"针对{problem}制定整改办法", UP if merge else leader, "办公室", "2024年6月底前", "办法印发"])
        expected_leaders.append(expected_leaders[-1] if merge else leader)
    plan = analyse(Doc().t(table))
    assert [i.problem for i in plan.items] == [r[0] for r in rows]
    assert [i.leader for i in plan.items] == expected_leaders
    assert [i.id for i in plan.items] == [f"I{n}" for n in range(1, len(rows) + 1)]


_LINES = ["一、党的领导方面", "（一）关于学习不深入的问题", "1.学习贯彻不深入。", "整改措施：", "1.建立学习制度",
          "2.开展专题研讨", "责任领导：王丽；责任部门：办公室", "整改时限：2024年6月底前", "问题：档案管理不规范。",
          "【整改措施】", "（责任领导：李强；完成时限：立行立改）", "各部门要高度重视。", "三、工作要求", "一是建立台账。"]


@settings(max_examples=150)
@given(st.lists(st.sampled_from(_LINES), max_size=14))
def test_any_sequence_of_plan_lines_gives_items_or_a_clear_error(lines):
    doc = Doc()
    for line in lines:
        doc.p(line)
    try:
        plan = analyse(doc)
    except ExtractionError:
        return
    assert [i.id for i in plan.items] == [f"I{n}" for n in range(1, len(plan.items) + 1)]
    assert all(i.problem or i.measures for i in plan.items)
    assert [i.location.paragraph for i in plan.items] == sorted(i.location.paragraph for i in plan.items)


# --------------------------------------------------------------------------- real .docx files

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from checker.documents import read_document  # noqa: E402

_CHINESE_LIST = f"""
<w:abstractNum {nsdecls('w')} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"""


def _add_chinese_numbering(document) -> int:
    """A list 一、/（一）/1. like the ones Chinese plans use; returns its numId."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(parse_xml(_CHINESE_LIST))  # abstractNum elements come before num elements
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def _numbered(document, text: str, level: int, num_id: int = 90):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def _fill(table, rows: list[list[str | None]]) -> None:
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text


def test_docx_ledger_with_real_merges(tmp_path):
    document = docx.Document()
    document.add_heading("中共某某县林业局党组关于县委第一巡察组反馈意见整改工作方案", level=1)
    document.add_paragraph("附件：巡察反馈问题整改台账")
    table = document.add_table(rows=7, cols=7)
    # two-row header: 序号/整改措施/整改时限 merged down, 反馈问题 and 责任 over two sub-columns
    for col in (0, 3, 6):
        table.cell(0, col).merge(table.cell(1, col))
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 4).merge(table.cell(0, 5))
    table.cell(2, 0).merge(table.cell(2, 6))  # category row across the table
    table.cell(3, 4).merge(table.cell(5, 4))  # one leader for three rows
    _fill(table, [
        ["序号", "反 馈 问 题", None, "整改措施", "责  任", None, "整改时限"],
        [None, "问题", "具体表现", None, "责任领导", "责任部门", None],
        ["一、党的领导方面", None, None, None, None, None, None],
        ["1", "学习贯彻上级精神不深入", "中心组学习以读文件为主", "1.制定年度学习计划\n2.每季度开展专题研讨",
         "黄志勇", "办公室", "2024年6月底前"],
        ["2", "落实“第一议题”制度不严格", "部分会议未传达学习", "严格执行“第一议题”制度", None, "办公室", "立行立改"],
        ["3", "意识形态工作责任制落实不到位", "未专题研究意识形态工作", "每半年专题研究一次", None, "—", "长期坚持"],
        ["4", "", "", "", "", "", ""],
    ])
    path = tmp_path / "台账方案.docx"
    document.save(path)
    plan = analyse_plan(read_document(path), feedback_date=dt.date(2024, 3, 1))
    assert plan.title == "中共某某县林业局党组关于县委第一巡察组反馈意见整改工作方案"
    assert len(plan.items) == 3
    assert [i.leader for i in plan.items] == ["黄志勇"] * 3
    assert {i.category for i in plan.items} == {"一、党的领导方面"}
    first = plan.items[0]
    assert first.problem == "学习贯彻上级精神不深入\n中心组学习以读文件为主"
    assert first.measures == "1.制定年度学习计划\n2.每季度开展专题研讨"
    assert first.location.describe() == "表1第4行第2列"
    assert plan.items[2].department is None
    assert plan.items[2].field_locations["department"].describe() == "表1第6行第6列"
    assert plan.items[1].field_locations["leader"].describe() == "表1第4行第5列"


def test_docx_split_ledger_and_paragraph_items_with_word_numbering(tmp_path):
    document = docx.Document()
    num_id = _add_chinese_numbering(document)
    document.add_paragraph("市卫健委党委巡察整改落实方案")
    _numbered(document, "党的领导方面", 0, num_id)
    _numbered(document, "关于执行民主集中制不严格的问题", 1, num_id)
    document.add_paragraph("整改措施：修订党委会议事规则，严格执行“三重一大”集体决策制度。")
    document.add_paragraph("责任领导：刘建国；责任部门：办公室；整改时限：2024年5月底前。")
    _numbered(document, "全面从严治党方面", 0, num_id)
    _numbered(document, "关于落实中央八项规定精神有差距的问题", 1, num_id)
    document.add_paragraph("整改措施：")
    _numbered(document, "开展公务接待专项检查", 2, num_id)
    _numbered(document, "建立公车使用台账", 2, num_id)
    document.add_paragraph("责任领导：陈立；责任部门：纪检组；整改时限：长期坚持")
    document.add_paragraph("附表：整改台账")
    first = document.add_table(rows=2, cols=5)
    _fill(first, [["问题", "整改措施", "责任领导", "责任部门", "整改时限"],
                  ["医疗服务收费不规范", "开展收费专项检查", "周敏", "财务科", "2024年6月底前"]])
    document.add_paragraph("续表")
    second = document.add_table(rows=1, cols=5)
    _fill(second, [["药品采购管理不严", "修订药品采购制度", "周敏", "药剂科", "2024年8月底前"]])
    path = tmp_path / "混合方案.docx"
    document.save(path)
    plan = analyse_plan(read_document(path), feedback_date=dt.date(2024, 3, 1))
    assert [i.source for i in plan.items] == ["paragraph", "paragraph", "table", "table"]
    one, two, three, four = plan.items
    assert one.problem == "关于执行民主集中制不严格的问题"
    assert one.category == "一、党的领导方面"
    assert two.category == "二、全面从严治党方面"
    assert two.measures.replace(" ", "") == "1.开展公务接待专项检查\n2.建立公车使用台账"  # Word's own numbers
    assert two.deadline.kind == "long_term"
    assert (four.problem, four.department) == ("药品采购管理不严", "药剂科")
    assert four.location.table == 2


def test_gb18030_text_plan_in_traditional_characters(tmp_path):
    text = ("某某鄉黨委巡察整改方案\n"
            "一、黨的建設方面\n"
            "1.問題：黨支部“三會一課”記錄不規範。整改措施：開展組織生活專項檢查。責任領導：張偉；責任部門：組織辦；整改時限：2024年6月底前。\n")
    path = tmp_path / "方案.txt"
    path.write_bytes(text.encode("gb18030"))
    plan = analyse_plan(read_document(path), feedback_date=dt.date(2024, 3, 1))
    assert plan.title == "某某乡党委巡察整改方案"
    item = plan.items[0]
    assert (item.problem, item.leader, item.department) == ("党支部“三会一课”记录不规范。", "张伟", "组织办")
    assert item.category == "一、党的建设方面"
    assert item.location.line == 3
