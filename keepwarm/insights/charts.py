"""Charts drawn on the server as plain SVG: no JavaScript, no CDN, readable without colour.

Each chart is an <svg role="img"> named by its <title> and summarised by its <desc>; every bar carries a
<title> with its exact figure (a tooltip on hover). The page puts the same numbers in a table next to the
chart, so screen-reader users and people printing the page get every figure. Pure functions: data in, markup out.
"""

from __future__ import annotations

import math
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_ids = count(1)
WIDTH = 720


def _nice_max(value: float) -> float:
    """A round upper bound for the axis (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp  # pragma: no cover


def _fmt(value: float) -> str:
    return f"{value:g}"


def columns(title: str, desc: str, labels: list[str], series: list[tuple[str, str, list[float]]],
            height: int = 220) -> SafeString:
    """Vertical bars per label, one bar per series side by side. series = [(css_class, name, values)]."""
    uid = next(_ids)
    left, bottom, top = 40, 28, 10
    plot_w, plot_h = WIDTH - left - 8, height - bottom - top
    peak = _nice_max(max((v for _, _, values in series for v in values), default=0))
    slot = plot_w / max(1, len(labels))
    bar_w = max(1.0, (slot * 0.8) / max(1, len(series)))
    every = max(1, math.ceil(len(labels) / 12))  # at most ~12 axis labels, whatever the number of weeks
    parts = [f'<svg class="kw-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-labelledby="chart{uid}-t chart{uid}-d" preserveAspectRatio="xMinYMin meet">',
             f'<title id="chart{uid}-t">{escape(title)}</title><desc id="chart{uid}-d">{escape(desc)}</desc>']
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        parts.append(f'<line class="grid" x1="{left}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{_fmt(peak * frac)}</text>')
    for i, label in enumerate(labels):
        x0 = left + i * slot + slot * 0.1
        for j, (css, name, values) in enumerate(series):
            v = values[i]
            h = plot_h * v / peak
            parts.append(f'<rect class="bar {escape(css)}" x="{x0 + j * bar_w:.1f}" y="{top + plot_h - h:.1f}" '
                         f'width="{bar_w:.1f}" height="{h:.1f}"><title>{escape(label)}: {_fmt(v)} {escape(name)}'
                         f'</title></rect>')
        if i % every == 0:
            parts.append(f'<text class="axis" x="{left + i * slot + slot / 2:.1f}" y="{height - 10}" '
                         f'text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bars(title: str, desc: str, rows: list[tuple[str, float, str]], *, maximum: float | None = None,
         css: str = "s1") -> SafeString:
    """Horizontal bars, one per row: (label, value, text shown at the bar's end). maximum=100 for percentages."""
    uid = next(_ids)
    label_w, row_h, text_w = 190, 30, 110
    height = row_h * max(1, len(rows)) + 8
    peak = maximum or _nice_max(max((v for _, v, _ in rows), default=0))
    plot_w = WIDTH - label_w - text_w
    parts = [f'<svg class="kw-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-labelledby="chart{uid}-t chart{uid}-d" preserveAspectRatio="xMinYMin meet">',
             f'<title id="chart{uid}-t">{escape(title)}</title><desc id="chart{uid}-d">{escape(desc)}</desc>']
    for i, (label, value, text) in enumerate(rows):
        y = 4 + i * row_h
        w = plot_w * (value or 0) / peak if peak else 0
        parts.append(f'<text class="label" x="{label_w - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end">'
                     f'{escape(label)}</text>'
                     f'<rect class="track" x="{label_w}" y="{y + 4}" width="{plot_w}" height="{row_h - 10}"/>'
                     f'<rect class="bar {escape(css)}" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}">'
                     f'<title>{escape(label)}: {escape(text)}</title></rect>'
                     f'<text class="value" x="{label_w + plot_w + 6}" y="{y + row_h / 2 + 4:.1f}">{escape(text)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
