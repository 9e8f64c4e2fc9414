/* Progress Journal chart page: draws each <figure data-figure> with plotly.js in the colours
 * of the light or dark theme as it comes into view, and redraws the drawn ones when the theme
 * changes. plotly.js (the vendored cartesian bundle, named by the page's data-plotly) is
 * loaded only once a chart is about to show, as an async script, so it never holds up the
 * first paint; the charts are drawn one per task, so none keeps the page from answering.
 * The figures are built on the server; each one's summary is in its <figcaption>, so the
 * page still says everything without JavaScript or if plotly.js cannot load. */
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

  // -- margins that fit from the start -------------------------------------------------
  // plotly grows a chart's margins to fit its tick labels and legend by drawing it, measuring
  // and drawing it again: two or three times the work of drawing it once. Given margins that
  // already fit, it draws once. They follow plotly.js 4's own sizes: y tick labels measured
  // in the page's font, x tick labels 1.3 lines of their font size below the ticks, legend
  // rows of 19 px laid out as plotly lays them out (all entries as wide as the widest once
  // they do not fit on one row). The y axes' automargin is then off; the x axis keeps it
  // where a legend shares the bottom margin, so a legend that needs more room than measured
  // still gets it (drawn twice, as before). bench/charts.py checks the fit.
  var measure = document.createElement("canvas").getContext("2d");
  var ENTRY = 40, GAP = 5, ROW = 19, LEGEND_PAD = 10, LEGEND_TITLE = 17;
  var LABEL_PAD = { category: 3, linear: 8 };  // between y tick labels and the plot

  function textWidth(text, size, family) {
    measure.font = size + "px " + family;
    return measure.measureText(String(text)).width;
  }

  // The labels plotly will show on a y axis: categories, or tick0 + n dtick within the range.
  function tickLabels(axis, values) {
    if (axis.type === "category") return values || null;
    if (!axis.range || !(axis.dtick > 0)) return null;
    var labels = [];
    for (var value = axis.tick0 || 0; value <= axis.range[1]; value += axis.dtick) {
      if (value >= axis.range[0]) labels.push(value);
    }
    return labels;
  }

  // The room the y tick labels take left of the plot, or null for axes it cannot read.
  function yLabelRoom(layout, data, family, fontSize) {
    var widest = 0, pad = 0;
    var keys = Object.keys(layout).filter(function (key) { return /^yaxis\d*$/.test(key); });
    for (var i = 0; i < keys.length; i++) {
      var axis = layout[keys[i]], id = "y" + keys[i].slice(5);
      var trace = data.filter(function (t) { return (t.yaxis || "y") === id; })[0];
      var labels = tickLabels(axis, trace && trace.y);
      if (!labels) return null;
      var size = (axis.tickfont && axis.tickfont.size) || fontSize;
      labels.forEach(function (label) {
        widest = Math.max(widest, textWidth(label, size, family));
      });
      pad = Math.max(pad, LABEL_PAD[axis.type === "category" ? "category" : "linear"]);
    }
    return keys.length ? Math.ceil(widest) + pad : null;
  }

  function legendRows(widths, room) {
    var total = widths.reduce(function (sum, width) { return sum + width; }, 0);
    var widest = Math.max.apply(null, widths);
    var oneRow = total + (widths.length - 1) * GAP < room;
    var rows = 1, x = 0;
    widths.forEach(function (width) {
      var step = (oneRow ? width : widest) + GAP;
      if (x > 0 && x + step - GAP >= room) { rows += 1; x = 0; }
      x += step;
    });
    return rows;
  }

  // The legend's height below the x tick labels (0 without a legend), in `room` px across.
  function legendHeight(layout, data, family, fontSize, room) {
    var legend = layout.legend;
    var entries = data.filter(function (t) { return t.showlegend !== false && t.name; });
    if (!layout.showlegend || !legend || !entries.length) return 0;
    var size = (legend.font && legend.font.size) || fontSize;
    var widths = entries.map(function (t) { return ENTRY + textWidth(t.name, size, family); });
    return LEGEND_PAD + ROW * legendRows(widths, Math.max(room, 2 * ENTRY)) +
      (legend.title && legend.title.text ? LEGEND_TITLE : 0);
  }

  // Sets layout.margin to what fits a plot `width` px wide, in place; leaves a layout it
  // cannot read to plotly's automargin.
  function fitMargins(layout, data, width) {
    var font = layout.font || {}, x = layout.xaxis;
    var family = font.family || "sans-serif", fontSize = font.size || 12;
    var left = yLabelRoom(layout, data, family, fontSize);
    if (left === null || !x || !x.ticktext || layout.xaxis2) return;
    var lines = Math.max.apply(null, x.ticktext.map(function (text) {
      return String(text).split("<br>").length;
    }).concat([1]));
    var margin = Object.assign({}, layout.margin);
    margin.l += left;
    margin.b += Math.ceil((x.ticklen || 0) + 3 +
                         lines * 1.3 * ((x.tickfont && x.tickfont.size) || fontSize));
    var legend = legendHeight(layout, data, family, fontSize, width - margin.l - margin.r);
    margin.b += legend;
    layout.margin = margin;
    Object.keys(layout).forEach(function (key) {
      if (/^yaxis\d*$/.test(key)) layout[key].automargin = false;
    });
    x.automargin = legend > 0;
  }

  // Draws (or, again, redraws in place) one chart: {node, plot, figure (parsed on first use)}.
  function draw(chart, again) {
    if (!chart.figure) chart.figure = JSON.parse(chart.node.getAttribute("data-figure"));
    var figure = themed(chart.figure);
    fitMargins(figure.layout, figure.data, chart.plot.clientWidth);
    (again ? Plotly.react : Plotly.newPlot)(chart.plot, figure.data, figure.layout, CONFIG);
  }

  var holder = document.querySelector("[data-plotly]");
  var charts = Array.prototype.map.call(document.querySelectorAll("figure[data-figure]"),
    function (node) { return { node: node, plot: node.querySelector(".chart-plot") }; });
  if (!holder || !charts.length) return;
  // Each plot keeps its height from the start, so drawing it moves nothing on the page.
  charts.forEach(function (chart) {
    var height = chart.node.getAttribute("data-height");
    if (height) chart.plot.style.minHeight = height + "px";
  });

  var waiting = [];      // charts in view (or nearly), not drawn yet, in page order
  var drawn = [];
  var plotly = "idle";   // idle, loading, ready or failed
  var drawScheduled = false;

  // One chart per task: the next one waits for the page to have painted and answered (and
  // is drawn even if this one failed).
  function drawNext() {
    drawScheduled = false;
    if (plotly !== "ready" || !waiting.length) return;
    var chart = waiting.shift();
    drawn.push(chart);
    try {
      draw(chart, false);
    } finally {
      scheduleDraw();
    }
  }

  function scheduleDraw() {
    if (drawScheduled || plotly !== "ready" || !waiting.length) return;
    drawScheduled = true;
    setTimeout(drawNext, 0);
  }

  function loadPlotly() {
    if (plotly !== "idle") return;
    plotly = "loading";
    var script = document.createElement("script");
    script.src = holder.getAttribute("data-plotly");
    script.async = true;
    script.onload = function () {
      plotly = window.Plotly ? "ready" : "failed";
      scheduleDraw();
    };
    script.onerror = function () { plotly = "failed"; };  // the summaries say it all
    document.head.appendChild(script);
  }

  function wanted(chart) {
    if (waiting.indexOf(chart) >= 0 || drawn.indexOf(chart) >= 0) return;
    waiting.push(chart);
    waiting.sort(function (a, b) { return charts.indexOf(a) - charts.indexOf(b); });
    loadPlotly();
    scheduleDraw();
  }

  if ("IntersectionObserver" in window) {
    // A little ahead (200 px), so a chart is usually drawn by the time it scrolls into view,
    // while a phone draws only the one or two charts it shows at first.
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        charts.forEach(function (chart) { if (chart.node === entry.target) wanted(chart); });
      });
    }, { rootMargin: "200px 0px" });
    charts.forEach(function (chart) { observer.observe(chart.node); });
  } else {
    charts.forEach(wanted);
  }

  darkScheme.addEventListener("change", function () {
    drawn.forEach(function (chart) { draw(chart, true); });
  });
})();
