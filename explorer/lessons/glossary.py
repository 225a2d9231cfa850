"""Which symbols and terms each page uses, defined where a student first meets them.

The definitions are strings (`gl.<term>`, `gl.<term>.def`, explorer/strings/glossary.py); a page
lists its terms here under its settings prefix, and `ui.page` shows them in a "Terms" popover
beside the page's goal. tests/model/test_glossary.py checks that a symbol or word of `NEEDS`
used in a page's strings is in that page's list.
"""

from __future__ import annotations

from explorer.i18n import normalize_lang, t

TERMS: dict[str, tuple[str, ...]] = {  # settings prefix → its terms, in reading order
    "gd": ("xi", "weights", "bptt"),
    "ls": ("xi", "weights", "loss_surface"),
    "opt": ("xi", "loss_surface", "delta0", "mu", "theta"),
    "un": ("rho", "bptt", "theta"),
    "gt": ("gates", "standardised", "epoch"),
    "wg": ("rho", "gates", "held_out", "logit"),
    "tc": ("gates", "nats", "r"),
    "pz": ("gates",),
}

STRINGS_OF: dict[str, tuple[str, ...]] = {  # settings prefix → the string keys its page reads
    "gd": ("gd.", "wd.gd.", "q.gd."),
    "ls": ("ls.", "wd.ls.", "q.ls.", "label."),
    "opt": ("opt.", "q.opt.", "label."),
    "un": ("un.", "wd.un.", "q.un.", "dp.shapes", "dp.flow", "dp.leak", "dp.bidir", "dp.axis"),
    "gt": ("gt.", "q.gt.", "dp.gt."),
    "wg": ("wg.",),
    "tc": ("tc.", "cm."),
    "pz": ("pz.", "q.pz."),
}

NEEDS: dict[str, str] = {  # a symbol or word in a page's strings → the term that defines it
    "ξ": "xi",
    "θ": "theta",
    "Δ₀": "delta0",
    "μ": "mu",
    "ρ": "rho",
    "nats": "nats",
    "logit": "logit",
    "held-out": "held_out",
    "standardised": "standardised",
}


def terms(prefix: str) -> tuple[str, ...]:
    """The terms of the page whose settings have this prefix (none: an empty tuple)."""
    return TERMS.get(prefix, ())


def entries(prefix: str, lang: str) -> list[tuple[str, str]]:
    """(name, definition) of each of the page's terms, in `lang`."""
    return [(t(f"gl.{term}", lang), t(f"gl.{term}.def", lang)) for term in terms(prefix)]


def markdown(prefix: str, lang: str) -> str:
    """The page's terms as a markdown list: **name**: definition."""
    colon = "：" if normalize_lang(lang) == "zh" else ": "
    return "\n".join(f"- **{name}**{colon}{text}" for name, text in entries(prefix, lang))
