"""The app's views: one line each. A view is listed only once its page file exists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class View:
    page: str  # path relative to the repository root
    key: str  # i18n key prefix: view.<key>, view.<key>.summary
    icon: str  # an emoji: drawn by the browser, nothing fetched (Material icons come from Google)

    @property
    def exists(self) -> bool:
        return (ROOT / self.page).is_file()


VIEWS: tuple[View, ...] = (  # in teaching order: what an RNN is, why it is hard, the fixes
    View("pages/unrolled.py", "unrolled", "🔁"),
    View("pages/loss_surface.py", "loss_surface", "⛰️"),
    View("pages/gradient_decay.py", "gradient_decay", "📉"),
    View("pages/optimizers.py", "optimizers", "🏁"),
    View("pages/gates.py", "gates", "🚪"),
    View("pages/why_gates.py", "why_gates", "🔑"),
    View("pages/text_cells.py", "text_cells", "✍️"),
    View("pages/puzzles.py", "puzzles", "🧩"),
)


def available() -> list[View]:
    return [view for view in VIEWS if view.exists]
