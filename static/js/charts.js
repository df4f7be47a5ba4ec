// Draws the charts of a page from the JSON the page carries beside its table (the table is
// the no-script reading; the chart repeats it). Needs vendor/echarts/echarts.min.js.
(function () {
  "use strict";

  // Distinguishable in print and for the common colour-vision deficiencies.
  var PALETTE = ["#1b4f8a", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#0e7490", "#be123c", "#4d7c0f"];

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart-source"));
    if (!source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var kind = element.getAttribute("data-chart-kind") || "line";
    // Canvas, not SVG: the SVG renderer writes style attributes, which the site's CSP refuses.
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      color: PALETTE,
      animation: false,
      aria: { enabled: true },
      // richText: drawn on the canvas; the HTML tooltip writes style attributes too.
      tooltip: { trigger: "axis", renderMode: "richText", valueFormatter: function (v) { return v == null ? "—" : v + " " + data.unit; } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.years.map(String) },
      yAxis: { type: "value", name: data.unit, nameTextStyle: { align: "left" } },
      series: data.series.map(function (s) {
        return { name: s.name, type: kind, data: s.data, connectNulls: false, symbolSize: 8, barMaxWidth: 48 };
      })
    });
    element.setAttribute("data-chart-ready", "");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart-source]"), draw);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
