// The stream list: status, mode, open shards, incoming records/s and bytes/s sparklines; a form to create a stream.
import { get, post, enc } from "../api.js";
import { sparkline } from "../charts.js";
import { fields, fill, h } from "../dom.js";
import { attempt, showError } from "../errors.js";
import { perSecond, series } from "../metrics.js";
import { poll } from "../poll.js";
import { time } from "../format.js";

export function renderStreams(view) {
  const body = h("tbody", { "data-testid": "stream-rows" });
  const create = h("form", { class: "inline", "data-testid": "create-stream", onsubmit: (event) => submit(event) },
    h("input", { name: "name", placeholder: "stream name", required: true, "aria-label": "Stream name" }),
    h("select", { name: "mode", "aria-label": "Capacity mode" },
      h("option", { value: "PROVISIONED" }, "provisioned"), h("option", { value: "ON_DEMAND" }, "on demand")),
    h("input", { name: "shardCount", type: "number", min: 1, value: 2, "aria-label": "Shard count" }),
    h("button", { type: "submit", class: "primary" }, "Create stream"));

  const refresh = async () => {
    try {
      const { streams } = await get("streams");
      const rates = await Promise.all(streams.map((s) => Promise.all([
        series({ metric: "IncomingRecords", stream: s.name }).catch(() => null),
        series({ metric: "IncomingBytes", stream: s.name }).catch(() => null),
      ])));
      fill(body, streams.length === 0
        ? h("tr", {}, h("td", { colspan: 7, class: "muted" }, "No streams yet."))
        : streams.map((s, i) => row(s, rates[i])));
    } catch (error) {
      showError(error);
    }
  };

  async function submit(event) {
    event.preventDefault();
    const { name, mode, shardCount } = fields(create);
    const body = mode === "ON_DEMAND" ? { name, mode } : { name, shardCount: Number(shardCount) };
    if (await attempt(() => post("streams", body))) {
      create.reset();
      await refresh();
    }
  }

  view.append(
    h("section", { class: "card" }, h("h1", {}, "Data streams"), create),
    h("section", { class: "card" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Name", "Status", "Mode", "Open shards", "Created", "Incoming records/s", "Incoming bytes/s"].map((c) => h("th", {}, c)))),
      body)));
  return poll(refresh, 5000);
}

function row(stream, [records, bytes]) {
  return h("tr", { "data-stream": stream.name },
    h("td", {}, h("a", { href: `#/streams/${enc(stream.name)}` }, stream.name)),
    h("td", {}, h("span", { class: `status ${stream.status.toLowerCase()}` }, stream.status)),
    h("td", {}, stream.mode),
    h("td", { class: "num" }, stream.openShardCount),
    h("td", {}, time(stream.createdAt)),
    h("td", {}, sparkline(records === null ? null : perSecond(records), "/s", "records-rate")),
    h("td", {}, sparkline(bytes === null ? null : perSecond(bytes), " B/s", "bytes-rate")));
}
