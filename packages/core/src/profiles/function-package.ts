/**
 * The Go package path of a symbol, for colouring frames by package: "" for names that are not Go
 * symbols ("[unknown]", "(5 smaller frames)", C functions, raw addresses).
 *
 * As the Go runtime's funcpkgpath does: the package ends at the first "." after the last "/".
 * The linker writes dots in a path's last element as "%2e" ("gopkg.in/yaml%2ev3.Unmarshal"),
 * so that rule holds, and they are turned back into dots here. Receivers ("(*T)") and type
 * arguments ("[...]", which may hold other packages' paths) come after the package, so the
 * search stops at the first "(" or "[".
 */
export function packageOf(functionName: string): string {
  const end = firstIndexOf(functionName, "(", "[");
  const lastSlash = functionName.lastIndexOf("/", end - 1);
  const dot = functionName.indexOf(".", lastSlash + 1);
  if (dot <= 0 || dot > end) return "";
  return functionName.slice(0, dot).replaceAll("%2e", ".");
}

function firstIndexOf(text: string, ...marks: string[]): number {
  let first = text.length;
  for (const mark of marks) {
    const at = text.indexOf(mark);
    if (at >= 0 && at < first) first = at;
  }
  return first;
}
