import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBoston } from "@rpf/datasets";
import { describe, expect, it, onTestFinished } from "vitest";
import { scoreUq } from "../src/uq-metrics.js";
import { parseUqOptions, REPORTED_SPLITS } from "../src/uq-options.js";
import { runSplits, type UqModel, writeSplit } from "../src/uq-protocol.js";
import {
  CONFORMAL_FLAGS,
  CONFORMAL_MODEL,
  renderUqSection,
  replaceUqSection,
  SECTION_END,
  SECTION_START,
  type UqReport,
} from "../src/uq-report.js";
import { runRpf, type SplitFiles } from "../src/uq-rpf.js";
import { summarizeScores } from "../src/uq-summary.js";

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "rpf-bench-uq-test-"));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

describe("scoreUq", () => {
  it("scores N(0, 1) against targets 0 and 1 by the closed forms", () => {
    const s = scoreUq(Float32Array.of(0, 0), Float32Array.of(1, 1), Float32Array.of(0, 1));
    expect(s.rmse).toBeCloseTo(Math.sqrt(0.5), 6);
    // ½ log 2π + ½ · mean(z²) with z = 0 and 1.
    expect(s.nll).toBeCloseTo(0.5 * Math.log(2 * Math.PI) + 0.25, 6);
    // CRPS of N(0,1) at 0 is 2φ(0) − 1/√π = 0.233695; at 1, 2Φ(1) − 1 + 2φ(1) − 1/√π = 0.602440.
    expect(s.crps).toBeCloseTo((0.233695 + 0.60244) / 2, 5);
    expect(s.coverage95).toBe(1);
    expect(s.width95).toBeCloseTo(2 * 1.959964, 5);
  });

  it("counts a target just outside 1.96 std as not covered", () => {
    const s = scoreUq(Float32Array.of(0, 0), Float32Array.of(1, 1), Float32Array.of(1.95, 1.97));
    expect(s.coverage95).toBe(0.5);
  });

  it("scores a conformal model's own 95% interval, not mean ± 1.96·std", () => {
    // 19 held-out scores: the 95% bound is the ⌈20 · 0.95⌉ = 19th smallest, 2, so the interval is ∓2.
    const scores = [...Array.from({ length: 18 }, (_, i) => (i + 1) / 10), 2];
    const calibration = { kind: "conformal" as const, count: 19, scores: [scores] };
    const y = Float32Array.of(1.97, 2.1);
    const s = scoreUq(Float32Array.of(0, 0), Float32Array.of(1, 1), y, calibration);
    expect(s.coverage95).toBe(0.5);
    expect(s.width95).toBeCloseTo(4, 6);
    // The Gaussian interval ∓1.96 covers neither; NLL does not depend on the interval.
    const gaussian = scoreUq(Float32Array.of(0, 0), Float32Array.of(1, 1), y);
    expect(gaussian.coverage95).toBe(0);
    expect(s.nll).toBe(gaussian.nll);
  });

  it("keeps the Gaussian interval for a std-scaling model, whose factor is already in std", () => {
    const calibration = { kind: "std-scaling" as const, count: 19, factors: [3] };
    const s = scoreUq(Float32Array.of(0, 0), Float32Array.of(1, 1), Float32Array.of(1.95, 1.97), calibration);
    expect(s.coverage95).toBe(0.5);
  });
});

describe("summarizeScores", () => {
  it("gives the mean and the sample std over splits", () => {
    const score = (rmse: number, seconds: number) => ({
      split: 0,
      seconds,
      rmse,
      nll: 1,
      crps: 1,
      coverage95: 1,
      width95: 1,
    });
    const s = summarizeScores([score(1, 2), score(3, 4)]);
    expect(s.rmse).toEqual({ mean: 2, std: Math.SQRT2 });
    expect(s.nll.std).toBe(0);
    expect(s.totalSeconds).toBe(6);
    expect(s.splits).toBe(2);
  });
});

describe("parseUqOptions", () => {
  it("reports splits 0–19 of both data sets with the peer by default, and writes the docs", () => {
    expect(parseUqOptions([])).toEqual({
      datasets: ["boston", "auto-mpg"],
      splits: REPORTED_SPLITS,
      rpfFlags: [],
      peer: true,
      conformal: true,
      write: true,
    });
    expect(parseUqOptions(["--no-conformal"]).conformal).toBe(false);
    expect(REPORTED_SPLITS).toEqual([...Array(20).keys()]);
  });

  it("a tuning run (other splits or flags) never writes the docs", () => {
    const tuning = parseUqOptions(["--splits", "100-102", "--rpf-flags", "--epochs 40 --lr 0.003", "--no-peer"]);
    expect(tuning).toMatchObject({ splits: [100, 101, 102], rpfFlags: ["--epochs", "40", "--lr", "0.003"] });
    expect(tuning).toMatchObject({ peer: false, write: false });
    expect(() => parseUqOptions(["--splits", "1,x"])).toThrow(RangeError);
  });
});

describe("replaceUqSection", () => {
  const section = `${SECTION_START}\n## Benchmark: UCI regression\nnew\n${SECTION_END}\n`;

  it("replaces only the text between the markers", () => {
    const document = `# Uncertainty\n\n## Calibration\nkept\n\n${SECTION_START}\nold\n${SECTION_END}\n\n## After\nkept too\n`;
    const updated = replaceUqSection(document, section);
    expect(updated).toBe(`# Uncertainty\n\n## Calibration\nkept\n\n${section}\n## After\nkept too\n`);
    expect(replaceUqSection(updated, section)).toBe(updated);
  });

  it("appends the section to a document without one", () => {
    expect(replaceUqSection("# Uncertainty\n\n## Calibration\nkept\n", section)).toBe(
      `# Uncertainty\n\n## Calibration\nkept\n\n${section}`,
    );
  });
});

