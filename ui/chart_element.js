// RNN Explorer's chart element: one Plotly chart kept for the life of the element and updated in
// place with Plotly.react (no remount, no blank frame; zoom, 3-D camera and legend choices kept by
// layout.uirevision), which sends back what the user did with it: an in-chart slider released
// (or moved by its ▶ ❚❚ ⏮ ⏭, once they stop), a click on a point or heatmap cell, a zoom, a
// box/lasso selection.
//
// The browser loads this module once, from app/static/ (ui/chart_loader.js, what each chart
// carries, imports it), and the default export is called on mount and again on every data
// change, with the same parentElement: it must be idempotent. plotly.js is loaded once, from
// beside this module on this app's own server (app/static/plotly.min.js).
//
// The data is bytes: one line of JSON (the header: key, rev, config, events, ...), a newline,
// then the figure's JSON. The figure is parsed only when its rev differs from the one drawn.
// A header with body: false comes without the figure (the server sent it to this browser
// before); if it is not the one drawn here, the element asks for it ("missing").

const PLOTLY_URL = new URL("plotly.min.js", import.meta.url).href;  // beside this module
const decoder = new TextDecoder();
let plotlyLoading = null;

function loadPlotly() {
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = PLOTLY_URL;
      script.async = true;
      script.onload = () => {
        const Plotly = window.Plotly;
        if (Plotly && Plotly.react) resolve(Plotly);
        else reject(new Error("plotly.js did not define window.Plotly"));
      };
      script.onerror = () => {
        plotlyLoading = null;  // a later message may try again
        reject(new Error(`plotly.js not found at ${script.src}`));
      };
      document.head.appendChild(script);
    });
  }
  return plotlyLoading;
}

function decode(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const cut = view.indexOf(10);  // "\n": the header's end
  const header = JSON.parse(decoder.decode(view.subarray(0, cut)));
  return { header, body: view.subarray(cut + 1) };
}

const ZOOM_KEY = /^(x|y)axis\d*\.(range|autorange)|^scene\d*\.camera|^(geo|polar|ternary)\d*\./;

function zoomOf(gd) {
  const full = gd._fullLayout || {};
  const out = {};
  for (const name of Object.keys(full)) {
    if (/^(x|y)axis\d*$/.test(name) && full[name] && full[name].range) {
      out[name] = full[name].range.slice();
    } else if (/^scene\d*$/.test(name) && full[name] && full[name].camera) {
      out[name] = { camera: JSON.parse(JSON.stringify(full[name].camera)) };
    }
  }
  return out;
}

function keepLiveCamera(gd) {
  // A 3-D scene reports its camera when the drag ends (the user's edit that uirevision keeps),
  // but the view it shows eases on for some frames towards where the pointer left it. Before a
  // redraw, the camera on screen becomes the kept one: else the redraw jumps back to the report.
  const full = gd._fullLayout || {};
  for (const name of Object.keys(full)) {
    const scene = /^scene\d*$/.test(name) && full[name] && full[name]._scene;
    const turned = full._preGUI && `${name}.camera` in full._preGUI;  // by the user, once
    if (scene && turned && typeof scene.saveLayout === "function") {
      scene.saveLayout(gd.layout);
    }
  }
}

function pointOf(p) {
  const out = {
    curve: p.curveNumber,
    point: p.pointNumber,  // [row, col] for a heatmap cell
    index: p.pointIndex !== undefined ? p.pointIndex : p.pointNumber,
    x: p.x,
    y: p.y,
  };
  if (p.z !== undefined) out.z = p.z;
  if (p.customdata !== undefined) out.customdata = p.customdata;
  if (p.text !== undefined) out.text = p.text;
  if (p.data && p.data.name !== undefined) out.name = p.data.name;
  return JSON.parse(JSON.stringify(out));  // typed-array values become plain numbers/lists
}

