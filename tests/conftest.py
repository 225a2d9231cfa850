import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# AppTests read each chart's figure from every run's message: send figures in full on every run
# in this process (tests/app/test_chart_resend.py switches it off to test the saving; browser
# tests run the app in servers of its own, which send a figure once).
import ui.charts  # noqa: E402

ui.charts.RESEND = True
