"""The safety rules of domain.md §6: build a ``Case``, call ``evaluate``, get ``Finding``s."""

from cryolog.domain.rules.base import Finding
from cryolog.domain.rules.engine import RULE_IDS, evaluate

__all__ = ["RULE_IDS", "Finding", "evaluate"]
