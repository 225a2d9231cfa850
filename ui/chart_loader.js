// What each chart on a page carries: these few lines. They load the chart element's code
// (ui/chart_element.js, ~29 kB) once per browser, from this server's app/static/ (ui/charts.py
// copies it there at start-up), and hand it the chart. Streamlit 1.67 sends a component's code
// inline in every element of every run: the whole element went with each chart of each rerun.

const VERSION = "__VERSION__";  // the element's digest: a new version is a new module URL
let element = null;
let loading = null;

function appRoot() {
  // Streamlit's own bundle is loaded from <root>/static/js/index.*.js: that is where the app is
  // served (also behind a proxy under a path), whatever page URL the browser shows.
  for (const script of document.querySelectorAll("script[src]")) {
    const match = script.src.match(/^(.*\/)static\/js\/index\.[^/]*\.js/);
    if (match) return match[1];
  }
  return new URL("/", document.baseURI).href;
}

function load() {
  if (!loading) {
    loading = import(`${appRoot()}app/static/rnnx_chart_element.js?v=${VERSION}`)
      .then((module) => {
        element = module.default;
      })
      .catch((error) => {
        loading = null;  // a later chart may try again
        throw error;
      });
  }
  return loading;
}

export default function (component) {
  if (element) return element(component);
  let cleanup = null;
  let superseded = false;
  load()
    .then(() => {
      if (!superseded) cleanup = element(component);
    })
    .catch((error) => console.error("chart element:", error));
  return () => {
    superseded = true;  // Streamlit's call for an element that left, or newer data
    if (cleanup) cleanup();
  };
}