function selectionOf(event) {
  // The shape st.plotly_chart gives a page: {points, point_indices, box, lasso}.
  const selection = { points: [], point_indices: [], box: [], lasso: [] };
  if (!event) return selection;
  const indices = new Set();
  for (const p of event.points || []) {
    const point = pointOf(p);
    selection.points.push({
      ...point,
      curve_number: p.curveNumber,
      point_number: p.pointNumber,
      point_index: point.index,
      legendgroup: p.data && p.data.legendgroup ? p.data.legendgroup : undefined,
    });
    if (point.index !== undefined) indices.add(point.index);
  }
  selection.point_indices = [...indices];
  for (const s of event.selections || []) {
    if (s.type === "rect") {
      selection.box.push({ xref: s.xref, yref: s.yref, x: [s.x0, s.x1], y: [s.y0, s.y1] });
    } else if (s.type === "path" && s.path) {
      const xy = s.path.replace("M", "").replace("Z", "").split("L").map((v) => v.split(",").map(Number));
      selection.lasso.push({ xref: s.xref, yref: s.yref, x: xy.map((v) => v[0]), y: xy.map((v) => v[1]) });
    }
  }
  return JSON.parse(JSON.stringify(selection));
}

// A Plotly animation interrupted by another (❚❚, ⏮, ⏭ or a slider step pressed while ▶ plays)
// rejects its promise with no reason, and the button that started it does not catch it: the
// browser reports an uncaught "undefined". Swallow exactly those: a rejection with no reason
// within a second of a chart's animation being interrupted.
let lastInterrupt = -Infinity;
let interruptsQuieted = false;

function quietInterruptedAnimations(gd) {
  gd.on("plotly_animationinterrupted", () => { lastInterrupt = Date.now(); });
  if (interruptsQuieted) return;
  interruptsQuieted = true;
  window.addEventListener("unhandledrejection", (event) => {
    if (event.reason === undefined && Date.now() - lastInterrupt < 1000) event.preventDefault();
  });
}

// The hand's moves of a chart's sliders that the server has not answered yet. Every move (a key
// press, a drag passing a step) takes the next number of the chart's `seq`; a release sends it,
// and the server puts the number of the last release it took in each header (`ack`). A figure
// whose `ack` is older than a move was built before the server knew of that move: drawn, it
// keeps the slider where the hand left it (and shows that step), so no press is undone by the
// answer to an earlier one. Any other figure's slider shows the page's value: typed, checked,
// reset, from a link.
function moved(chart, slider, active) {
  chart.moves[slider] = { active, seq: ++chart.seq };
  chart.box.dataset.moving = "1";
}

function settle(chart, ack) {
  for (const [slider, move] of Object.entries(chart.moves)) {
    if (ack !== null && ack !== undefined && ack >= move.seq) delete chart.moves[slider];
  }
  if (!Object.keys(chart.moves).length) delete chart.box.dataset.moving;
}

// One move at a time to the server. Two rerun requests that reach Streamlit before the first
// run starts are folded into one, and the newer trigger of this element replaces the older (a
// click then a slider release 30 ms later: two messages sent, one run, the click lost); a request
// sent before the answer to the previous one arrived also carries the page's inputs as they were
// before that answer, and they undo what it set (the start a click set went back). So a move
// waits until the server has answered the one before (its `ack` in a header), or WAIT_MS.
const WAIT_MS = 8000;

function send(chart, kind, payload) {
  chart.queue = (chart.queue || []).filter((item) => item.kind !== kind);  // the latest of a kind
  chart.queue.push({ kind, payload });
  flush(chart);
}

function flush(chart, ack) {
  const waiting = chart.waiting;
  if (waiting && ((ack !== null && ack !== undefined && ack >= waiting.seq)
                  || Date.now() - waiting.at > WAIT_MS)) {
    chart.waiting = null;
  }
  if (chart.waiting || !chart.queue || !chart.queue.length) return;
  const { kind, payload } = chart.queue.shift();
  chart.waiting = { seq: payload.seq, at: Date.now() };
  chart.api.setTriggerValue(kind, payload);
  clearTimeout(chart.waitTimer);
  chart.waitTimer = setTimeout(() => flush(chart), WAIT_MS + 10);  // no answer: send on
}

