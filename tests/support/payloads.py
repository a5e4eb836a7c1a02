"""What a hostile reflection holds: every way we know for words to become script or a
remote request in a reviewer's browser. Each payload that ran would set
`window.rs_pwned`; each remote fetch would go to TEST-NET-3 (203.0.113.0/24, never routed)."""

from __future__ import annotations

REMOTE = "http://203.0.113.7"
PAYLOADS = {
    "javascript link": "[click me](javascript:window.rs_pwned=1)",
    "JAVASCRIPT link": "[CLICK ME](JAVASCRIPT:window.rs_pwned=1)",
    "data link": "[data me](data:text/html;base64,PHNjcmlwdD5wYXJlbnQucnNfcHduZWQ9MTwvc2NyaXB0Pg==)",
    "data image": "![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9InJzX3B3bmVkPTEiLz4=)",
    "remote image": f"![tracker]({REMOTE}/pixel.png)",
    "relative link": "[token page](/hub/token)",
    "script tag": "<script>window.rs_pwned=1</script>",
    "img onerror": '<img src="x" onerror="window.rs_pwned=1">',
    "raw remote img": f'<img src="{REMOTE}/raw.png">',
    "svg handler": '<svg onload="window.rs_pwned=1"><circle r="5"/></svg>',
    "raw javascript anchor": '<a href="javascript:window.rs_pwned=1">raw anchor</a>',
    "iframe": '<iframe src="javascript:parent.rs_pwned=1"></iframe>',
}
HARMLESS_LINK = "[our union](https://example.org/union)"
# One reflection with every payload, each on its own line, and a link that must stay a link.
REFLECTION = "Our shop floor, in our words.\n\n" + "\n\n".join([*PAYLOADS.values(), HARMLESS_LINK]) + "\n"


def unsafe_fragments(html: str) -> list[str]:
    """Markup in `html` that would run or load something (empty when the page is inert)."""
    import re

    lowered = html.lower()
    found = []
    for pattern in (
        r'href\s*=\s*["\']?\s*(?:javascript|data|vbscript):',
        r"<script>window\.rs_pwned",
        r"<img[^>]*203\.0\.113",
        r'<img[^>]*src="data:image/svg',
        r"<img[^>]*onerror",
        r"<svg[^>]*onload",
        r"<iframe",
        r'href="/hub/token"',
    ):
        found += re.findall(pattern, lowered)
    return found
