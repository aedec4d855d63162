/** Whether `text` reads back, through float64 as every rpf reader goes, as the float32 `target`. */
function readsBackAs(text: string, target: number): boolean {
  return Math.fround(Number(text)) === target;
}

/** A float32 is a power of two when its 23 fraction bits are all zero. */
const bits = new DataView(new ArrayBuffer(4));
function isPowerOfTwo(value: number): boolean {
  bits.setFloat32(0, value);
  return (bits.getUint32(0) & 0x7fffff) === 0;
}

/**
 * The decimal with `digits` significant digits that reads back as `target`, or null when none
 * does. toPrecision gives the nearest such decimal; the values that read back as a float32 lie in
 * an interval around it that is symmetric except at a power of two, whose lower half is half as
 * wide: there the nearest decimal may fall short below while its upper neighbour fits.
 */
function decimalWithDigits(target: number, digits: number): string | null {
  const nearest = target.toPrecision(digits);
  if (readsBackAs(nearest, target)) return nearest;
  if (!isPowerOfTwo(target)) return null;
  const [mantissa, exponent] = target.toExponential(digits - 1).split("e") as [string, string];
  const scaled = BigInt(mantissa.replace(".", ""));
  const step = target > 0 ? 1n : -1n;
  const above = `${scaled + step}e${Number(exponent) - digits + 1}`;
  return readsBackAs(above, target) ? above : null;
}

/**
 * `text`, a decimal of `digits` significant digits that reads back as `target`, or the one below
 * it when `target` lies exactly halfway between two such decimals and that one ends in an even
 * digit: toPrecision breaks ties away from zero; numpy, Python and Ryu to the even digit, as here.
 */
function evenOnTie(text: string, target: number, digits: number): string {
  const magnitude = Math.abs(target);
  // A cheap test first, in float64: is `target` about half a unit of `text`'s last digit from it?
  const [digitsPart, power = "0"] = text.split("e") as [string, string?];
  const point = digitsPart.indexOf(".");
  const unit = 10 ** (Number(power) - (point < 0 ? 0 : digitsPart.length - point - 1));
  if (Math.abs(2 * Math.abs(target - Number(text)) - unit) > unit * 1e-4) return text;
  // The float32's exact digits: a tie at 9 digits or fewer ends within the first 101.
  const [exact, exponent] = magnitude.toExponential(100).split("e") as [string, string];
  const significant = exact.replace(".", "").replace(/0+$/, "");
  if (significant.length !== digits + 1 || !significant.endsWith("5")) return text;
  const below = significant.slice(0, digits);
  if (Number(below.at(-1)) % 2 !== 0) return text;
  const candidate = `${target < 0 ? "-" : ""}${below}e${Number(exponent) - digits + 1}`;
  return readsBackAs(candidate, target) ? candidate : text;
}

/**
 * The shortest decimal that reads back (through float64, then rounded to float32) as the same
 * float32 as `value`: 0.1 for Math.fround(0.1), not 0.10000000149011612, and 16.6 for
 * Math.fround(16.6). `value` is rounded to float32 first. Among decimals of the shortest length
 * it is the nearest to the float32, and on an exact tie the one with an even last digit (as numpy,
 * Python and Ryu print). Written as JavaScript writes numbers (exponent form below
 * 1e-6 and from 1e21 on, e.g. 3.4028235e+38), which every rpf reader, JSON and CSV accept.
 * Negative zero is written "-0", so it too reads back bit for bit; NaN and ±Infinity are written
 * "NaN", "Infinity" and "-Infinity". Nine significant digits always suffice for a float32
 * (IEEE 754-2008, §5.12.2), and more digits never stop a decimal reading back, so the length is
 * found by bisection.
 */
export function formatFloat32(value: number): string {
  const target = Math.fround(value);
  if (!Number.isFinite(target)) return String(target);
  if (target === 0) return Object.is(target, -0) ? "-0" : "0";
  // Bisect on the length: [low, high] holds the shortest, and `best` has `high` digits once found.
  // The first probes are at 8 and 7 digits, not the middle: most float32s a computation produces
  // need 8 or 9, and one or two probes settle those.
  let low = 1;
  let high = 9;
  let best: string | null = null;
  let middle = 8;
  while (low < high) {
    const found = decimalWithDigits(target, middle);
    if (found === null) low = middle + 1;
    else {
      best = found;
      high = middle;
    }
    middle = high === 8 ? 7 : (low + high) >> 1;
  }
  const text = evenOnTie(best ?? target.toPrecision(9), target, high);
  // toPrecision's fixed notation is already JavaScript's (no trailing zeros: fewer digits would
  // have read back); its exponent form is not ("1e+2" for 100), so that goes through Number.
  return text.includes("e") ? String(Number(text)) : text;
}
