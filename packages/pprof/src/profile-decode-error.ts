/**
 * Why a profile could not be read. The message starts with the label the caller gave (a file
 * name, an upload, an instance) and says what is wrong, e.g. "heap.pb.gz: truncated gzip data".
 */
export class ProfileDecodeError extends Error {
  override readonly name = "ProfileDecodeError";
}
