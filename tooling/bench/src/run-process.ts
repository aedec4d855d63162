import { spawnSync } from "node:child_process";

export interface ProcessResult {
  readonly stdout: string;
  /** Peak resident memory of the child, in MiB, from /usr/bin/time when available. */
  readonly peakMiB: number | null;
}

const TIME_BINARY = "/usr/bin/time";

/** Runs a command to completion; throws with its stderr if it fails. */
export function runProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ProcessResult {
  const timed = spawnSync(TIME_BINARY, ["-f", "%M", "true"], { encoding: "utf8" }).status === 0;
  const result = timed
    ? spawnSync(TIME_BINARY, ["-f", "peak-kib=%M", command, ...args], {
        encoding: "utf8",
        env,
        maxBuffer: 64 * 2 ** 20,
      })
    : spawnSync(command, [...args], { encoding: "utf8", env, maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const peak = /peak-kib=(\d+)/.exec(result.stderr);
  return { stdout: result.stdout, peakMiB: peak ? Number(peak[1]) / 1024 : null };
}
