// The console's entry point: a hash router over the views; each view returns a function that stops its timers.
import { getToken, setToken } from "./api.js";
import { clearError } from "./errors.js";
import { renderStreams } from "./views/streams.js";
import { renderStream } from "./views/stream.js";
import { renderRecords } from "./views/records.js";
import { renderFirehose } from "./views/firehose.js";

const routes = [
  [/^#\/streams\/([^/]+)\/records$/, (view, name) => renderRecords(view, decodeURIComponent(name)), "streams"],
  [/^#\/streams\/([^/]+)$/, (view, name) => renderStream(view, decodeURIComponent(name)), "streams"],
  [/^#\/firehose$/, (view) => renderFirehose(view), "firehose"],
  [/^#\/streams$/, (view) => renderStreams(view), "streams"],
];

let stop = () => {};

function route() {
  stop();
  clearError();
  const hash = location.hash || "#/streams";
  const view = document.getElementById("view");
  for (const [pattern, render, section] of routes) {
    const match = pattern.exec(hash);
    if (!match) continue;
    for (const link of document.querySelectorAll("[data-nav]")) link.classList.toggle("active", link.dataset.nav === section);
    view.replaceChildren();
    stop = render(view, ...match.slice(1)) ?? (() => {});
    return;
  }
  location.hash = "#/streams";
}

document.getElementById("token").value = getToken();
document.getElementById("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  setToken(document.getElementById("token").value.trim());
  route();
});
window.addEventListener("hashchange", route);
route();
