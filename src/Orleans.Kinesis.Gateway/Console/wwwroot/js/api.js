// The REST API (/api/v1). Errors are RFC 9457 problem details carrying the AWS error type.
const base = new URL("../api/v1/", document.baseURI);
const tokenKey = "orleans-kinesis.token";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.type = problem.awsErrorType ?? problem.title ?? `HTTP ${status}`;
  }
}

export function setToken(token) {
  if (token) localStorage.setItem(tokenKey, token);
  else localStorage.removeItem(tokenKey);
}

export function getToken() {
  return localStorage.getItem(tokenKey) ?? "";
}

export async function call(method, path, body, query) {
  const url = new URL(path.replace(/^\//, ""), base);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, value);
  }
  const headers = { Accept: "application/json" };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const payload = text ? JSON.parse(text) : {};
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload;
}

export const get = (path, query) => call("GET", path, undefined, query);
export const post = (path, body, query) => call("POST", path, body, query);
export const del = (path, query) => call("DELETE", path, undefined, query);
export const enc = encodeURIComponent;
