"""The app's views: one line each. A view is listed only once its page file exists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class View:
    page: str  # path relative to the repository root
    key: str  # i18n key prefix: view.<key>, view.<key>.summary
    icon: str

    @property
    def exists(self) -> bool:
        return (ROOT / self.page).is_file()


VIEWS: tuple[View, ...] = (  # in teaching order: what an RNN is, why it is hard, the fixes
    View("pages/unrolled.py", "unrolled", ":material/linear_scale:"),
    View("pages/loss_surface.py", "loss_surface", ":material/landscape:"),
    View("pages/gradient_decay.py", "gradient_decay", ":material/trending_down:"),
    View("pages/optimizers.py", "optimizers", ":material/sports_score:"),
    View("pages/gates.py", "gates", ":material/door_open:"),
)


def available() -> list[View]:
    return [view for view in VIEWS if view.exists]
