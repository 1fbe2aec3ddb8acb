// The error banner: shows an action's AWS error type and message until the next action succeeds.
import { fill, h } from "./dom.js";

const banner = () => document.getElementById("error");

export function showError(error) {
  const type = error.type ?? error.name ?? "Error";
  fill(banner(), h("strong", { "data-testid": "error-type" }, type), " ", h("span", { "data-testid": "error-message" }, error.message),
    h("button", { class: "link", onclick: clearError, "aria-label": "Dismiss" }, "×"));
  banner().hidden = false;
}

export function clearError() {
  banner().hidden = true;
  banner().replaceChildren();
}

// Runs an action, showing its error (if any) in the banner; returns the action's result or undefined.
export async function attempt(action) {
  try {
    const result = await action();
    clearError();
    return result;
  } catch (error) {
    showError(error);
    return undefined;
  }
}
