"""The coordinator's summary in each output format: Markdown (the step summary and the mail) and JSON."""

from __future__ import annotations

from ossmatch.cohort.summary import Summary, render_json, render_markdown
from ossmatch.render.formats import Formats, Screen

FORMATS: Formats[Summary] = Formats("cohort")


@FORMATS.register("markdown")
def markdown_format(summary: Summary, screen: Screen) -> str:
    return render_markdown(summary)


@FORMATS.register("json")
def json_format(summary: Summary, screen: Screen) -> str:
    return render_json(summary)
