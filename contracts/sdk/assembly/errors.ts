// Errors. AssemblyScript has no exceptions, so the SDK keeps one "sticky" error per call: the first
// error recorded wins, functions that can fail return null / false / a default, and the entry-point
// wrapper turns a recorded error into `{"Err":"<text>"}` (v1 errors are strings). State written
// after an error is harmless: a failed call's writes are discarded by the node.

let current: string | null = null;

/** Records `text` verbatim as the call's error (first error wins). Always returns null. */
export function failRaw(text: string): void {
  if (current === null) current = text;
}

/** std's `StdError::generic_err`: "Generic error: <msg>". Returns null so handlers can `return fail(…)`. */
export function fail(msg: string): void {
  failRaw("Generic error: " + msg);
}

/** std's `StdError::not_found`: "<kind> not found". */
export function failNotFound(kind: string): void {
  failRaw(kind + " not found");
}

/** std's `StdError::parse_err`: "Error parsing into type <T>: <msg>". */
export function failParse(targetType: string, msg: string): void {
  failRaw("Error parsing into type " + targetType + ": " + msg);
}

/** std's `StdError::overflow`: "Cannot <op> with <a> and <b>". */
export function failOverflow(op: string, a: string, b: string): void {
  failRaw("Cannot " + op + " with " + a + " and " + b);
}

/** "Unauthorized" (std's `StdError::generic_err("Unauthorized")` is the common idiom). */
export function failUnauthorized(): void {
  fail("Unauthorized");
}

export function failed(): bool {
  return current !== null;
}

export function errorText(): string {
  const e = current;
  return e === null ? "" : e;
}

/** Clears the recorded error (e.g. after handling an expected failure). */
export function clearError(): void {
  current = null;
}
