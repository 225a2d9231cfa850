"""A shared figure is a few objects for Python's garbage collector (issue 26, the soak).

The app keeps its figures in shared caches (`ui.figure`: up to 64 race maps, 32 of most other
figures). Every full collection of the server walks each container object they hold; a race
map kept as its spec's dicts and lists is ~3,300 of them, so the soak's longest GC pause grew
from 164 to 541 ms of collector CPU in 6 minutes as the caches filled. Kept as its JSON bytes,
a frozen figure is one object for the collector: not a `go.Figure`, whose empty shell alone is
181 (121 lists, its Layout and validators; 2026-12-07, a soak's caches held ~180 figures: 33,000
of the ~72,000 objects each full collection walked).
"""

import gc
import json

from explorer.figures import serialise
from explorer.optim import race
from explorer.views import optimizers as vm

HYPER = dict(eta_plus=1.2, eta_minus=0.5, delta0=1e-3, lr_sgd=1e-6, lr_momentum=1e-6)
HYPER |= dict(momentum=0.9, lr_clip=0.01, clip=1.0, lr_clip_value=0.01, lr_adam=0.05)


def _containers(spec) -> int:
    count, stack = 0, [spec]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            count += 1
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            count += 1
            stack.extend(item)
    return count


def test_a_kept_race_map_is_one_object_for_the_collectors_walk():
    args = vm.race_args(race.RUNS, (0.5, -1.0), 500, HYPER)
    text = json.dumps(serialise.freeze(vm.race_figure(args, "en", 500, None)).to_dict())
    per_spec = _containers(json.loads(text))
    assert per_spec > 3000  # the race map: five races' paths, frames and sliders
    gc.collect()
    before = len(gc.get_objects())
    kept = [serialise.FrozenFigure(json.loads(text)) for _ in range(10)]  # as a cache holds them
    gc.collect()
    per_figure = (len(gc.get_objects()) - before - 1) / len(kept)  # - 1: the list `kept`
    # a figure kept as its spec: ~3,300; as a go.Figure holding its bytes: 181
    assert per_figure <= 1, (per_figure, per_spec)
    assert kept[0].to_dict() == json.loads(text)  # the same figure comes out