function stepValue(step) {
  // A step's number: its `value` (Plotly keeps it as text; it defaults to the label), or null.
  const value = step.value === undefined || step.value === null || step.value === ""
    ? NaN : Number(step.value);
  return Number.isFinite(value) ? value : null;
}

function released(chart, slider, active, step) {
  // A slider let go on `active` (by the mouse or the keyboard): tell the page, once per place,
  // with the step's number (`value`; its label is only shown).
  if (!chart.header.events.includes("slider") || !step) {
    delete chart.moves[slider];
    settle(chart, null);
    return;
  }
  if (chart.sliderActive[slider] === active) {  // back where the server has it: nothing to send
    delete chart.moves[slider];
    settle(chart, null);
    return;
  }
  const move = chart.moves[slider] || { active, seq: ++chart.seq };
  chart.moves[slider] = { active, seq: move.seq };
  send(chart, "slider", {
    slider, index: active, label: step.label, seq: move.seq, value: stepValue(step),
  });
}

function stepOfFrame(gd, name) {
  // The step of the first slider that shows the frame `name`, or -1.
  const slider = (gd._fullLayout.sliders || [])[0];
  return !slider || !slider.steps ? -1 : slider.steps.findIndex((s) => s.method === "animate"
    && s.args && Array.isArray(s.args[0]) && String(s.args[0][0]) === name);
}

// Plotly.react while ▶ plays orphans the running animation: its frames go on, and neither ❚❚
// nor another animation can stop them any more (the answer to a move sent before ▶, arriving
// mid-play on a loaded server, left the race playing after ❚❚). A figure that arrives while an
// animation runs is drawn once it stops (the latest one only).
function playing(gd) {
  return !!(gd._transitionData && gd._transitionData._animationRaf);
}

function stopped(gd) {
  return new Promise((resolve) => {
    const check = () => (playing(gd) ? setTimeout(check, 50) : resolve());
    check();
  });
}

function showStep(chart, slider, active) {
  // Show the step `active` of a slider as its own press would (the frame it animates to, the
  // relayout it makes), and put its handle there.
  const { gd, Plotly } = chart;
  const step = ((gd._fullLayout.sliders || [])[slider] || { steps: [] }).steps[active];
  if (!step) return;
  if (typeof Plotly[step.method] === "function") {  // "animate" (our frames), "restyle", ...
    Promise.resolve(Plotly[step.method](gd, ...(step.args || []))).catch(() => {});  // interrupted
  }
  Plotly.relayout(gd, { [`sliders[${slider}].active`]: active });  // redraws the slider only
}

// A click that picks a point the page will draw a marker at (e.g. the race's start), when the
// header says which trace is that marker (`mark`: its meta, the grid it snaps to, its bounds):
// the marker moves at the click, before the server answers; the server's figure then agrees
// (or, if the page put it elsewhere, moves it there).
function snapped(mark, value) {
  const v = Math.round(Math.round(value / mark.step) * mark.step * 100) / 100;
  return Math.min(mark.hi, Math.max(mark.lo, v));
}

