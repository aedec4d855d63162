import type { FitProgress } from "@rpf/core";

export interface ProgressReporter {
  update(progress: FitProgress): void;
  stop(): void;
}

function meanLoss(progress: FitProgress): number {
  let sum = 0;
  for (const loss of progress.memberLosses) sum += loss;
  return sum / progress.memberLosses.length;
}

/**
 * A live bar with loss and ETA on a terminal; plain lines (about ten per run) when stderr is a
 * pipe or a file, so logs stay readable. The bar's library is loaded only for a terminal.
 */
export async function createProgressReporter(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): Promise<ProgressReporter> {
  const started = performance.now();
  if (stream.isTTY) {
    const { default: cliProgress } = await import("cli-progress");
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} |{bar}| epoch {value}/{total} | loss {loss} | ETA {eta_formatted}`,
        etaBuffer: 50,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let startedBar = false;
    return {
      update(progress) {
        if (!startedBar) {
          bar.start(progress.targetEpoch, 0, { loss: "…" });
          startedBar = true;
        }
        bar.update(progress.epoch, { loss: meanLoss(progress).toExponential(3) });
      },
      stop: () => bar.stop(),
    };
  }
  let nextReport = 0;
  return {
    update(progress) {
      const fraction = progress.epoch / progress.targetEpoch;
      if (fraction < nextReport && progress.epoch !== progress.targetEpoch) return;
      nextReport = Math.floor(fraction * 10 + 1) / 10;
      const elapsed = (performance.now() - started) / 1000;
      const eta = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : 0;
      stream.write(
        `${label}: epoch ${progress.epoch}/${progress.targetEpoch} loss ${meanLoss(progress).toExponential(3)} elapsed ${elapsed.toFixed(1)}s eta ${eta.toFixed(1)}s\n`,
      );
    },
    stop() {},
  };
}
