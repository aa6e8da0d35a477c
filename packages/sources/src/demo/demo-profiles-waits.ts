import { serviceCallSites } from "./demo-profiles-call-sites.ts";
import { type CallPath, normalised, servicePackage, type WeightedPath } from "./demo-profiles-frames.ts";
import { demoUptimeSeconds } from "./demo-profiles-memory.ts";
import type { DemoProfileState } from "./demo-profiles-state.ts";

const parkOnRead: CallPath = [
  "net.(*conn).Read",
  "net.(*netFD).Read",
  "internal/poll.(*FD).Read",
  "internal/poll.(*pollDesc).waitRead",
  "internal/poll.runtime_pollWait",
  "runtime.netpollblock",
  "runtime.gopark",
];

/** A goroutine profile's stacks with how many goroutines stand in each. */
export interface CountedPath {
  path: CallPath;
  count: number;
}

/**
 * Every goroutine of the instance by where it waits: the runtime's own, idle connections and
 * workers (the base count), requests in flight, and any a goroutine-leak fault stranded, parked
 * in a subscription nobody ends. The counts add up to the simulated goroutine count.
 */
export function goroutineProfilePaths(state: DemoProfileState): CountedPath[] {
  const { sample } = state;
  const sites = serviceCallSites(state.serviceId);
  const total = Math.max(1, Math.round(sample.goroutines));
  const runtimeOwn: CountedPath[] = [
    {
      path: [
        "runtime.main",
        "main.main",
        "net/http.(*Server).ListenAndServe",
        "net/http.(*Server).Serve",
        "net.(*TCPListener).Accept",
        "net.(*netFD).accept",
        "internal/poll.(*FD).Accept",
        ...parkOnRead.slice(3),
      ],
      count: 1,
    },
    { path: ["runtime.forcegchelper", "runtime.goparkunlock", "runtime.gopark"], count: 1 },
    { path: ["runtime.bgsweep", "runtime.goparkunlock", "runtime.gopark"], count: 1 },
    { path: ["runtime.bgscavenge", "runtime.goparkunlock", "runtime.gopark"], count: 1 },
    { path: ["runtime.runfinq", "runtime.gopark"], count: 1 },
    { path: ["runtime.gcBgMarkWorker", "runtime.gopark"], count: sample.gomaxprocs },
  ];
  let left = total - runtimeOwn.reduce((sum, { count }) => sum + count, 0);
  if (left < 0) return [{ path: ["runtime.main", "runtime.gopark"], count: total }];

  const leaked = Math.min(left, state.leakedGoroutines);
  left -= leaked;
  const inFlight = Math.min(left, Math.max(0, total - state.baseGoroutines - state.leakedGoroutines));
  left -= inFlight;
  const idle = apportion(left, [
    {
      path: ["net/http.(*conn).serve", "net/http.(*conn).readRequest", "net/http.(*connReader).Read", ...parkOnRead],
      share: 0.45,
    },
    {
      path: ["net/http.(*persistConn).readLoop", "bufio.(*Reader).Peek", "net/http.(*persistConn).Read", ...parkOnRead],
      share: 0.2,
    },
    { path: ["net/http.(*persistConn).writeLoop", "runtime.selectgo", "runtime.gopark"], share: 0.2 },
    { path: [sites.refresherRun, "runtime.selectgo", "runtime.gopark"], share: 0.1 },
    {
      path: [`${servicePackage(state.serviceId, "metrics")}.(*Reporter).loop`, "time.Sleep", "runtime.gopark"],
      share: 0.05,
    },
  ]);
  const busy = apportion(inFlight, [
    {
      path: [...sites.handler("ServeCreate"), ...sites.downstreamCall, "runtime.selectgo", "runtime.gopark"],
      share: 0.5,
    },
    {
      path: [
        ...sites.handler("ServeCreate"),
        sites.storePut,
        "sync.(*Mutex).Lock",
        "sync.(*Mutex).lockSlow",
        "sync.runtime_SemacquireMutex",
        "runtime.semacquire1",
        "runtime.goparkunlock",
        "runtime.gopark",
      ],
      share: 0.2,
    },
    {
      path: [
        ...sites.handler("ServeGet"),
        ...sites.responseWrite,
        "internal/poll.(*pollDesc).waitWrite",
        "internal/poll.runtime_pollWait",
        "runtime.netpollblock",
        "runtime.gopark",
      ],
      share: 0.2,
    },
    { path: [...sites.handler("ServeList"), ...sites.jsonEncode], share: 0.1 },
  ]);
  const stranded: CountedPath[] =
    leaked > 0
      ? [{ path: [...sites.subscriberWait, "runtime.chanrecv1", "runtime.chanrecv", "runtime.gopark"], count: leaked }]
      : [];
  return [...runtimeOwn, ...idle, ...busy, ...stranded].filter(({ count }) => count > 0);
}

