// A form that puts one test record (partition key + text) into a stream and shows where it went.
import { enc, post } from "../api.js";
import { fields, fill, h } from "../dom.js";
import { attempt } from "../errors.js";

export function putRecordForm(stream, onPut) {
  const result = h("p", { class: "muted", "data-testid": "put-result" });
  const form = h("form", { class: "inline", "data-testid": "put-record", onsubmit: (event) => submit(event) },
    h("input", { name: "partitionKey", placeholder: "partition key", required: true, "aria-label": "Partition key" }),
    h("input", { name: "text", class: "wide", placeholder: "data (text or JSON)", "aria-label": "Record data" }),
    h("button", { type: "submit", class: "primary" }, "Put record"));

  async function submit(event) {
    event.preventDefault();
    const { partitionKey, text } = fields(form);
    const put = await attempt(() => post(`streams/${enc(stream)}/records`, { partitionKey, text }));
    if (put) {
      fill(result, "Stored in ", h("code", {}, put.shardId), " as ", h("code", {}, put.sequenceNumber));
      await onPut?.();
    }
  }

  return h("div", {}, form, result);
}
