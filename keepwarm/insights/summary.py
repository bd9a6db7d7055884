"""The stats as a few lines of text for the terminal (pure: the dict from stats.compute in, text out)."""


def _rate(value) -> str:
    return "—" if value is None else f"{value:g}%"


def text_summary(data: dict) -> str:
    apps = data["applications"]
    weeks = apps["per_week"][-4:]
    lines = [
        f"Since {data['since']}" if data["since"] else "All time",
        f"Applications: {apps['total']}  (last weeks: "
        + ", ".join(f"{w['label']} {w['count']}" for w in weeks) + ")",
        "By stage: " + ", ".join(f"{s['label']} {s['count']}" for s in data["by_stage"] if s["count"]),
        "Funnel: " + " → ".join(
            f"{s['label']} {s['count']}" + (f" ({_rate(s['conversion'])})" if s["conversion"] is not None else "")
            for s in data["funnel"]),
    ]
    resp = data["response"]
    median = "—" if resp["median_days"] is None else f"{resp['median_days']:g} days"
    lines.append(f"Responses: {resp['responded']} of {resp['applications']} ({_rate(resp['rate'])}); "
                 f"median wait for a first response: {median}")
    for s in data["sources"]:
        scam = f"; scams {s['scams']} of {s['checked']} checked ({_rate(s['scam_share'])})" if s["checked"] else ""
        lines.append(f"  {s['label']}: {s['responded']} of {s['applications']} answered "
                     f"({_rate(s['response_rate'])}){scam}")
    if not data["scam_checks"]:
        lines.append("  (scam share: no scam checks available)")
    t = data["touches"]
    lines.append(f"Touches: {t['out']} outbound, {t['in']} inbound — "
                 + ", ".join(f"{c['label']} {c['out']}/{c['in']}" for c in t["by_channel"] if c["out"] or c["in"]))
    cold = data["cold_contacts"]
    lines.append(f"Going cold: {cold['count']}" + (
        " — " + ", ".join(f"{c['name']} ({c['days']} days)" for c in cold["coldest"][:5]) if cold["count"] else ""))
    iv = data["interviews"]
    lines.append(f"Interviews held: {iv['held']}; coming up: {iv['upcoming']}")
    st = data["streak"]
    lines.append(f"Streak: {st['days']} day(s) with an outbound touch"
                 + ("" if st["today_counted"] or not st["days"] else " — reach out today to keep it going"))
    return "\n".join(lines)
