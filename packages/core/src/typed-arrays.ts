/** The parts end to end in one new array of the first part's kind (an empty Float32Array for none). */
export function concatenate<T extends Float32Array | Float64Array>(parts: readonly T[]): T {
  const kind = (parts[0]?.constructor ?? Float32Array) as new (length: number) => T;
  const out = new kind(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
