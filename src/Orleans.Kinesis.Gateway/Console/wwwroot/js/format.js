// Formatting helpers: record data as text, JSON or hex; times; hash key ranges as fractions of the key space.
const keySpace = 2n ** 128n;

export function bytesOf(base64) {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export function formatData(base64, mode) {
  const bytes = bytesOf(base64);
  if (mode === "hex") return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (mode === "json") {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return `(not JSON) ${text}`;
    }
  }
  return text;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

// The share of the 128-bit hash key space a shard covers, and where it starts, in [0, 1].
export function hashShare(shard) {
  const start = BigInt(shard.startingHashKey), end = BigInt(shard.endingHashKey);
  const scale = 1_000_000n;
  return {
    offset: Number((start * scale) / keySpace) / Number(scale),
    width: Number(((end - start + 1n) * scale) / keySpace) / Number(scale),
  };
}

export function shortHash(value) {
  return value.length > 12 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}