function pointerAt(gd, mouse) {
  // The pointer, in the axes' units as they are now.
  const full = gd._fullLayout || {};
  const area = gd.querySelector(".nsewdrag");
  if (!mouse || !full.xaxis || !full.yaxis || !area || typeof full.xaxis.p2d !== "function") return null;
  const box = area.getBoundingClientRect();
  const x = full.xaxis.p2d(mouse.clientX - box.left);
  const y = full.yaxis.p2d(mouse.clientY - box.top);
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

function clickedAt(chart, event) {
  // Where the pointer was when the button went down, in the axes' units then. Plotly's click
  // names the point closest to it within 20 px: beside the start marker or a path that was the
  // marker or the path's point, not the cell clicked. And the axes can move between the press
  // and the click event: a second click within Plotly's doubleClickDelay is a double-click,
  // whose reset redraws the axes first (the start then landed a cell or two off).
  const mouse = event && event.event;
  const down = chart.pressed;
  if (mouse && down && down.x === mouse.clientX && down.y === mouse.clientY) return down.at;
  return pointerAt(chart.gd, mouse);
}

function drawMark(chart, at) {
  const mark = chart.header.mark;
  const index = mark ? chart.gd.data.findIndex((trace) => trace.meta === mark.meta) : -1;
  if (index < 0 || !at) return;
  chart.Plotly.restyle(chart.gd, { x: [[at[0]]], y: [[at[1]]] }, [index]);
}

function markOf(chart, data) {
  // where the server's figure has the marker
  const mark = chart.header.mark;
  const trace = mark && (data || []).find((t) => t.meta === mark.meta);
  return trace && trace.x && trace.y ? [Number(trace.x[0]), Number(trace.y[0])] : null;
}

// ← / → step the in-chart slider of the chart most in view (its first slider), as a teacher at
// the front would drag it: each press shows the next frame at once, and a pause of KEY_SETTLE ms
// (or letting the key go) releases it, so the page's text follows like after a drag.
const KEY_SETTLE = 350;
let keysBound = false;

function chartInView() {
  let best = null;
  let bestSeen = 0;
  for (const gd of document.querySelectorAll(".rnnx-chart-plot")) {
    const chart = gd.__rnnx;
    const sliders = (gd._fullLayout && gd._fullLayout.sliders) || [];
    if (!chart || !gd.isConnected || !sliders.length || !sliders[0].steps.length) continue;
    const box = gd.getBoundingClientRect();
    const seen = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
    if (seen > bestSeen) { best = chart; bestSeen = seen; }
  }
  return best;
}

function typing(target) {
  if (!target || !target.closest) return false;
  return !!target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'],"
                          + " [role='slider'], [role='combobox'], [role='listbox'], [role='radiogroup']");
}

function stepSlider(chart, delta) {
  // From where the hand left the slider (Plotly's own copy lags while a frame is being drawn).
  const slider = chart.gd._fullLayout.sliders[0];
  const from = chart.moves[0] ? chart.moves[0].active : slider.active || 0;
  const active = Math.max(0, Math.min(slider.steps.length - 1, from + delta));
  if (active === from) return;
  moved(chart, 0, active);
  showStep(chart, 0, active);
  clearTimeout(chart.keyTimer);
  chart.keyTimer = setTimeout(() => released(chart, 0, active, slider.steps[active]), KEY_SETTLE);
}

function bindKeys() {
  if (keysBound) return;
  keysBound = true;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const chart = chartInView();
    if (!chart || !chart.Plotly) return;
    event.preventDefault();
    stepSlider(chart, event.key === "ArrowRight" ? 1 : -1);
  });
}

