import { type CallPath, servicePackage } from "./demo-profiles-frames.ts";

/** Where a request enters every demo service: Go's net/http server. */
const httpServe: CallPath = [
  "net/http.(*conn).serve",
  "net/http.serverHandler.ServeHTTP",
  "net/http.(*ServeMux).ServeHTTP",
];

/** A place that allocates, as every profile kind sees it, so CPU, heap and allocs agree on culprits. */
export interface AllocationSite {
  /** Root first, ending in the function that allocates (heap profiles stop there). */
  path: CallPath;
  /** Share of the bytes the instance allocates. */
  allocShare: number;
  /** Share of the live heap (without leaks) it holds. */
  liveShare: number;
  objectBytes: number;
}

/** The call paths of one demo service, named after its package tree. */
export interface ServiceCallSites {
  handler: (method: "ServeGet" | "ServeList" | "ServeCreate" | "ServeWatch") => CallPath;
  jsonEncode: CallPath;
  jsonDecode: CallPath;
  responseWrite: CallPath;
  downstreamCall: CallPath;
  cacheGet: string;
  storePut: string;
  indexScan: string;
  refresherRun: string;
  subscriberWait: CallPath;
  /** Allocation sites with their shares; during a spike most bytes come from one culprit. */
  allocationSites: (allocMultiplier: number) => AllocationSite[];
  /** Where a memory leak retains: a session store nobody evicts. */
  memoryLeakSite: CallPath;
  /** Where leaked goroutines' state was allocated: one channel and buffer per subscription. */
  goroutineLeakSite: CallPath;
}

const jsonEncode: CallPath = [
  "encoding/json.Marshal",
  "encoding/json.(*encodeState).marshal",
  "encoding/json.(*encodeState).reflectValue",
  "encoding/json.structEncoder.encode",
  "encoding/json.stringEncoder",
];
const jsonDecode: CallPath = [
  "encoding/json.(*Decoder).Decode",
  "encoding/json.(*decodeState).unmarshal",
  "encoding/json.(*decodeState).value",
  "encoding/json.(*decodeState).object",
  "encoding/json.(*decodeState).literalStore",
];
const responseWrite: CallPath = [
  "net/http.(*response).Write",
  "bufio.(*Writer).Write",
  "net/http.(*chunkWriter).Write",
  "net.(*conn).Write",
  "net.(*netFD).Write",
  "internal/poll.(*FD).Write",
];
const downstreamCall: CallPath = [
  "net/http.(*Client).Do",
  "net/http.(*Client).do",
  "net/http.send",
  "net/http.(*Transport).roundTrip",
  "net/http.(*persistConn).roundTrip",
];

export function serviceCallSites(serviceId: string): ServiceCallSites {
  const server = `${servicePackage(serviceId, "handler")}.(*Server)`;
  const store = servicePackage(serviceId, "store");
  const events = servicePackage(serviceId, "events");
  const handler = (method: string): CallPath => [...httpServe, `${server}.${method}`];
  const cacheGet = `${store}.(*Cache).Get`;
  const storePut = `${store}.(*Store).Put`;
  const indexScan = `${store}.(*Index).Scan`;
  const refresherRun = `${servicePackage(serviceId, "worker")}.(*Refresher).run`;

  const allocationSites = (allocMultiplier: number): AllocationSite[] => {
    // An allocation spike is one code path copying far more than it should: a snapshot of the
    // whole index per list request. It adds (multiplier − 1) × the normal allocation.
    const normal = 1 / Math.max(1, allocMultiplier);
    return [
      {
        path: [...handler("ServeGet"), ...jsonEncode, "bytes.(*Buffer).WriteString", "bytes.growSlice"],
        allocShare: 0.3 * normal,
        liveShare: 0.04,
        objectBytes: 4096,
      },
      {
        path: [...handler("ServeCreate"), ...jsonDecode, "runtime.slicebytetostring"],
        allocShare: 0.2 * normal,
        liveShare: 0.03,
        objectBytes: 48,
      },
      {
        path: [...handler("ServeList"), indexScan, "runtime.growslice"],
        allocShare: 0.2 * normal,
        liveShare: 0.03,
        objectBytes: 1024,
      },
      {
        path: [
          ...httpServe.slice(0, 1),
          "net/http.(*conn).readRequest",
          "net/http.readRequest",
          "net/textproto.(*Reader).ReadMIMEHeader",
        ],
        allocShare: 0.12 * normal,
        liveShare: 0.01,
        objectBytes: 512,
      },
      {
        path: [httpServe[0] as string, "net/http.newBufioReader", "bufio.NewReaderSize"],
        allocShare: 0.04 * normal,
        liveShare: 0.02,
        objectBytes: 4096,
      },
      {
        path: [...handler("ServeGet"), cacheGet, `${store}.(*Cache).load`, `${store}.decodeEntry`],
        allocShare: 0.1 * normal,
        liveShare: 0.42,
        objectBytes: 256,
      },
      {
        path: [...handler("ServeCreate"), storePut, `${store}.(*Index).insert`],
        allocShare: 0.02 * normal,
        liveShare: 0.25,
        objectBytes: 128,
      },
      {
        path: [refresherRun, `${store}.(*Cache).refresh`, "runtime.makemap"],
        allocShare: 0.02 * normal,
        liveShare: 0.12,
        objectBytes: 65_536,
      },
      {
        path: ["main.main", `${store}.Open`, `${store}.(*Index).load`],
        allocShare: 0,
        liveShare: 0.08,
        objectBytes: 1 << 20,
      },
      {
        path: [...handler("ServeList"), indexScan, `${store}.(*Index).snapshot`],
        allocShare: 1 - normal,
        liveShare: 0,
        objectBytes: 32_768,
      },
    ];
  };

  return {
    handler,
    jsonEncode,
    jsonDecode,
    responseWrite,
    downstreamCall,
    cacheGet,
    storePut,
    indexScan,
    refresherRun,
    subscriberWait: [`${events}.(*Hub).Subscribe.func1`, `${events}.(*Subscriber).wait`],
    allocationSites,
    memoryLeakSite: [
      ...handler("ServeGet"),
      `${servicePackage(serviceId, "session")}.(*Store).Remember`,
      "runtime.mapassign_faststr",
    ],
    goroutineLeakSite: [...handler("ServeWatch"), `${events}.(*Hub).Subscribe`, "runtime.makechan"],
  };
}
