// Metric series from /api/v1/metrics (the server's CloudWatch-compatible store, 1-minute periods). Resolves to null
// when the server collects no metrics (501), so that the views show "no metrics" instead of a made-up chart.
import { ApiError, get } from "./api.js";

export const windowMinutes = 15;

export async function series(query) {
  try {
    return await get("metrics", { minutes: windowMinutes, ...query });
  } catch (error) {
    if (error instanceof ApiError && error.status === 501) return null;
    throw error;
  }
}

// Per-second rates of a Sum series (e.g. IncomingRecords per minute → records/s), one point per period of the
// window: a period without data is 0, and the current, unfinished period is divided by the seconds it has lasted.
export function perSecond(result, now = Date.now()) {
  const period = result.periodSeconds * 1000;
  const sums = new Map(result.points.map((point) => [Date.parse(point.t), point.sum]));
  const last = Math.floor(now / period) * period;
  const points = [];
  for (let t = last - (windowMinutes * 60_000) + period; t <= last; t += period) {
    const elapsed = t === last ? Math.max(now - t, 1000) : period;
    points.push({ t, v: (sums.get(t) ?? 0) / (elapsed / 1000) });
  }
  return points;
}

// Maximum per period (e.g. IteratorAgeMilliseconds), only where there were samples.
export function maximum(result) {
  return result.points.map((point) => ({ t: Date.parse(point.t), v: point.maximum }));
}

// Average per period (e.g. DeliveryToS3.Success: the share of successful deliveries).
export function average(result) {
  return result.points.map((point) => ({ t: Date.parse(point.t), v: point.average }));
}

// Samples per period minus their sum (e.g. DeliveryToS3.Success: the failed deliveries).
export function failures(result) {
  return result.points.map((point) => ({ t: Date.parse(point.t), v: point.sampleCount - point.sum }));
}
