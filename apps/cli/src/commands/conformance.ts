import { finiteJson, resolveBackend } from "@rpf/core";
import type { Command } from "commander";
import { registerBuiltinBackends } from "../backends.js";
import {
  FLOAT32_FLOOR_BACKEND,
  FLOAT32_FLOOR_FACTOR,
  type Float32Floor,
  float32Floor,
  type ParityCell,
  type ParityRow,
  parityRow,
  type Snapshot,
  snapshot,
} from "../conformance/parity.js";
import { defineOption } from "../option-definition.js";
import { nameList } from "../option-parsers.js";
import { writeStdout } from "../stdio.js";

interface ConformanceOptions {
  backends: string[];
  quick?: boolean;
  json?: boolean;
  quiet?: boolean;
}

const REFERENCE = "matrix";

function formatCell(cell: ParityCell): string {
  const measured = cell.kind === "absolute" ? cell.maxAbs : cell.maxRel;
  return `${measured.toExponential(1)} ${cell.kind === "absolute" ? "abs" : "rel"} ${cell.pass ? "ok" : "FAIL"}`;
}

function formatTable(rows: readonly ParityRow[]): string {
  const header = [
    "backend",
    "init",
    "1 step",
    "100 steps",
    "final mean [-0.5,1]",
    "final std [-0.5,1]",
    "train s",
    "result",
  ];
  const body = rows.map((r) => [
    r.backend,
    formatCell(r.init),
    formatCell(r.oneStep),
    formatCell(r.hundredSteps),
    formatCell(r.finalMean),
    formatCell(r.finalStd),
    r.trainSeconds.toFixed(2),
    r.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), ...body.map(line)].join("\n");
}

function formatFloor(floor: Float32Floor | undefined): string {
  if (!floor) return "";
  return `float32 floor (${FLOAT32_FLOOR_BACKEND} vs ${REFERENCE}, final on [-0.5, 1]): mean ${floor.mean.toExponential(1)}, std ${floor.std.toExponential(1)}; float32 backends may differ by max(2%, ${FLOAT32_FLOOR_FACTOR}× floor)\n`;
}

async function runConformance(options: ConformanceOptions): Promise<void> {
  await registerBuiltinBackends();
  for (const backend of options.backends) await resolveBackend(backend, "train");
  const quick = options.quick ?? false;
  const log = (line: string) => {
    if (!options.json && !options.quiet) process.stderr.write(`${line}\n`);
  };
  const snapshots = new Map<string, Snapshot>();
  const train = async (backend: string): Promise<Snapshot> => {
    const cached = snapshots.get(backend);
    if (cached) return cached;
    log(`training the seed ensemble (9 members, ${quick ? 300 : 3000} epochs) on ${backend}…`);
    const result = await snapshot(backend, quick);
    snapshots.set(backend, result);
    return result;
  };
  const reference = await train(REFERENCE);
  const needsFloor = options.backends.some((b) => b !== REFERENCE);
  const floor = needsFloor ? float32Floor(await train(FLOAT32_FLOOR_BACKEND), reference) : undefined;
  const rows: ParityRow[] = [];
  for (const backend of options.backends) {
    rows.push(parityRow(backend, await train(backend), reference, backend === REFERENCE ? undefined : floor));
  }
  if (options.json) {
    await writeStdout(
      `${finiteJson({ reference: REFERENCE, quick, float32Floor: floor ?? null, floorFactor: FLOAT32_FLOOR_FACTOR, rows })}\n`,
    );
  } else {
    await writeStdout(
      `max |Δ| against ${REFERENCE} per stage (abs: absolute; rel: relative to the largest reference value); see docs/conformance.md\n${formatFloor(floor)}${formatTable(rows)}\n`,
    );
  }
  const failed = rows.filter((r) => !r.pass);
  if (failed.length > 0) throw new Error(`conformance failed for ${failed.map((r) => r.backend).join(", ")}`);
}

/** Adds `rpf conformance`'s options and action to `command`. */
export function defineConformanceCommand(command: Command): void {
  command
    .addOption(
      defineOption("--backends <list>", "backends to compare, comma-separated", {
        parse: nameList,
        default: "matrix,tfjs:cpu,tfjs:wasm",
      }),
    )
    .option("--quick", "300 epochs instead of the notebook's 3000")
    .option("--json", "print the parity table as JSON")
    .option("-q, --quiet", "no progress on stderr")
    .action((options: ConformanceOptions) => runConformance(options));
}
