// A stream: its summary and actions, the shards' hash ranges as a bar, stream-level incoming rates and iterator age,
// per-shard incoming rate and iterator age once shard-level metrics are on (refreshing every 3 s from the metrics
// route), and the consumers.
import { del, enc, get, post } from "../api.js";
import { lineChart } from "../charts.js";
import { fields, fill, h, item } from "../dom.js";
import { attempt, showError } from "../errors.js";
import { hashShare, shortHash, time } from "../format.js";
import { maximum, perSecond, series } from "../metrics.js";
import { poll } from "../poll.js";
import { consumersSection } from "./consumers.js";
import { putRecordForm } from "./put-record.js";

export function renderStream(view, name) {
  const summary = h("div", { class: "summary", "data-testid": "stream-summary" });
  const bar = h("div", { class: "shard-bar", "data-testid": "shard-bar" });
  const shardRows = h("tbody", { "data-testid": "shard-rows" });
  const streamCharts = h("div", { class: "charts", "data-testid": "stream-charts" });
  const charts = h("div", { class: "charts", "data-testid": "shard-charts" });
  const shardMetrics = h("div", { class: "actions", "data-testid": "shard-metrics" });
  const consumers = consumersSection(name);
  const reshard = h("form", { class: "inline", onsubmit: (event) => submitReshard(event) },
    h("input", { name: "target", type: "number", min: 1, required: true, "aria-label": "Target shard count", placeholder: "shards" }),
    h("button", { type: "submit" }, "Reshard"));
  const remove = h("button", { class: "danger", "data-testid": "delete-stream", onclick: () => confirmDelete() }, "Delete stream");

  const refresh = async () => {
    try {
      const [stream, { shards }] = await Promise.all([get(`streams/${enc(name)}`), get(`streams/${enc(name)}/shards`)]);
      fill(summary,
        item("Status", h("span", { class: `status ${stream.status.toLowerCase()}` }, stream.status)),
        item("Mode", stream.mode), item("Open shards", stream.openShardCount), item("Consumers", stream.consumerCount),
        item("Retention", `${stream.retentionPeriodHours} h`), item("Encryption", stream.encryptionType),
        item("Created", time(stream.createdAt)), item("ARN", h("code", {}, stream.arn)));
      const open = shards.filter((s) => s.state === "open");
      fill(bar, open.map(segment));
      fill(shardRows, shards.map(shardRow));
      fill(streamCharts, await streamLevelCharts(name));
      const enhanced = stream.shardLevelMetrics.length > 0;
      fill(shardMetrics,
        h("span", { class: "muted" }, enhanced ? `On: ${stream.shardLevelMetrics.join(", ")}` : "Shard-level (enhanced) metrics are off for this stream."),
        h("button", { "data-testid": "toggle-shard-metrics", onclick: () => toggleShardMetrics(!enhanced) },
          enhanced ? "Disable shard-level metrics" : "Enable shard-level metrics"));
      fill(charts, enhanced ? await shardCharts(name, open) : []);
      await consumers.refresh();
    } catch (error) {
      showError(error);
    }
  };

  async function submitReshard(event) {
    event.preventDefault();
    const target = Number(fields(reshard).target);
    if (await attempt(() => post(`streams/${enc(name)}/reshard`, { targetShardCount: target }))) await refresh();
  }

  async function toggleShardMetrics(enabled) {
    if (await attempt(() => post(`streams/${enc(name)}/shard-metrics`, { enabled }))) await refresh();
  }

  async function confirmDelete() {
    if (remove.dataset.armed !== "true") {
      remove.dataset.armed = "true";
      remove.textContent = "Click again to delete";
      return;
    }
    if (await attempt(() => del(`streams/${enc(name)}`, { force: true }))) location.hash = "#/streams";
  }

  view.append(
    h("section", { class: "card" },
      h("p", { class: "crumbs" }, h("a", { href: "#/streams" }, "Data streams"), " / "),
      h("h1", {}, name),
      summary,
      h("div", { class: "actions" },
        h("a", { class: "button", href: `#/streams/${enc(name)}/records`, "data-testid": "browse-records" }, "Browse records"),
        reshard, remove)),
    h("section", { class: "card" }, h("h2", {}, "Put a test record"), putRecordForm(name, refresh)),
    h("section", { class: "card" },
      h("h2", {}, "Shards"),
      h("p", { class: "muted" }, "Open shards across the 128-bit hash key space:"),
      bar,
      h("table", {}, h("thead", {}, h("tr", {}, ["Shard", "State", "Parent", "Hash key range"].map((c) => h("th", {}, c)))), shardRows)),
    h("section", { class: "card" }, h("h2", {}, "Metrics"), streamCharts),
    h("section", { class: "card" }, h("h2", {}, "Per-shard metrics"), shardMetrics, charts),
    consumers.element);
  return poll(refresh, 3000);
}

function segment(shard, index) {
  const { offset, width } = hashShare(shard);
  return h("div", {
    class: `segment tone-${index % 6}`,
    style: `left:${(offset * 100).toFixed(3)}%;width:${(width * 100).toFixed(3)}%`,
    title: `${shard.shardId}: ${shard.startingHashKey} – ${shard.endingHashKey}`,
    "data-shard": shard.shardId,
  }, `#${Number(shard.shardId.slice("shardId-".length))}`);
}

function shardRow(shard) {
  return h("tr", { "data-shard": shard.shardId },
    h("td", {}, h("code", {}, shard.shardId)),
    h("td", {}, h("span", { class: `status ${shard.state}` }, shard.state)),
    h("td", {}, shard.parentShardId ?? ""),
    h("td", { title: `${shard.startingHashKey} – ${shard.endingHashKey}` },
      h("code", {}, `${shortHash(shard.startingHashKey)} – ${shortHash(shard.endingHashKey)}`)));
}

async function streamLevelCharts(name) {
  const query = { stream: name };
  const [records, bytes, age] = await Promise.all([
    series({ ...query, metric: "IncomingRecords" }),
    series({ ...query, metric: "IncomingBytes" }),
    series({ ...query, metric: "GetRecords.IteratorAgeMilliseconds" }),
  ]);
  return [
    lineChart("Incoming records/s", records === null ? null : perSecond(records), "rec/s", "chart-incoming-records"),
    lineChart("Incoming bytes/s", bytes === null ? null : perSecond(bytes), "B/s", "chart-incoming-bytes"),
    lineChart("Iterator age (GetRecords, max)", age === null ? null : maximum(age), "ms", "chart-iterator-age"),
  ];
}

async function shardCharts(name, shards) {
  return Promise.all(shards.map(async (shard) => {
    const query = { stream: name, shard: shard.shardId };
    const [incoming, age] = await Promise.all([
      series({ ...query, metric: "IncomingRecords" }),
      series({ ...query, metric: "IteratorAgeMilliseconds" }),
    ]);
    return h("div", { class: "shard-charts", "data-shard": shard.shardId },
      h("h3", {}, shard.shardId),
      lineChart("Incoming records/s", incoming === null ? null : perSecond(incoming), "rec/s", "shard-incoming-records"),
      lineChart("Iterator age (max)", age === null ? null : maximum(age), "ms", "shard-iterator-age"));
  }));
}
