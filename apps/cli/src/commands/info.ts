import { cpus } from "node:os";
import { registeredBackends } from "@rpf/core";
import type { Command } from "commander";
import { registerBuiltinBackends } from "../backends.js";
import { writeStdout } from "../stdio.js";

async function runInfo(options: { json?: boolean }): Promise<void> {
  await registerBuiltinBackends();
  const backends = await Promise.all(
    registeredBackends().map(async (backend) => ({
      name: backend.name,
      train: backend.capabilities.train,
      infer: backend.capabilities.infer,
      devices: await backend.listDevices(),
    })),
  );
  if (options.json) {
    await writeStdout(`${JSON.stringify({ node: process.version, cpus: cpus().length, backends })}\n`);
    return;
  }
  const lines = [`node ${process.version}, ${cpus().length} CPU cores`, "backends:"];
  for (const b of backends) {
    lines.push(`  ${b.name}  (${[b.train && "train", b.infer && "infer"].filter(Boolean).join(", ")})`);
    for (const d of b.devices)
      lines.push(
        `    ${b.name}:${d.name}  ${d.available ? "available" : "unavailable"}${d.detail ? ` — ${d.detail}` : ""}`,
      );
  }
  const order = (need: "train" | "infer") =>
    registeredBackends(need)
      .filter((b) => b.capabilities[need])
      .map((b) => b.name)
      .join(", ");
  lines.push(`--backend auto tries, to train: ${order("train")}; to predict: ${order("infer")}`);
  await writeStdout(`${lines.join("\n")}\n`);
}

/** Adds `rpf info`'s options and action to `command`. */
export function defineInfoCommand(command: Command): void {
  command.option("--json", "print JSON").action((options: { json?: boolean }) => runInfo(options));
}
