/** Exit codes of a run stopped by a signal: 128 + the signal's number, as shells report them. */
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** A command stopped by SIGINT or SIGTERM before it wrote anything. */
export class InterruptedError extends Error {
  override name = "InterruptedError";
  readonly exitCode: number;

  constructor(signal: NodeJS.Signals, what: string) {
    super(`interrupted by ${signal} ${what}`);
    this.exitCode = SIGNAL_EXIT_CODES[signal] ?? 1;
  }
}

/**
 * Turns SIGINT and SIGTERM into an AbortSignal for the duration of `work`; a run they stop ends in
 * an InterruptedError. Outputs are written only after `work`, so an interrupted run writes none.
 */
export async function withInterruption<T>(
  describe: () => string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    received = signal;
    controller.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (received) throw new InterruptedError(received, describe());
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
