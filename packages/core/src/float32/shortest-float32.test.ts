import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { float32FromBits } from "../random/float32.js";
import numpyShortest from "./fixtures/numpy-shortest.json" with { type: "json" };
import { formatFloat32 } from "./shortest-float32.js";

/** Bit-for-bit equality of two float32 values (so -0 and 0 differ). */
function sameFloat32(a: number, b: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat32(0, a);
  view.setFloat32(4, b);
  return view.getUint32(0) === view.getUint32(4);
}

const readBack = (text: string) => Math.fround(Number(text));

/** Significant digits of a decimal as JavaScript writes it ("0.00012" has 2; "1.5e-7" has 2). */
function significantDigits(text: string): number {
  return text.replace(/^-/, "").replace(/e.*$/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "").length;
}

/** Every decimal of `digits` significant digits that could read back as `target`: the nearest and its neighbours. */
function candidates(target: number, digits: number): string[] {
  const [mantissa, exponent] = target.toExponential(digits - 1).split("e") as [string, string];
  const scaled = BigInt(mantissa.replace(".", ""));
  const power = Number(exponent) - digits + 1;
  return [scaled - 1n, scaled, scaled + 1n].map((n) => `${n}e${power}`);
}

const finiteFloat32 = fc.float({ noNaN: true, noDefaultInfinity: true });

describe("formatFloat32", () => {
  it("prints the issue's cases without float64 noise", () => {
    expect(formatFloat32(Math.fround(0.1))).toBe("0.1");
    expect(formatFloat32(0.10000000149011612)).toBe("0.1");
    expect(formatFloat32(Math.fround(16.6))).toBe("16.6");
    expect(formatFloat32(16.600000381469727)).toBe("16.6");
    expect(formatFloat32(Math.fround(0.3))).toBe("0.3");
  });

  it("prints the ends of the range and the smallest subnormal", () => {
    expect(formatFloat32(3.4028234663852886e38)).toBe("3.4028235e+38");
    expect(formatFloat32(-3.4028234663852886e38)).toBe("-3.4028235e+38");
    expect(formatFloat32(2 ** -149)).toBe("1e-45");
    expect(formatFloat32(2 ** -126)).toBe("1.1754944e-38");
  });

  it("rounds its argument to float32 first", () => {
    expect(formatFloat32(1 / 3)).toBe("0.33333334");
    expect(formatFloat32(16777217)).toBe("16777216");
  });

  it("keeps the sign of zero and names the non-finite values", () => {
    expect(formatFloat32(0)).toBe("0");
    expect(formatFloat32(-0)).toBe("-0");
    expect(formatFloat32(Number.NaN)).toBe("NaN");
    expect(formatFloat32(1e39)).toBe("Infinity");
    expect(formatFloat32(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
  });

  it("finds a shorter decimal above a power of two, where the nearest falls short below", () => {
    // 2^-20 = 9.5367431640625e-7; the nearest 8-digit decimal, 9.5367432e-7, reads back, and so on down.
    for (let k = -149; k < 128; k++) {
      const text = formatFloat32(2 ** k);
      expect(sameFloat32(readBack(text), 2 ** k)).toBe(true);
    }
  });

  it("matches numpy's shortest float32 text (Dragon4, unique mode) on 3600 float32s", () => {
    for (const [bits, text] of numpyShortest as [number, string][]) {
      const value = float32FromBits(bits);
      const ours = formatFloat32(value);
      expect(Number(ours), `bits 0x${bits.toString(16)}`).toBe(Number(text));
      expect(ours).toBe(String(Number(ours)));
    }
  });

  it("reads back bit-identical for any float32, written as JavaScript writes that number (property)", () => {
    fc.assert(
      fc.property(finiteFloat32, (value) => {
        const text = formatFloat32(value);
        expect(sameFloat32(readBack(text), value)).toBe(true);
        if (!Object.is(value, -0)) expect(text).toBe(String(Number(text)));
      }),
      { numRuns: 5000 },
    );
  });

  it("is the shortest: no decimal with one digit fewer reads back (property)", () => {
    fc.assert(
      fc.property(finiteFloat32, (value) => {
        const digits = significantDigits(formatFloat32(value));
        if (value === 0 || digits === 1) return;
        for (const shorter of candidates(value, digits - 1)) expect(readBack(shorter)).not.toBe(value);
      }),
      { numRuns: 5000 },
    );
  });
});
