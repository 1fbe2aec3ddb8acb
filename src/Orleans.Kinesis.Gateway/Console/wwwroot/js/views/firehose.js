// Firehose: delivery streams with status, source and destination; incoming rate, buffer age, deliveries and failed
// deliveries from the metrics route; a form to put a test record.
import { enc, get, post } from "../api.js";
import { lineChart } from "../charts.js";
import { fields, fill, h, item } from "../dom.js";
import { attempt, showError } from "../errors.js";
import { time } from "../format.js";
import { average, failures, maximum, perSecond, series } from "../metrics.js";
import { poll } from "../poll.js";

// [metric, title, unit, how a series becomes points, test id]. The buffer's fill is shown by its age: the oldest
// record not yet delivered (DeliveryToS3.DataFreshness), which every delivery reports.
const deliveryMetrics = [
  ["IncomingRecords", "Incoming records/s", "/s", perSecond, "firehose-incoming"],
  ["DeliveryToS3.DataFreshness", "Buffer age (oldest undelivered record)", "s", maximum, "firehose-buffer-age"],
  ["DeliveryToS3.Records", "Delivered records/s", "/s", perSecond, "firehose-delivered"],
  ["DeliveryToS3.Success", "Delivery success (share)", "", average, "firehose-success"],
  ["DeliveryToS3.Success", "Failed deliveries", "", failures, "firehose-failures"],
];

export function renderFirehose(view) {
  const list = h("div", { "data-testid": "delivery-streams" });

  const refresh = async () => {
    try {
      const { deliveryStreams } = await get("delivery-streams");
      fill(list, deliveryStreams.length === 0
        ? h("p", { class: "muted" }, "No delivery streams. Create one with the AWS CLI or an SDK (firehose create-delivery-stream).")
        : await Promise.all(deliveryStreams.map(card)));
    } catch (error) {
      showError(error);
    }
  };

  view.append(h("section", { class: "card" }, h("h1", {}, "Firehose delivery streams")), list);
  return poll(refresh, 5000);
}

async function card(stream) {
  const results = new Map();
  const fetchOnce = (metric) => {
    if (!results.has(metric)) results.set(metric, series({ namespace: "AWS/Firehose", metric, deliveryStream: stream.name }));
    return results.get(metric);
  };
  const charts = await Promise.all(deliveryMetrics.map(async ([metric, title, unit, points, testId]) => {
    const result = await fetchOnce(metric);
    return lineChart(title, result === null ? null : points(result), unit, testId);
  }));
  return h("section", { class: "card", "data-delivery-stream": stream.name },
    h("h2", {}, stream.name, " ", h("span", { class: `status ${stream.status.toLowerCase()}` }, stream.status)),
    h("div", { class: "summary" },
      item("Type", stream.type),
      item("Source", stream.sourceStreamArn ?? "Direct PUT"),
      item("Destination", h("code", {}, `${stream.destinationBucketArn ?? "?"}/${stream.destinationPrefix ?? ""}`)),
      item("Buffer", `${stream.bufferSizeMBs ?? "?"} MiB or ${stream.bufferIntervalSeconds ?? "?"} s`),
      item("Compression", stream.compressionFormat ?? "UNCOMPRESSED"),
      item("Encryption", stream.encryptionStatus),
      item("Created", time(stream.createdAt))),
    h("div", { class: "charts" }, charts),
    putForm(stream.name));
}

// The last accepted put per delivery stream, so that its confirmation outlives the page's refreshes.
const lastPut = new Map();

function putForm(name) {
  const result = h("span", { class: "muted", "data-testid": "put-result" });
  const show = () => {
    if (lastPut.has(name)) fill(result, "Accepted as ", h("code", {}, lastPut.get(name)));
  };
  const form = h("form", { class: "inline", onsubmit: async (event) => {
    event.preventDefault();
    const put = await attempt(() => post(`delivery-streams/${enc(name)}/records`, { text: fields(form).text }));
    if (put) {
      lastPut.set(name, put.recordId);
      show();
    }
  } },
  h("input", { name: "text", class: "wide", placeholder: "record data", required: true, "aria-label": "Record data" }),
  h("button", { type: "submit" }, "Put record"), result);
  show();
  return form;
}
