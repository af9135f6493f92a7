"""plancheck: checks a 巡视/巡察整改方案 against the 反馈意见 it answers."""

__version__ = "0.1.0"
