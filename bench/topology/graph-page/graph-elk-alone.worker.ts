// The anchor's worker: elkjs's bundled build and nothing else, laying out what it is sent.
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";

const elk = new ELK();
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ElkNode>) => void) | null;
  postMessage(message: unknown): void;
};
scope.postMessage({ ready: true });
scope.onmessage = async (event) => {
  const result = await elk.layout(event.data);
  scope.postMessage({ children: result.children?.length ?? 0 });
};
