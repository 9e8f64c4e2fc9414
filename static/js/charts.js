/* Progress Journal chart page: draws every <figure data-figure> with plotly.js (loaded just
 * before this script, on chart pages only) in the colours of the light or dark theme, and
 * redraws when the theme changes. The figures are built on the server; each one's summary
 * is in its <figcaption>, so the page still says everything if plotly.js cannot load. */
(function () {
  "use strict";

  var CONFIG = { displayModeBar: false, responsive: true, scrollZoom: false,
                 doubleClick: false, showTips: false, displaylogo: false };
  var AXIS = /^[xy]axis\d*$/;
  var darkScheme = window.matchMedia("(prefers-color-scheme: dark)");

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  // {light colour: colour to show} for each palette colour: `--chart-<name>` where the
  // stylesheet sets one (the dark theme does), else the colour itself.
  function colourMap() {
    var holder = document.querySelector("[data-palette]");
    var palette = holder ? JSON.parse(holder.getAttribute("data-palette")) : {};
    var map = {};
    Object.keys(palette).forEach(function (name) {
      map[palette[name].toLowerCase()] = cssVar("--chart-" + name) || palette[name];
    });
    return map;
  }

  // A copy of a figure's data or layout with each palette colour replaced through the map.
  function recolour(value, map) {
    if (typeof value === "string") {
      return map[value.toLowerCase()] || value;
    }
    if (Array.isArray(value)) {
      return value.map(function (item) { return recolour(item, map); });
    }
    if (value && typeof value === "object") {
      var copy = {};
      Object.keys(value).forEach(function (key) { copy[key] = recolour(value[key], map); });
      return copy;
    }
    return value;
  }

  function withColour(font, colour) {
    var copy = Object.assign({}, font || {});
    copy.color = colour;
    return copy;
  }

  // The figure in the page's current theme: palette colours, text, ticks and grid lines.
  function themed(figure) {
    var map = colourMap();
    var text = cssVar("--text"), muted = cssVar("--muted"), line = cssVar("--line");
    var layout = recolour(figure.layout, map);
    layout.font = withColour(layout.font, text);
    Object.keys(layout).forEach(function (key) {
      if (!AXIS.test(key)) return;
      var axis = layout[key];
      axis.tickfont = withColour(axis.tickfont, muted);
      axis.gridcolor = line;
      axis.linecolor = line;
      axis.tickcolor = line;
    });
    (layout.annotations || []).forEach(function (note) { note.font = withColour(note.font, muted); });
    if (layout.legend) layout.legend.font = withColour(layout.legend.font, text);
    layout.hoverlabel = { bgcolor: cssVar("--surface"), bordercolor: line,
                          font: { color: text } };
    return { data: recolour(figure.data, map), layout: layout };
  }

  // Draws (or, again, redraws in place) one chart: {plot: element, figure: from the server}.
  function draw(chart, again) {
    var figure = themed(chart.figure);
    (again ? Plotly.react : Plotly.newPlot)(chart.plot, figure.data, figure.layout, CONFIG);
  }

  if (!window.Plotly) return;  // the summaries say it all without plots
  var charts = Array.prototype.map.call(document.querySelectorAll("figure[data-figure]"),
    function (node) {
      return { plot: node.querySelector(".chart-plot"),
               figure: JSON.parse(node.getAttribute("data-figure")) };
    });
  charts.forEach(function (chart) { draw(chart, false); });
  darkScheme.addEventListener("change", function () {
    charts.forEach(function (chart) { draw(chart, true); });
  });
})();
