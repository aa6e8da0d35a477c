/**
 * pprof honours a profile's drop_frames / keep_frames patterns when it loads the profile
 * (profile.RemoveUninteresting): frames matching drop_frames, and everything they call, are cut
 * from each stack. Doing the same keeps our numbers equal to `go tool pprof` on such profiles.
 */

// pprof matches a simplified name: argument lists are cut at the first "(", except inside these.
const bracketPattern = /\(anonymous namespace\)|operator\(\)|\(/g;
const reservedNames = new Set(["(anonymous namespace)", "operator()"]);

function simplifyFunctionName(name: string): string {
  const withoutDot = name.startsWith(".") ? name.slice(1) : name;
  for (const match of withoutDot.matchAll(bracketPattern)) {
    if (!reservedNames.has(match[0])) return withoutDot.slice(0, match.index);
  }
  return withoutDot;
}

/** Whether a function's frames are to be dropped, or null when the profile drops nothing. */
export function dropFramesMatcher(
  dropFrames: string,
  keepFrames: string,
  fail: (problem: string) => never,
): ((functionName: string) => boolean) | null {
  if (dropFrames === "") return null;
  const drop = compileWhole(dropFrames, "drop_frames", fail);
  const keep = keepFrames === "" ? null : compileWhole(keepFrames, "keep_frames", fail);
  return (functionName) => {
    if (functionName === "") return false;
    const simplified = simplifyFunctionName(functionName);
    return drop.test(simplified) && !keep?.test(simplified);
  };
}

function compileWhole(pattern: string, field: string, fail: (problem: string) => never): RegExp {
  if (repeatsARepetition(pattern)) {
    // pprof matches with RE2, in linear time; JavaScript backtracks, and a repeated group that
    // itself repeats or alternates, such as (a+)+ or (a|aa)*, can take exponential time.
    fail(`${field} ${JSON.stringify(pattern)} repeats a group that repeats or alternates, which we do not evaluate`);
  }
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return fail(`${field} ${JSON.stringify(pattern)} is not a valid regular expression`);
  }
}

/** Whether a group containing a quantifier or an alternation is itself repeated (*, + or {…}). */
function repeatsARepetition(pattern: string): boolean {
  const openGroups: boolean[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    if (char === "\\") {
      index += 2;
      continue;
    }
    if (char === "[") {
      index++;
      while (index < pattern.length && pattern[index] !== "]") index += pattern[index] === "\\" ? 2 : 1;
      index++;
      continue;
    }
    if (char === "(") {
      openGroups.push(false);
      // Skip the "?:", "?P<name>" or "?i" that follows a group's opening: it is syntax, not repetition.
      if (pattern[index + 1] === "?") {
        index += 2;
        while (index < pattern.length && !":>)".includes(pattern[index]!)) index++;
        if (pattern[index] === ")") continue;
      }
    } else if (char === "|" || char === "*" || char === "+" || char === "?" || char === "{") openGroups.fill(true);
    else if (char === ")") {
      const repeatsInside = openGroups.pop() ?? false;
      const next = pattern[index + 1];
      if (repeatsInside && (next === "*" || next === "+" || next === "{")) return true;
    }
    index++;
  }
  return false;
}
