// Metric series from /api/v1/metrics. Resolves to null when the server has no metrics source (501), so that the
// views show "no metrics" instead of a made-up chart.
import { ApiError, get } from "./api.js";

export async function series(query) {
  try {
    return await get("metrics", { minutes: 15, ...query });
  } catch (error) {
    if (error instanceof ApiError && error.status === 501) return null;
    throw error;
  }
}

// Per-second rates of a Sum series (e.g. IncomingRecords per minute → records/s).
export function perSecond(result) {
  return result.points.map((point) => ({ t: Date.parse(point.t), v: point.sum / result.periodSeconds }));
}

// Maximum per period (e.g. IteratorAgeMilliseconds).
export function maximum(result) {
  return result.points.map((point) => ({ t: Date.parse(point.t), v: point.maximum }));
}
