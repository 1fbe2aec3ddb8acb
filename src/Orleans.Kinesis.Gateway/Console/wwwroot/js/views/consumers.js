// A stream's enhanced fan-out consumers: list, register and deregister.
import { del, enc, get, post } from "../api.js";
import { fields, fill, h } from "../dom.js";
import { attempt } from "../errors.js";
import { time } from "../format.js";

export function consumersSection(stream) {
  const rows = h("tbody", { "data-testid": "consumer-rows" });
  const form = h("form", { class: "inline", onsubmit: (event) => submit(event) },
    h("input", { name: "name", placeholder: "consumer name", required: true, "aria-label": "Consumer name" }),
    h("button", { type: "submit" }, "Register consumer"));

  async function refresh() {
    const { consumers } = await get(`streams/${enc(stream)}/consumers`);
    fill(rows, consumers.length === 0
      ? h("tr", {}, h("td", { colspan: 4, class: "muted" }, "No consumers."))
      : consumers.map((c) => h("tr", {},
        h("td", {}, c.name),
        h("td", {}, h("span", { class: `status ${c.status.toLowerCase()}` }, c.status)),
        h("td", {}, time(c.createdAt)),
        h("td", {}, h("button", { class: "link", onclick: () => deregister(c.name) }, "Deregister")))));
  }

  async function submit(event) {
    event.preventDefault();
    if (await attempt(() => post(`streams/${enc(stream)}/consumers`, { name: fields(form).name }))) {
      form.reset();
      await refresh();
    }
  }

  async function deregister(name) {
    if (await attempt(() => del(`streams/${enc(stream)}/consumers/${enc(name)}`))) await refresh();
  }

  const element = h("section", { class: "card" }, h("h2", {}, "Consumers"), form,
    h("table", {}, h("thead", {}, h("tr", {}, ["Name", "Status", "Registered", ""].map((c) => h("th", {}, c)))), rows));
  return { element, refresh };
}
