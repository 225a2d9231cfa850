// RNN Explorer's text guard: what a student types or pastes into any text box reaches the server.
//
// Streamlit sends a widget's value as UTF-8. A lone UTF-16 surrogate (half an emoji: a broken
// clipboard, a script, a cut in the middle of a pair) is not valid UTF-8: Streamlit's server then
// refuses the message and closes the connection, and every later click of that tab (which still
// carries the value) closes it again, until a reload. Before Streamlit reads a text box's value
// (this listener runs in the capture phase, ahead of React's), a lone surrogate becomes U+FFFD "�".
//
// Streamlit loads this module once per page and calls the default export on every mount: the
// listener is added once per document.

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(text) {
  return text.replace(LONE, "\uFFFD");
}

function clean(event) {
  const box = event.target;
  if (!(box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement)) return;
  const value = box.value;
  const fixed = wellFormed(value);
  if (fixed === value) return;
  // The prototype's setter, not `box.value =`: React tracks the value set through the element,
  // and would then take the event for no change at all.
  const { start, end } = { start: box.selectionStart, end: box.selectionEnd };
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), "value").set.call(box, fixed);
  if (start !== null && end !== null) box.setSelectionRange(start, end); // one unit for one
}

export default function () {
  if (window.__rnnxTextGuard) return;
  window.__rnnxTextGuard = true;
  document.addEventListener("input", clean, true);
}
