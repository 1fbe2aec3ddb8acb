// The record browser: pick a shard and a starting position, read a page, continue with the next token; data is
// shown as text, JSON or hex.
import { enc, get } from "../api.js";
import { fields, fill, h } from "../dom.js";
import { attempt } from "../errors.js";
import { formatData, time } from "../format.js";

const positions = ["TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "AT_TIMESTAMP"];

export function renderRecords(view, stream) {
  let nextToken = null;
  let shown = [];
  const shard = h("select", { name: "shardId", "aria-label": "Shard", "data-testid": "record-shard" });
  const mode = h("select", { name: "mode", "aria-label": "Show data as", onchange: () => draw() },
    ["text", "json", "hex"].map((m) => h("option", { value: m }, m)));
  const form = h("form", { class: "inline", "data-testid": "record-form", onsubmit: (event) => read(event) },
    shard,
    h("select", { name: "position", "aria-label": "Position" }, positions.map((p) => h("option", { value: p }, p))),
    h("input", { name: "sequenceNumber", placeholder: "sequence number", "aria-label": "Sequence number" }),
    h("input", { name: "timestamp", type: "datetime-local", step: 1, "aria-label": "Timestamp" }),
    h("input", { name: "limit", type: "number", min: 1, max: 10000, value: 25, "aria-label": "Limit" }),
    h("button", { type: "submit", class: "primary" }, "Read"));
  const more = h("button", { onclick: () => page(), disabled: true, "data-testid": "next-page" }, "Next page");
  const rows = h("tbody", { "data-testid": "record-rows" });
  const status = h("p", { class: "muted", "data-testid": "record-status" });

  function draw() {
    fill(rows, shown.length === 0
      ? h("tr", {}, h("td", { colspan: 4, class: "muted" }, "No records in this page."))
      : shown.map((r) => h("tr", { "data-sequence": r.sequenceNumber },
        h("td", {}, h("code", {}, r.sequenceNumber)),
        h("td", {}, r.partitionKey),
        h("td", {}, time(r.arrivalTime)),
        h("td", {}, h("pre", { class: "data" }, formatData(r.data, mode.value))))));
  }

  async function load(query) {
    const result = await attempt(() => get(`streams/${enc(stream)}/shards/${enc(shard.value)}/records`, query));
    if (!result) return;
    shown = result.records;
    nextToken = result.nextToken;
    more.disabled = !nextToken;
    fill(status, `${result.records.length} record(s) from ${result.shardId}; ${result.millisBehindLatest} ms behind latest`,
      result.childShards.length ? `; shard closed, children: ${result.childShards.join(", ")}` : "");
    draw();
  }

  function read(event) {
    event.preventDefault();
    const { position, sequenceNumber, timestamp, limit } = fields(form);
    return load({
      position, limit,
      sequenceNumber: position.endsWith("SEQUENCE_NUMBER") ? sequenceNumber : undefined,
      timestamp: position === "AT_TIMESTAMP" && timestamp ? new Date(timestamp).toISOString() : undefined,
    });
  }

  const page = () => load({ token: nextToken, limit: fields(form).limit });

  view.append(
    h("section", { class: "card" },
      h("p", { class: "crumbs" }, h("a", { href: "#/streams" }, "Data streams"), " / ", h("a", { href: `#/streams/${enc(stream)}` }, stream), " / "),
      h("h1", {}, "Records"),
      form,
      h("div", { class: "actions" }, h("label", {}, "Show data as ", mode), more),
      status),
    h("section", { class: "card" }, h("table", { class: "records" },
      h("thead", {}, h("tr", {}, ["Sequence number", "Partition key", "Arrival time", "Data"].map((c) => h("th", {}, c)))), rows)));

  attempt(() => get(`streams/${enc(stream)}/shards`)).then((result) => {
    if (result) fill(shard, result.shards.map((s) => h("option", { value: s.shardId }, `${s.shardId} (${s.state})`)));
  });
}
