"""Fixed vocabularies of the portal. Values are stable identifiers (they appear in URLs,
facets and the API); labels are what readers see."""

from django.db import models


class CourtLevel(models.TextChoices):
    SUPREME = "supreme", "最高人民法院"
    HIGH = "high", "高级人民法院"
    INTERMEDIATE = "intermediate", "中级人民法院"
    BASIC = "basic", "基层人民法院"
    SPECIALISED = "specialised", "专门人民法院"


class CourtNameKind(models.TextChoices):
    """What a court name is, in the order a lookup prefers them: a full name wins over another
    court's short name, which wins over an alias, then a former name."""

    NAME = "name", "全称"
    SHORT = "short", "简称"
    ALIAS = "alias", "别称"
    FORMER = "former", "曾用名"

    @classmethod
    def rank(cls, kind: str) -> int:
        return list(cls.values).index(kind)


class ReportKind(models.TextChoices):
    WORK_REPORT = "work_report", "向人大所作工作报告"
    NEWS_REVIEW = "news_review", "新闻综述"
    THEMATIC = "thematic", "专项工作报告"
    PROFILE = "profile", "法院概况"
    OTHER = "other", "其他"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class SectionTopic(models.TextChoices):
    """The fixed topic list; reports.ingest.sections assigns one per section from keywords."""

    TRIAL = "trial", "审判执行"
    CRIMINAL = "criminal", "刑事审判"
    CIVIL = "civil", "民商事审判"
    ADMINISTRATIVE = "administrative", "行政审判"
    ENFORCEMENT = "enforcement", "执行"
    IP = "ip", "知识产权"
    FINANCE = "finance", "金融"
    ENVIRONMENT = "environment", "环境资源"
    DEVELOPMENT = "development", "服务大局"
    GOVERNANCE = "governance", "诉源治理"
    PEOPLE = "people", "司法为民"
    SMART_COURT = "smart_court", "智慧法院"
    REFORM = "reform", "司法改革"
    TEAM = "team", "队伍建设"
    SUPERVISION = "supervision", "接受监督"
    OVERVIEW = "overview", "综述"
    OTHER = "other", "其他"


class Indicator(models.TextChoices):
    """Canonical indicators that metrics map onto (see reports.ingest.metrics.INDICATORS)."""

    CASES_RECEIVED = "cases_received", "受理案件"
    CASES_CLOSED = "cases_closed", "审结案件"
    CASES_CLOSED_ALL = "cases_closed_all", "审执结案件"
    ENFORCEMENT_CLOSED = "enforcement_closed", "执结案件"
    ENFORCEMENT_AMOUNT = "enforcement_amount", "执行到位金额"
    ENFORCEMENT_RECEIVED = "enforcement_received", "新收执行案件"
    MEDIATION = "mediation", "调解成功案件"
    PRE_LITIGATION_MEDIATION = "pre_litigation_mediation", "诉前调解案件"
    DEFENDANTS = "defendants", "判处罪犯人数"
    JUDICIAL_SUGGESTIONS = "judicial_suggestions", "司法建议"
    CLOSURE_RATE = "closure_rate", "结案率"
    APPEAL_RATE = "appeal_rate", "上诉率"
    OFFICIALS_IN_COURT_RATE = "officials_in_court_rate", "行政机关负责人出庭应诉率"
    AVERAGE_DURATION = "average_duration", "平均审理用时"
    CASES_PER_JUDGE = "cases_per_judge", "法官人均结案"
    WAGES_RECOVERED = "wages_recovered", "追回劳动报酬"
    DISHONEST_DEBTORS = "dishonest_debtors", "失信被执行人"


class Approximation(models.TextChoices):
    EXACT = "", "精确"
    OVER = "超", "超过"
    NEARLY = "近", "接近"
    MORE_THAN = "余", "余"
    AT_LEAST = "以上", "以上"
    ABOUT = "约", "约"


class YoyUnit(models.TextChoices):
    """The relative units of a change; a change counted in cases, days or yuan carries the
    figure's own unit instead (Metric.yoy_unit accepts any unit of the field)."""

    NONE = "", "—"
    PERCENT = "%", "%"
    POINTS = "个百分点", "个百分点"


class MetricScope(models.TextChoices):
    COURT = "court", "本院"
    REGION = "region", "辖区法院"
    UNKNOWN = "", "未注明"


class InitiativeCategory(models.TextChoices):
    """What reports.ingest.initiatives files an initiative under (Initiative.category)."""

    MECHANISM = "mechanism", "机制"
    CAMPAIGN = "campaign", "专项行动"
    METHOD = "method", "工作法"
    PLATFORM = "platform", "平台"
    DOCUMENT = "document", "文件"
    OTHER = "other", "其他"


def choice_label(choices, value, empty: str = "—") -> str:
    """What readers see for a stored value: ``choice_label(CourtLevel, "intermediate")`` →
    中级人民法院. ``choices`` is a TextChoices class or (value, label) pairs; an unknown value
    reads as itself, no value as ``empty``."""
    if value in (None, ""):
        return empty
    pairs = choices.choices if hasattr(choices, "choices") else choices
    return str(dict(pairs).get(value, value))
