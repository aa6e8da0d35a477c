/** Where a capture went: the URL, and the instance when the caller knows which one it is. */
export interface CaptureTarget {
  url: string;
  instanceId?: string;
}

function describeTarget({ url, instanceId }: CaptureTarget): string {
  return instanceId === undefined ? `profile capture from ${url}` : `profile capture of "${instanceId}" from ${url}`;
}

/** A capture stopped because whoever asked for it gave up (the abort signal fired). */
export class ProfileCaptureCancelled extends Error {
  override readonly name = "ProfileCaptureCancelled";
  readonly url: string;

  constructor(target: CaptureTarget) {
    super(`${describeTarget(target)} was cancelled`);
    this.url = target.url;
  }
}

/** A capture that failed: the message names the URL (and instance) and says what went wrong. */
export class ProfileCaptureError extends Error {
  override readonly name = "ProfileCaptureError";
  readonly url: string;

  constructor(
    target: CaptureTarget,
    readonly reason: string,
    /** The target's HTTP status, when it answered with an error. */
    readonly status?: number,
  ) {
    super(`${describeTarget(target)} failed: ${reason}`);
    this.url = target.url;
  }
}
