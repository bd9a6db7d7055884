"""The dashboard's charts, built from stats.compute's answer (pure: figures in, SVG out)."""

from . import charts


def build(data: dict) -> dict:
    apps = data["applications"]["per_week"]
    touches = data["touches"]["per_week"]
    funnel = data["funnel"]
    sources = data["sources"]
    return {
        "applications": charts.columns(
            "Applications per week", f"{data['applications']['total']} applications over {len(apps)} weeks.",
            [w["label"] for w in apps], [("s1", "applications", [w["count"] for w in apps])]),
        "touches": charts.columns(
            "Touches per week", f"{data['touches']['out']} outbound and {data['touches']['in']} inbound touches.",
            [w["label"] for w in touches],
            [("s1", "outbound", [w["out"] for w in touches]), ("s2", "inbound", [w["in"] for w in touches])]),
        "funnel": charts.bars(
            "Application funnel", "How many applications reached each step.",
            [(s["label"], s["count"], f"{s['count']}" + (f" · {s['conversion']:g}%" if s["conversion"] is not None
                                                          else "")) for s in funnel]),
        "response": charts.bars(
            "Response rate by source", "Share of applications from each source that got an inbound touch.",
            [(s["label"], s["response_rate"] or 0, "—" if s["response_rate"] is None else
              f"{s['response_rate']:g}% of {s['applications']}") for s in sources], maximum=100, css="s2"),
    }
