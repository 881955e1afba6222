"""Reports of a result: the JSON contract, and the dossier as Markdown, HTML and CSV."""

from newsrecon.report.csv_report import write_csv
from newsrecon.report.html_report import render_html, write_html
from newsrecon.report.json_report import result_to_dict, write_json
from newsrecon.report.markdown import write_markdown

__all__ = ["render_html", "result_to_dict", "write_csv", "write_html", "write_json", "write_markdown"]
