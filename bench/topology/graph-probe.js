// Runs in the service-graph bench page before its scripts (Playwright's addInitScript). Records
// the marks and measures the page makes, the main thread's long tasks, when each input event's
// handling started (a capturing listener on window runs before the canvas's own), and a steady
// frame ticker.
(() => {
  const probe = { marks: [], measures: [], longTasks: [], inputs: [], ticks: [] };
  Object.defineProperty(window, "__graphProbe", { value: probe });

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.entryType === "mark") probe.marks.push({ name: entry.name, atMs: entry.startTime });
      else probe.measures.push({ name: entry.name, startMs: entry.startTime, endMs: entry.startTime + entry.duration });
    }
  }).observe({ entryTypes: ["mark", "measure"] });

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks.push({ startMs: entry.startTime, endMs: entry.startTime + entry.duration });
    }
  }).observe({ type: "longtask", buffered: true });

  for (const type of ["pointermove", "pointerup", "wheel", "keydown"]) {
    addEventListener(type, () => probe.inputs.push({ type, atMs: performance.now() }), {
      capture: true,
      passive: true,
    });
  }

  const tick = (frameTime) => {
    probe.ticks.push(frameTime);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
