/**
 * How the fit loop stays responsive: training runs in slices of whole epochs, each sized from the
 * measured speed to take about SLICE_MS, and the event loop gets a turn between slices so
 * progress, timers, worker messages and AbortSignals are handled. One policy for every backend,
 * in Node and in browsers.
 */

/**
 * Target length of one slice. Short enough that Stop lands well within a second, long enough
 * that the fixed cost of a slice (a tfjs loss readback, a round trip to worker threads, a turn
 * of the event loop) stays small next to the training in it.
 */
export const SLICE_MS = 50;

/** Sizes slices of epochs from the time the previous ones took. */
export class TimeSlicer {
  private epochs = 1;

  /** Epochs for the next slice: the first is one, to measure. */
  next(): number {
    return this.epochs;
  }

  /** Records that `epochs` took `ms`: the next slice aims at SLICE_MS, growing at most twofold. */
  record(epochs: number, ms: number): void {
    const scaled = Math.floor((epochs * SLICE_MS) / Math.max(ms, 1));
    this.epochs = Math.max(1, Math.min(2 * epochs, scaled));
  }
}

/** The part of a browser's MessageChannel used here (core is typed without the DOM library). */
interface BrowserMessageChannel {
  readonly port1: { onmessage: (() => void) | null; close(): void };
  readonly port2: { postMessage(message: unknown): void };
}

function messageChannelYield(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel() as unknown as BrowserMessageChannel;
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Hands the event loop back so queued work runs: setImmediate in Node; in browsers a
 * MessageChannel task, not a zero timeout, which browsers clamp to 4 ms once timeouts nest.
 */
export const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === "function"
    ? () => new Promise((resolve) => setImmediate(resolve))
    : typeof MessageChannel === "function"
      ? messageChannelYield
      : () => new Promise((resolve) => setTimeout(resolve, 0));
