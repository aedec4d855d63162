import { createDataset, fitStandardizer } from "@rpf/core";
import { loadPenguins } from "@rpf/datasets";
import { describe, expect, it } from "vitest";
import { auroc } from "../src/classify-auroc.js";
import { OOD_SHIFT_SIGMAS, shiftFar } from "../src/classify-ood.js";
import { CLASSIFY_END, CLASSIFY_START, replaceClassifySection, summarizeVariant } from "../src/classify-report.js";
import { classTable } from "../src/classify-table.js";

describe("auroc", () => {
  it("is 1 when every positive scores above every negative, 0 when below", () => {
    expect(auroc([3, 4, 5], [0, 1, 2])).toBe(1);
    expect(auroc([0, 1], [2, 3, 4])).toBe(0);
  });

  it("counts a tied pair as one half", () => {
    // Pairs (p, n): (1, 2) 0, (1, 0) 1, (2, 2) ½, (2, 0) 1 → 2.5 / 4.
    expect(auroc([1, 2], [2, 0])).toBe(0.625);
    expect(auroc([7, 7, 7], [7, 7])).toBe(0.5);
  });

  it("agrees with counting every pair on an uneven case with several ties", () => {
    const positive = [0.9, 0.4, 0.4, 0.7, 0.1, 0.4];
    const negative = [0.4, 0.2, 0.1, 0.4, 0.8];
    let wins = 0;
    for (const p of positive) for (const n of negative) wins += p > n ? 1 : p === n ? 0.5 : 0;
    expect(auroc(positive, negative)).toBeCloseTo(wins / (positive.length * negative.length), 12);
  });

  it("refuses an empty side or a score that is not finite", () => {
    expect(() => auroc([], [1])).toThrow(RangeError);
    expect(() => auroc([1], [])).toThrow(/at least one positive and one negative/);
    expect(() => auroc([1, Number.NaN], [0])).toThrow(/finite/);
  });
});

describe("shiftFar", () => {
  it("moves every standardised input by exactly OOD_SHIFT_SIGMAS", () => {
    const x = Float32Array.from([1, 10, 2, 30, 4, 20, 5, 40]);
    const data = createDataset(x, [0, 1, 0, 1], 2, 1);
    const { xMean, xScale } = fitStandardizer(data, "x", "none");
    const far = shiftFar(x, xScale, 2);
    for (let i = 0; i < x.length; i++) {
      const j = i % 2;
      const before = (x[i]! - xMean[j]!) / xScale[j]!;
      const after = (far[i]! - xMean[j]!) / xScale[j]!;
      expect(after - before).toBeCloseTo(OOD_SHIFT_SIGMAS, 4);
    }
  });

  it("refuses a std per column that does not match the rows", () => {
    expect(() => shiftFar(new Float32Array(6), [1, 1], 3)).toThrow(RangeError);
  });
});

describe("the penguins as a class table", () => {
  it("has the three species sorted, every row complete, and counts the dropped rows", async () => {
    const data = await loadPenguins();
    const table = classTable(data);
    expect(table.classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
    expect(table.width).toBe(4);
    expect(data.rows.length + data.dropped).toBe(344);
    expect(data.dropped).toBe(2);
    expect(table.x.length).toBe(data.rows.length * 4);
    expect(table.x.every(Number.isFinite)).toBe(true);
    expect(new Set(table.classIndex)).toEqual(new Set([0, 1, 2]));
  });
});

describe("the docs section", () => {
  it("replaces only the text between its markers, or appends itself", () => {
    const section = `${CLASSIFY_START}\nnew\n${CLASSIFY_END}\n`;
    const appended = replaceClassifySection("# Title\n\nother\n", section);
    expect(appended).toBe(`# Title\n\nother\n\n${section}`);
    const document = `# Title\n\n${CLASSIFY_START}\nold\n${CLASSIFY_END}\n\nafter\n`;
    expect(replaceClassifySection(document, section)).toBe(`# Title\n\n${section}\nafter\n`);
    expect(() => replaceClassifySection(`${CLASSIFY_START}\n`, section)).toThrow(/no/);
  });

  it("summarises a metric as the mean and sample std over splits", () => {
    const score = (accuracy: number) => ({ split: 0, accuracy, nll: 0.1, ece: 0, oodAuroc: 1, seconds: 2 });
    const s = summarizeVariant([score(0.9), score(1)]);
    expect(s.accuracy.mean).toBeCloseTo(0.95, 12);
    expect(s.accuracy.std).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(s.totalSeconds).toBe(4);
  });
});