describe("runSplits", () => {
  it("gives rpf and a second model the same split files and scores both with the same metrics", async () => {
    const boston = await loadBoston();
    const seen: SplitFiles[] = [];
    // A model that ignores its inputs: the training targets' mean and std for every test row.
    const constant: UqModel = (split) => {
      seen.push(split);
      const lines = readFileSync(split.train, "utf8").trim().split("\n");
      const targetIndex = lines[0]!.split(",").indexOf(split.target);
      const y = lines.slice(1).map((line) => Number(line.split(",")[targetIndex]));
      const mean = y.reduce((a, b) => a + b, 0) / y.length;
      const std = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length);
      const rows = readFileSync(split.test, "utf8").trim().split("\n").length - 1;
      return { mean: new Float32Array(rows).fill(mean), std: new Float32Array(rows).fill(std), seconds: 0 };
    };
    const rpf: UqModel = (split) => {
      seen.push(split);
      return runRpf(split, ["--epochs", "2", "--members", "2"]);
    };
    const scores = await runSplits(boston, [7], { rpf, constant }, tempFolder());
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toMatchObject({ seed: 7, target: "medv" });
    for (const list of Object.values(scores)) {
      expect(list).toHaveLength(1);
      for (const value of [list[0]!.rmse, list[0]!.nll, list[0]!.crps, list[0]!.width95]) {
        expect(Number.isFinite(value) && value > 0).toBe(true);
      }
    }
    // Boston's targets have std ≈ 9.2: a predictor of the mean alone has about that RMSE.
    expect(scores.constant![0]!.rmse).toBeGreaterThan(5);
  }, 120_000);
});

describe("runRpf", () => {
  it("returns a conformal model's calibration, so its own intervals are scored", async () => {
    const boston = await loadBoston();
    const { files } = writeSplit(boston, 3, tempFolder());
    const flags = ["--epochs", "2", "--members", "2", "--validation", "0.1", "--calibrate", "conformal"];
    const run = await runRpf(files, flags);
    expect(run.calibration?.kind).toBe("conformal");
    expect(run.calibration?.count).toBeGreaterThan(40);
  }, 120_000);
});

describe("renderUqSection", () => {
  const summary = (nll: number) =>
    summarizeScores([{ split: 0, seconds: 3, rmse: 3, nll, crps: 1.5, coverage95: 0.95, width95: 12 }]);
  const report = (splits: number): UqReport => ({
    date: "2026-11-30",
    machine: { cpu: "Test CPU", cores: 2, memoryGiB: 8, node: "v22.0.0", platform: "linux-x64" },
    load: [1, 2],
    splits,
    preset: "--head gaussian",
    peerMissing: null,
    datasets: [
      {
        name: "boston",
        source: "src",
        license: "CC0",
        rows: 506,
        dropped: 0,
        inputs: 13,
        target: "medv",
        models: { rpf: summary(2.4), pytorch: summary(2.5) },
      },
    ],
  });

  it("puts both models and the published rows in one table, with machine, date and the targets", () => {
    const text = renderUqSection(report(20));
    expect(text.startsWith(`${SECTION_START}\n## Benchmark: UCI regression\n`)).toBe(true);
    expect(text.endsWith(`${SECTION_END}\n`)).toBe(true);
    expect(text).toContain("Test CPU, 2 cores");
    expect(text).toContain("2026-11-30");
    expect(text).toContain("chosen by measurement on splits 100–129 (`pnpm bench:uq --splits 100-129 --no-peer");
    expect(text).toContain("| rpf `--preset tabular` (this run) | 3.00 ± 0.00 | 2.40 ± 0.00 |");
    expect(text).toContain("| PyTorch peer (this run) | 3.00 ± 0.00 | 2.50 ± 0.00 |");
    expect(text).toContain("| 3.28 ± 1.00 | 2.41 ± 0.25 |");
    expect(text).toContain("- Boston NLL ≤ 2.45: 2.40, met (stretch ≤ 2.35: missed).");
    expect(text).toContain("- boston: rpf's NLL ≤ the peer's: 2.400 vs 2.500, met.");
  });

  it("checks the conformal coverage floor on the conformal arm's coverage, when it ran", () => {
    expect(renderUqSection(report(20))).not.toContain("conformal 95% intervals");
    const base = report(20);
    const withConformal: UqReport = {
      ...base,
      datasets: base.datasets.map((d) => ({ ...d, models: { ...d.models, [CONFORMAL_MODEL]: summary(2.45) } })),
    };
    const text = renderUqSection(withConformal);
    expect(text).toContain("- boston: coverage of rpf's conformal 95% intervals ≥ 0.93 (level − 0.02): 0.950, met.");
    expect(text).toContain(`| rpf \`--preset tabular ${CONFORMAL_FLAGS.join(" ")}\` (this run) |`);
  });

  it("states the Boston targets only for the 20-split protocol they are defined on", () => {
    expect(renderUqSection(report(3))).not.toContain("Boston NLL ≤");
  });
});