function bind(gd, chart) {
  quietInterruptedAnimations(gd);
  bindKeys();
  const wants = (name) => chart.header.events.includes(name);
  gd.addEventListener("mousedown", (mouse) => {  // before Plotly's own handler: axes as drawn
    chart.pressed = { x: mouse.clientX, y: mouse.clientY, at: pointerAt(gd, mouse) };
  }, true);
  // the event's slider is plotly's own copy (not in _fullLayout.sliders): its _index says which
  const indexOf = (slider) => {
    const index = Number.isInteger(slider._index)
      ? slider._index : (gd._fullLayout.sliders || []).indexOf(slider);
    return index < 0 ? 0 : index;
  };
  gd.on("plotly_sliderchange", (event) => {  // a drag passing a step (not our own redraws)
    if (event && event.interaction && event.slider) moved(chart, indexOf(event.slider), event.slider.active);
  });
  gd.on("plotly_sliderend", (event) => {
    if (!event || !event.step) return;
    released(chart, indexOf(event.slider), event.slider.active, event.step);
  });
  // ▶ ❚❚ ⏮ ⏭ move the first slider without a drag: once the animation a button started stops
  // (at its last frame, or where ❚❚ stopped it), tell the page the step shown, as a release.
  let played = false;
  let waiting = null;
  const reportPlayed = () => {  // once nothing has moved for a moment: an event can come mid-play
    clearTimeout(waiting);
    waiting = setTimeout(reportStopped, 250);
  };
  const reportStopped = () => {
    if (playing(gd)) return;  // still playing
    played = false;
    const slider = (gd._fullLayout.sliders || [])[0];
    if (!slider || !slider.steps) return;
    // The frame shown, not the slider's `active` (an animation does not always move it first).
    const at = stepOfFrame(gd, chart.shownFrame);
    const active = at >= 0 ? at : slider.active;
    released(chart, 0, active, slider.steps[active]);
  };
  gd.on("plotly_buttonclicked", () => {
    // A button moves the slider as a hand would: a move of its own (a new seq), so the answer
    // to an earlier move (drawn once the play stops) keeps the frame the buttons left shown.
    const slider = (gd._fullLayout.sliders || [])[0];
    if (slider) moved(chart, 0, chart.moves[0] ? chart.moves[0].active : slider.active || 0);
    played = true;
    if (!playing(gd)) reportPlayed();  // none runs
  });
  gd.on("plotly_animated", () => { if (played) reportPlayed(); });
  // The frame shown: Plotly names it in this event as it draws it (public; no private state read).
  gd.on("plotly_animatingframe", (event) => {
    if (event && event.name !== undefined && event.name !== null) chart.shownFrame = String(event.name);
    const at = stepOfFrame(gd, chart.shownFrame);
    if (played && chart.moves[0] && at >= 0) chart.moves[0].active = at;  // where ▶ has it now
  });
  gd.on("plotly_sliderstart", () => { played = false; });  // a drag reports on its own
  gd.on("plotly_click", (event) => {
    if (!wants("click") || !event || !event.points || !event.points.length) return;
    const point = pointOf(event.points[0]);
    const mark = chart.header.mark;
    const where = mark && (clickedAt(chart, event) || [point.x, point.y]);
    if (mark && typeof where[0] === "number" && typeof where[1] === "number") {
      const at = [snapped(mark, where[0]), snapped(mark, where[1])];
      [point.x, point.y] = at;  // the cell under the pointer
      chart.moves.mark = { at, seq: ++chart.seq };
      chart.box.dataset.moving = "1";
      drawMark(chart, at);
      point.seq = chart.moves.mark.seq;
    } else {
      point.seq = ++chart.seq;
    }
    send(chart, "click", point);
  });
  gd.on("plotly_relayout", (update) => {
    if (!wants("zoom") || !update || !Object.keys(update).some((k) => ZOOM_KEY.test(k))) return;
    chart.api.setStateValue("zoom", zoomOf(gd));
  });
  const select = (event) => {
    if (!chart.header.select.length) return;
    chart.api.setStateValue("selection", selectionOf(event));
  };
  gd.on("plotly_selected", select);
  gd.on("plotly_deselect", () => select(null));
}

// Presenter mode (header.scale > 1): every font, marker, line and margin of the figure, its
// frames and its sliders grows by `scale`, and the chart's height by `header.tall`, in the
// browser, so the cached figure (shared by every session) is never rebuilt for a projector.
const FONT_DEFAULT = 12;  // plotly's layout.font.size when a figure sets none
const SCALED = new Set(["size", "width", "l", "r", "t", "b", "pad", "ticklen", "borderwidth"]);

function scaleSizes(node, scale, key) {
  // font sizes anywhere; marker sizes and line widths of traces; margins, paddings
  if (Array.isArray(node)) return node.map((v) => scaleSizes(v, scale, key));
  if (node === null || typeof node !== "object") {
    return typeof node === "number" && SCALED.has(key) ? node * scale : node;
  }
  const out = {};
  for (const [name, value] of Object.entries(node)) {
    if (name === "x" || name === "y" || name === "z" || name === "customdata" || name === "text"
        || name === "args" || name === "range" || name === "domain") {
      out[name] = value;  // data and positions, never sizes
    } else if (name === "width" && key !== "line" && key !== "marker") {
      out[name] = value;  // a figure's or a bar's width stays
    } else if (name === "size" && key !== "font" && key !== "textfont" && key !== "marker"
               && key !== "tickfont" && key !== "currentvalue") {
      out[name] = value;  // e.g. a contour's or histogram's bin size
    } else {
      out[name] = scaleSizes(value, scale, name);
    }
  }
  return out;
}

