"""axe-core (vendored by the web tests under tests/browser/vendor) on a page: serious or critical problems only."""

import json
from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "browser" / "vendor" / "axe-core" / "axe.min.js"


def assert_accessible(page, name: str):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
           for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, f"axe-core on {name}: " + json.dumps(bad, indent=1)
