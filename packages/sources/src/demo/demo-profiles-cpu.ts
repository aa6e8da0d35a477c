import { serviceCallSites } from "./demo-profiles-call-sites.ts";
import { type CallPath, normalised, type WeightedPath } from "./demo-profiles-frames.ts";
import type { DemoProfileState } from "./demo-profiles-state.ts";

/** Go's background mark worker: gcDrain under it scans objects, stacks and globals. */
const markWorker: CallPath = [
  "runtime.gcBgMarkWorker",
  "runtime.systemstack",
  "runtime.gcBgMarkWorker.func2",
  "runtime.gcDrain",
];
/** A mutator that allocates while GC runs pays for marking in proportion (GC assist). */
const assistTail: CallPath = [
  "runtime.gcAssistAlloc",
  "runtime.systemstack",
  "runtime.gcAssistAlloc.func1",
  "runtime.gcAssistAlloc1",
  "runtime.gcDrainN",
];
const scheduler: CallPath = ["runtime.mcall", "runtime.park_m", "runtime.schedule", "runtime.findRunnable"];

/**
 * Where a demo instance spends CPU, as shares of its CPU time. GC's share is the simulated one
 * (gcCpuCores of cpuUsageCores). Of it, assists grow as GC falls behind the allocation rate, as
 * the pacer makes them do: a GC-heavy instance shows tall gcBgMarkWorker → gcDrain → scanobject
 * / markroot towers and mallocgc → gcAssistAlloc under its handlers. Allocation itself
 * (mallocgc) costs more during an allocation spike.
 */
export function cpuProfilePaths(state: DemoProfileState): WeightedPath[] {
  const { sample } = state;
  const sites = serviceCallSites(state.serviceId);
  const gcShare = sample.cpuUsageCores > 0 ? Math.min(0.95, sample.gcCpuCores / sample.cpuUsageCores) : 0;
  const assistShareOfGc = 0.15 + 0.35 * Math.min(1, sample.gcCpuFraction / 0.4);
  const mallocShareOfMutator = Math.min(0.35, 0.06 * state.allocMultiplier);
  const mutatorShare = 1 - gcShare;
  const allocationSites = sites.allocationSites(state.allocMultiplier).filter((site) => site.allocShare > 0);

  const work = normalised(
    [
      { path: [...sites.handler("ServeGet"), sites.cacheGet, "runtime.mapaccess2_faststr"], share: 0.1 },
      { path: [...sites.handler("ServeGet"), sites.cacheGet, "sync.(*RWMutex).RLock"], share: 0.02 },
      { path: [...sites.handler("ServeGet"), ...sites.jsonEncode], share: 0.14 },
      { path: [...sites.handler("ServeGet"), ...sites.responseWrite, "syscall.Write", "syscall.Syscall"], share: 0.1 },
      { path: sites.handler("ServeGet"), share: 0.02 },
      {
        path: [...sites.handler("ServeList"), sites.indexScan, "strings.Contains", "internal/bytealg.IndexString"],
        share: 0.1,
      },
      {
        path: [...sites.handler("ServeList"), "sort.Slice", "sort.pdqsort_func", "sort.insertionSort_func"],
        share: 0.05,
      },
      { path: [...sites.handler("ServeList"), ...sites.jsonEncode], share: 0.08 },
      { path: [...sites.handler("ServeCreate"), ...sites.jsonDecode], share: 0.08 },
      {
        path: [...sites.handler("ServeCreate"), sites.storePut, "sync.(*Mutex).Lock", "sync.(*Mutex).lockSlow"],
        share: 0.03,
      },
      { path: [...sites.handler("ServeCreate"), ...sites.downstreamCall, "runtime.selectgo"], share: 0.04 },
      {
        path: [
          "net/http.(*conn).serve",
          "net/http.(*conn).readRequest",
          "net/http.readRequest",
          "net/textproto.(*Reader).ReadMIMEHeader",
        ],
        share: 0.06,
      },
      {
        path: [
          "net/http.(*connReader).backgroundRead",
          "net.(*conn).Read",
          "net.(*netFD).Read",
          "internal/poll.(*FD).Read",
          "syscall.Read",
          "syscall.Syscall",
        ],
        share: 0.05,
      },
      { path: [sites.refresherRun, "time.(*Timer).Reset", "runtime.resettimer"], share: 0.01 },
      { path: [...scheduler, "runtime.netpoll", "runtime.epollwait"], share: 0.05 },
      { path: [...scheduler, "runtime.stealWork", "runtime.runqsteal"], share: 0.02 },
      {
        path: ["runtime.mstart", "runtime.mstart0", "runtime.mstart1", "runtime.sysmon", "runtime.usleep"],
        share: 0.01,
      },
    ],
    mutatorShare * (1 - mallocShareOfMutator),
  );

  // Allocation's own cost, at every site in proportion to the bytes it allocates.
  const malloc = normalised(
    allocationSites.flatMap(({ path, allocShare }) => [
      { path: [...path, "runtime.mallocgc"], share: allocShare * 0.6 },
      {
        path: [
          ...path,
          "runtime.mallocgc",
          "runtime.(*mcache).nextFree",
          "runtime.(*mcache).refill",
          "runtime.(*mcentral).cacheSpan",
        ],
        share: allocShare * 0.25,
      },
      { path: [...path, "runtime.mallocgc", "runtime.memclrNoHeapPointers"], share: allocShare * 0.15 },
    ]),
    mutatorShare * mallocShareOfMutator,
  );

  const assists = normalised(
    allocationSites.flatMap(({ path, allocShare }) => [
      { path: [...path, "runtime.mallocgc", ...assistTail, "runtime.scanobject"], share: allocShare * 0.8 },
      {
        path: [...path, "runtime.mallocgc", ...assistTail, "runtime.scanobject", "runtime.greyobject"],
        share: allocShare * 0.2,
      },
    ]),
    gcShare * assistShareOfGc,
  );

  // Stacks to scan grow with the goroutine count: a goroutine leak makes markroot heavier.
  const stackScanWeight = 0.1 + 0.3 * Math.min(1, sample.goroutines / 20_000);
  const marking = normalised(
    [
      { path: [...markWorker, "runtime.scanobject"], share: 0.45 },
      { path: [...markWorker, "runtime.scanobject", "runtime.findObject"], share: 0.1 },
      { path: [...markWorker, "runtime.scanobject", "runtime.greyobject"], share: 0.07 },
      { path: [...markWorker, "runtime.markroot", "runtime.markrootBlock", "runtime.scanblock"], share: 0.08 },
      {
        path: [...markWorker, "runtime.markroot", "runtime.scanstack", "runtime.scanframeworker", "runtime.scanblock"],
        share: stackScanWeight,
      },
      { path: [...markWorker, "runtime.(*gcWork).balance"], share: 0.02 },
    ],
    gcShare * (1 - assistShareOfGc) * 0.85,
  );

  const sweeping = normalised(
    [
      { path: ["runtime.bgsweep", "runtime.sweepone", "runtime.(*sweepLocked).sweep"], share: 0.7 },
      {
        path: [
          "runtime.bgscavenge",
          "runtime.(*scavengerState).run",
          "runtime.(*pageAlloc).scavenge",
          "runtime.sysUnused",
          "runtime.madvise",
        ],
        share: sample.memoryLimitBytes === null ? 0.1 : 0.3,
      },
    ],
    gcShare * (1 - assistShareOfGc) * 0.15,
  );

  return [...work, ...malloc, ...assists, ...marking, ...sweeping];
}
