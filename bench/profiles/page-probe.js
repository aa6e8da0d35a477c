// Runs in every benchmarked page before the page's own scripts (Playwright's addInitScript), so
// Fleetdeck and speedscope are timed the same way. It records: the performance measures and marks
// the app makes (Fleetdeck's "fleetdeck:flame-draw" and "fleetdeck:flame-data"); each key press
// with the time the browser received it; the start and end of every requestAnimationFrame callback
// the page schedules (speedscope draws its flame chart in them); the first WebGL draw call and the
// first canvas text (frame labels); and a steady frame ticker, whose next tick after a draw is when
// the frame holding that draw was done.
(() => {
  const probe = {
    measures: [],
    marks: [],
    keys: [],
    callbacks: [],
    ticks: [],
    firstGlDrawMs: null,
    firstTextMs: null,
  };
  Object.defineProperty(window, "__benchProbe", { value: probe });

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.entryType === "measure") {
        probe.measures.push({ name: entry.name, startMs: entry.startTime, endMs: entry.startTime + entry.duration });
      } else {
        probe.marks.push({ name: entry.name, atMs: entry.startTime });
      }
    }
  }).observe({ entryTypes: ["measure", "mark"] });

  addEventListener("keydown", (event) => probe.keys.push({ key: event.key, atMs: event.timeStamp }), true);

  const nativeRequestFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    nativeRequestFrame((frameTime) => {
      const startMs = performance.now();
      try {
        callback(frameTime);
      } finally {
        probe.callbacks.push({ frameMs: frameTime, startMs, endMs: performance.now() });
      }
    });
  const tick = (frameTime) => {
    probe.ticks.push({ frameMs: frameTime, atMs: performance.now() });
    nativeRequestFrame(tick);
  };
  nativeRequestFrame(tick);

  const noteGlDraw = (prototype, method) => {
    const original = prototype[method];
    prototype[method] = function (...args) {
      probe.firstGlDrawMs ??= performance.now();
      return original.apply(this, args);
    };
  };
  for (const prototype of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    noteGlDraw(prototype, "drawArrays");
    noteGlDraw(prototype, "drawElements");
  }
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (...args) {
    probe.firstTextMs ??= performance.now();
    return fillText.apply(this, args);
  };
})();
