import { base64 } from "@scure/base";

/** Float64 values as little-endian bytes in base64, for state that must survive bit for bit. */
export function encodeFloat64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true);
  return base64.encode(bytes);
}

export function decodeFloat64(text: string): Float64Array {
  const bytes = base64.decode(text);
  if (bytes.length % 8 !== 0) throw new RangeError(`${bytes.length} bytes is not a whole number of float64 values`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float64Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(i * 8, true));
}
