// Firehose: delivery streams with status, source and destination; buffer and delivery metrics from the metrics
// route; a form to put a test record.
import { enc, get, post } from "../api.js";
import { lineChart } from "../charts.js";
import { fields, fill, h, item } from "../dom.js";
import { attempt, showError } from "../errors.js";
import { time } from "../format.js";
import { perSecond, series } from "../metrics.js";
import { poll } from "../poll.js";

const deliveryMetrics = [
  ["IncomingRecords", "Incoming records/s"],
  ["DeliveryToS3.Records", "Delivered records/s"],
  ["DeliveryToS3.Success", "Successful deliveries/s"],
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
  const charts = await Promise.all(deliveryMetrics.map(async ([metric, title]) => {
    const result = await series({ namespace: "AWS/Firehose", metric, deliveryStream: stream.name });
    return lineChart(title, result === null ? null : perSecond(result), "/s");
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

function putForm(name) {
  const result = h("span", { class: "muted" });
  const form = h("form", { class: "inline", onsubmit: async (event) => {
    event.preventDefault();
    const put = await attempt(() => post(`delivery-streams/${enc(name)}/records`, { text: fields(form).text }));
    if (put) fill(result, "Accepted as ", h("code", {}, put.recordId));
  } },
  h("input", { name: "text", class: "wide", placeholder: "record data", required: true, "aria-label": "Record data" }),
  h("button", { type: "submit" }, "Put record"), result);
  return form;
}
