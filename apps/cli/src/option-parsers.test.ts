import { FLOAT32_MAX, formatFloat32, isFiniteFloat32, linspace } from "@rpf/core";
import { InvalidArgumentError } from "commander";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { finiteNumber, gridRange } from "./option-parsers.js";

const anyNumber = finiteNumber(() => true, "");
const finiteFloat32 = fc.float({ noNaN: true, noDefaultInfinity: true });
/** Finite doubles that round to ±Infinity in float32 (and a few that just do not), either sign. */
const nearOrBeyond = fc
  .tuple(
    fc.oneof(fc.double({ min: 3.4e38, max: 3.5e38, noNaN: true }), fc.double({ min: 3.4e38, max: 1e308, noNaN: true })),
    fc.boolean(),
  )
  .map(([magnitude, negative]) => (negative ? -magnitude : magnitude));

/** Bit-for-bit equality of float32 values (so -0 and 0 differ). */
const same = (a: number, b: number) => Object.is(a, b);

describe("finiteNumber", () => {
  it("accepts 3.4028235e38, the largest float32's shortest form, and refuses 3.5e38", () => {
    expect(anyNumber("3.4028235e38")).toBe(3.4028235e38);
    expect(anyNumber("-3.4028235e+38")).toBe(-3.4028235e38);
    expect(() => anyNumber("3.5e38")).toThrow(InvalidArgumentError);
    expect(() => finiteNumber((v) => v > 0, "> 0")("3.5e38")).toThrow(
      'expected a finite number > 0 within the float32 range (±3.4028235e38), got "3.5e38"',
    );
  });

  it("keeps its other refusals and their words", () => {
    expect(() => finiteNumber((v) => v > 0, "> 0")("0")).toThrow('expected a finite number > 0, got "0"');
    expect(() => anyNumber("1e400")).toThrow('expected a finite number, got "1e400"');
    expect(() => anyNumber("nan")).toThrow(InvalidArgumentError);
  });

  it("accepts a number exactly when it rounds to a finite float32 (property)", () => {
    fc.assert(
      fc.property(fc.oneof(finiteFloat32, nearOrBeyond), (value) => {
        const text = String(value);
        if (isFiniteFloat32(value)) expect(anyNumber(text)).toBe(Number(text));
        else expect(() => anyNumber(text)).toThrow(/within the float32 range/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("gridRange (--x)", () => {
  it("takes the whole float32 range, 3.4028235e38 at either end", () => {
    const range = gridRange("-3.4028235e38:3.4028235e38:3");
    expect(Array.from(linspace(range.start, range.stop, range.count))).toEqual([-FLOAT32_MAX, 0, FLOAT32_MAX]);
  });

  it("refuses a bound that rounds to Infinity in float32, naming it", () => {
    expect(() => gridRange("0:3.5e38:3")).toThrow(InvalidArgumentError);
    expect(() => gridRange("0:3.5e38:3")).toThrow(
      'expected START:STOP:COUNT with finite numbers and COUNT >= 1, got "0:3.5e38:3" (expected a finite number within the float32 range (±3.4028235e38), got "3.5e38")',
    );
  });

  it("reads any two float32 bounds in shortest form back bit-identical as the grid's ends (property)", () => {
    fc.assert(
      fc.property(finiteFloat32, finiteFloat32, (start, stop) => {
        const range = gridRange(`${formatFloat32(start)}:${formatFloat32(stop)}:2`);
        const grid = linspace(range.start, range.stop, range.count);
        expect(same(grid[0]!, start) && same(grid[1]!, stop)).toBe(true);
        expect(Array.from(grid, formatFloat32)).toEqual([formatFloat32(start), formatFloat32(stop)]);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses any bound that rounds to ±Infinity in float32 (property)", () => {
    fc.assert(
      fc.property(nearOrBeyond, finiteFloat32, (bound, other) => {
        const text = `${formatFloat32(other)}:${String(bound)}:5`;
        if (isFiniteFloat32(bound)) expect(gridRange(text).stop).toBe(bound);
        else expect(() => gridRange(text)).toThrow(/within the float32 range/);
      }),
      { numRuns: 2000 },
    );
  });
});