/** A mutex or block profile's site: how often goroutines waited there and for how long in all. */
export interface ContentionSite {
  path: CallPath;
  contentions: number;
  delayNanos: number;
}

/** Requests that write (create) rather than read: they take the store's lock and call downstream. */
const writeShare = 0.2;
const refreshIntervalSeconds = 30;

/** How crowded the instance is: requests in flight per core. Locks are contended in proportion. */
function crowding(state: DemoProfileState): number {
  const { sample } = state;
  return (sample.requestsPerSecond * state.downstreamLatencySeconds) / Math.max(1, sample.gomaxprocs);
}

/** Since start (see demoUptimeSeconds): who held a lock others waited for, recorded at Unlock as Go does. */
export function mutexProfileSites(state: DemoProfileState): ContentionSite[] {
  const sites = serviceCallSites(state.serviceId);
  const requests = state.sample.requestsPerSecond * demoUptimeSeconds;
  const busy = crowding(state);
  const contended = Math.min(0.5, busy / 50);
  return [
    {
      path: [...sites.handler("ServeCreate"), sites.storePut, "sync.(*Mutex).Unlock"],
      contentions: requests * writeShare * contended,
      delayNanos: requests * writeShare * contended * 20_000 * (1 + busy),
    },
    {
      path: [...sites.handler("ServeGet"), sites.cacheGet, "sync.(*RWMutex).RUnlock"],
      contentions: requests * 0.5 * contended * 0.3,
      delayNanos: requests * 0.5 * contended * 0.3 * 5_000,
    },
    {
      path: [
        sites.refresherRun,
        `${servicePackage(state.serviceId, "store")}.(*Cache).refresh`,
        "sync.(*RWMutex).Unlock",
      ],
      contentions: demoUptimeSeconds / refreshIntervalSeconds,
      delayNanos: (demoUptimeSeconds / refreshIntervalSeconds) * 2_000_000 * (1 + busy),
    },
    {
      path: [
        ...sites.handler("ServeCreate"),
        ...sites.downstreamCall.slice(0, 4),
        "net/http.(*Transport).queueForIdleConn",
        "sync.(*Mutex).Unlock",
      ],
      contentions: requests * writeShare * contended * 0.5,
      delayNanos: requests * writeShare * contended * 0.5 * 10_000,
    },
  ];
}

/** Since start: where goroutines blocked (channels, selects, locks) and for how long. */
export function blockProfileSites(state: DemoProfileState): ContentionSite[] {
  const sites = serviceCallSites(state.serviceId);
  const requests = state.sample.requestsPerSecond * demoUptimeSeconds;
  const downstreamNanos = state.downstreamLatencySeconds * 0.6 * 1e9;
  const busy = crowding(state);
  const contended = Math.min(0.5, busy / 50);
  return [
    {
      path: [...sites.handler("ServeCreate"), ...sites.downstreamCall, "runtime.selectgo"],
      contentions: requests * writeShare,
      delayNanos: requests * writeShare * downstreamNanos,
    },
    {
      path: [...sites.handler("ServeCreate"), sites.storePut, "sync.(*Mutex).Lock"],
      contentions: requests * writeShare * contended,
      delayNanos: requests * writeShare * contended * 20_000 * (1 + busy),
    },
    {
      path: [sites.refresherRun, "runtime.selectgo"],
      contentions: demoUptimeSeconds / refreshIntervalSeconds,
      delayNanos: demoUptimeSeconds * 1e9,
    },
    {
      path: ["net/http.(*persistConn).writeLoop", "runtime.selectgo"],
      contentions: requests * writeShare,
      delayNanos: requests * writeShare * downstreamNanos * 0.5,
    },
  ];
}

/** Splits a whole count over weighted paths by largest remainder, so the parts add up exactly. */
function apportion(total: number, paths: readonly WeightedPath[]): CountedPath[] {
  const shares = normalised(paths, total);
  const counted = shares.map(({ path, share }) => ({ path, count: Math.floor(share), remainder: share % 1 }));
  let missing = total - counted.reduce((sum, { count }) => sum + count, 0);
  for (const entry of [...counted].sort((a, b) => b.remainder - a.remainder)) {
    if (missing <= 0) break;
    entry.count++;
    missing--;
  }
  return counted.map(({ path, count }) => ({ path, count }));
}
