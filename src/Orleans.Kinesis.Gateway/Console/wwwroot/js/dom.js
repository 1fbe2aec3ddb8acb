// A tiny element builder: h("div", { class: "x", onclick: fn }, "text", child, [more children]).
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

// Replaces the contents of an element.
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

// The form's fields as an object of strings.
export function fields(form) {
  return Object.fromEntries(new FormData(form).entries());
}

// A labelled value of a summary grid.
export function item(label, value) {
  return h("div", { class: "item" }, h("span", { class: "label" }, label), h("span", {}, value));
}
