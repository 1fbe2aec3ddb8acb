// Small SVG charts: a sparkline for tables and a line chart with axis labels for the stream page.
import { h } from "./dom.js";

const ns = "http://www.w3.org/2000/svg";

function svg(tag, attributes) {
  const element = document.createElementNS(ns, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function path(points, width, height, pad) {
  if (points.length === 0) return "";
  const t0 = points[0].t, t1 = points[points.length - 1].t || t0 + 1;
  const top = Math.max(...points.map((p) => p.v), 1e-9);
  const x = (t) => pad + ((t - t0) / Math.max(t1 - t0, 1)) * (width - 2 * pad);
  const y = (v) => height - pad - (v / top) * (height - 2 * pad);
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
}

// A status line instead of a chart (no metrics source, or no data yet).
export function noChart(text) {
  return h("span", { class: "no-metrics", "data-testid": "no-metrics" }, text);
}

// A sparkline; data-last holds the newest value (tests and tooltips read it).
export function sparkline(points, unit = "/s", testId = undefined) {
  if (points === null) return noChart("no metrics");
  const chart = svg("svg", { class: "sparkline", viewBox: "0 0 120 28", width: 120, height: 28, role: "img" });
  chart.append(svg("path", { d: path(points, 120, 28, 2) }));
  const last = points.length ? points[points.length - 1].v : 0;
  return h("span", { class: "spark", "data-testid": testId, "data-last": last.toFixed(3) },
    chart, h("span", { class: "spark-value" }, `${compact(last)}${unit}`));
}

// A line chart with its title, newest value and maximum; data-last holds the newest value, data-max the largest.
export function lineChart(title, points, unit, testId = undefined) {
  if (points === null) return h("figure", { class: "chart", "data-testid": testId }, h("figcaption", {}, title), noChart("no metrics"));
  const chart = svg("svg", { viewBox: "0 0 320 110", role: "img", "aria-label": title });
  chart.append(svg("path", { class: "axis", d: "M4,106 L316,106" }), svg("path", { class: "line", d: path(points, 320, 110, 4) }));
  const last = points.length ? points[points.length - 1].v : 0;
  const top = points.length ? Math.max(...points.map((p) => p.v)) : 0;
  const status = points.length ? ` now ${compact(last)} ${unit} · max ${compact(top)}` : " no data yet";
  return h("figure", { class: "chart", "data-testid": testId, "data-last": last.toFixed(3), "data-max": top.toFixed(3) },
    h("figcaption", {}, title, h("span", { class: "muted" }, status)), chart);
}

function compact(value) {
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(value > 0 && value < 10 ? 2 : 1);
}
