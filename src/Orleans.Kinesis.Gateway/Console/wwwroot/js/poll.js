// Runs a refresh now and then every few seconds until stopped; a refresh never overlaps the previous one.
export function poll(refresh, intervalMs) {
  let stopped = false;
  let timer;
  const run = async () => {
    if (stopped) return;
    try {
      await refresh();
    } finally {
      if (!stopped) timer = setTimeout(run, intervalMs);
    }
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