function scaledFigure(fig, scale, tall) {
  if (!(scale > 1)) return fig;
  const layout = scaleSizes(fig.layout || {}, scale, "layout");
  layout.font = { ...(layout.font || {}) };
  if (layout.font.size === undefined) layout.font.size = FONT_DEFAULT * scale;
  if (layout.height) layout.height = Math.round(fig.layout.height * (tall || 1));
  for (const slider of layout.sliders || []) {
    slider.font = { ...(slider.font || {}) };
    if (slider.font.size === undefined) slider.font.size = FONT_DEFAULT * scale;
  }
  const data = (fig.data || []).map((trace) => scaleSizes(trace, scale, "trace"));
  const frames = (fig.frames || []).map((frame) => ({
    ...frame,
    data: (frame.data || []).map((trace) => scaleSizes(trace, scale, "trace")),
    layout: frame.layout ? scaleSizes(frame.layout, scale, "layout") : frame.layout,
  }));
  return { ...fig, layout, data, frames };
}

function layoutFor(header, layout) {
  layout.uirevision = layout.uirevision === undefined ? header.key : layout.uirevision;
  layout.datarevision = header.rev;  // arrays are compared by revision, not one by one
  // Plotly's toolbar stands upright in a strip of its own at the chart's right edge (the frame's
  // CSS, ui/present.py): never on the title, and the chart starts no lower
  layout.modebar = { ...(layout.modebar || {}), orientation: "v" };
  const modes = header.select;
  if (modes.length) {  // what st.plotly_chart does when a page listens to selections
    layout.clickmode = modes.includes("points") ? "event+select" : layout.clickmode || "event";
    if (layout.dragmode === undefined) {
      layout.dragmode = modes.includes("box") ? "select" : modes.includes("lasso") ? "lasso" : "zoom";
    }
  }
  return layout;
}

function resumeFromShownStep(chart, layout) {
  // A figure drawn at a step of its first slider (e.g. the race at the iteration the page has)
  // shows that step's frame, but Plotly only learns which frame is shown from an animation: a ▶
  // with `fromcurrent` would replay from the first frame. Animate to it (it is what is drawn).
  const slider = (layout.sliders || [])[0];
  if (!slider || !(layout.updatemenus || []).length) return;  // no ▶ to resume
  const step = (slider.steps || [])[slider.active || 0];
  if (step && step.method === "animate") {
    const names = (step.args || [])[0];
    if (Array.isArray(names) && names.length === 1) chart.shownFrame = String(names[0]);
    Promise.resolve(chart.Plotly.animate(chart.gd, ...(step.args || []))).catch(() => {});
  }
}

