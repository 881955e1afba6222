"""Reports of a result: the JSON contract (more formats to come)."""

from newsrecon.report.json_report import result_to_dict, write_json

__all__ = ["result_to_dict", "write_json"]