async function drawLatest(chart, Plotly) {
  // Draws what arrived last; messages that arrive while Plotly draws are coalesced.
  while (chart.pending) {
    if (playing(chart.gd)) {
      await stopped(chart.gd);
      continue;
    }
    const { header, body } = chart.pending;
    chart.pending = null;
    chart.header = header;
    flush(chart, header.ack);  // the server took the move it waited for: the next may go
    const scale = header.scale || 1;
    if (header.rev === chart.rev && scale === chart.scale) {  // the figure drawn: the page
      for (const [i, move] of Object.entries(chart.moves)) {  // took a move and kept its value?
        const page = chart.sliderActive[i];
        if (header.ack >= move.seq && page !== undefined && page !== move.active) {
          showStep(chart, Number(i), page);
        }
      }
      const mark = chart.moves.mark;
      if (mark && header.ack >= mark.seq && chart.markAt && String(mark.at) !== String(chart.markAt)) {
        drawMark(chart, chart.markAt);  // the page kept its start: the marker goes back to it
      }
      settle(chart, header.ack);
      continue;
    }
    if (header.body === false) {
      // The server sent only the header: it believes this figure is drawn here. It is not
      // (this element was mounted afresh): ask once for it, and keep what is drawn until then.
      if (chart.asked !== header.rev) {
        chart.asked = header.rev;
        chart.api.setTriggerValue("missing", header.rev);
      }
      continue;
    }
    const fig = scaledFigure(JSON.parse(decoder.decode(body)), scale, header.tall);
    const layout = layoutFor(header, fig.layout || {});
    const sliders = layout.sliders || [];
    chart.sliderActive = sliders.map((s) => s.active || 0);  // the page's values
    settle(chart, header.ack);
    const kept = Object.entries(chart.moves).filter(([i, move]) => sliders[i]
      && move.active < (sliders[i].steps || []).length && move.active !== (sliders[i].active || 0));
    for (const [i, move] of kept) sliders[i].active = move.active;  // where the hand has it
    keepLiveCamera(chart.gd);
    await Plotly.react(chart.gd, {
      data: fig.data || [],
      layout,
      frames: fig.frames || [],
      config: header.config,
    });
    chart.rev = header.rev;
    chart.scale = scale;
    if (layout.height) chart.gd.parentElement.style.minHeight = `${layout.height}px`;  // this size
    for (const [i, move] of kept) showStep(chart, Number(i), move.active);  // its frame
    chart.markAt = markOf(chart, fig.data);
    if (chart.moves.mark) drawMark(chart, chart.moves.mark.at);  // a click not answered yet
    if (!kept.length) resumeFromShownStep(chart, layout);
    if (!chart.bound) {
      bind(chart.gd, chart);
      chart.bound = true;
    }
  }
}

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  // The box comes with the element's HTML (there from the mount, so a page waiting for its
  // charts sees one before plotly.js has loaded); made here if it is missing.
  let box = parentElement.querySelector(".rnnx-chart");
  if (!box) {
    box = document.createElement("div");
    box.className = "rnnx-chart";
    const gd = document.createElement("div");
    gd.className = "rnnx-chart-plot";
    box.appendChild(gd);
    parentElement.appendChild(box);
  }
  const gd = box.firstElementChild;
  let chart = gd.__rnnx;
  if (!chart) {
    // seq starts at this mount's time: the server's ack of an earlier mount's moves is older
    chart = { gd, box, rev: null, pending: null, busy: false, bound: false, sliderActive: [],
              moves: {}, seq: Date.now() * 1000 };
    gd.__rnnx = chart;
    let width = null;  // only a new width is a resize (the chart sets its own height)
    new ResizeObserver((entries) => {
      const now = Math.round(entries[entries.length - 1].contentRect.width);
      if (now === width) return;
      width = now;
      if (chart.Plotly && chart.rev !== null && box.isConnected) chart.Plotly.Plots.resize(gd);
    }).observe(box);
  }
  chart.api = { setStateValue, setTriggerValue };
  if (data) {
    const message = decode(data);
    chart.header = chart.header || message.header;
    if (chart.rev === null && message.header.height) {
      box.style.minHeight = `${Math.round(message.header.height * (message.header.tall || 1))}px`;
    }
    chart.pending = message;
    box.dataset.pending = "1";  // until the latest figure is drawn (tests wait on it)
    if (!chart.busy) {
      chart.busy = true;
      loadPlotly()
        .then((Plotly) => {
          chart.Plotly = Plotly;
          return drawLatest(chart, Plotly);
        })
        .catch((error) => console.error("chart element:", error))
        .finally(() => {
          chart.busy = false;
          delete box.dataset.pending;
        });
    }
  }
  // Streamlit calls the last returned function when the element goes away (and at once for a
  // superseded call): purge only a chart that has really left the page.
  return () => {
    setTimeout(() => {
      if (!box.isConnected && chart.Plotly) chart.Plotly.purge(gd);
    }, 0);
  };
}
