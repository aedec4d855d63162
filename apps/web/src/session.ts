import { type PlaygroundHook, type PlaygroundStatus, recordFailure } from "./playground-hook.js";
import { StatusPanel } from "./ui/status-panel.js";
import type { JobRequest, JobResponse, WorkerClient } from "./worker-client.js";

/** How often the elapsed time ticks while a job runs, between the worker's reports. */
const TICK_MS = 200;

/**
 * The one stoppable job the page runs at a time (training or an experiment): it owns the Stop
 * button, the status line and `rpfPlayground.status`, and tells the buttons that would start
 * another job when to stand down.
 */
export class Session {
  readonly status = new StatusPanel();
  private job: number | null = null;
  private started = 0;
  private epoch = 0;
  private target = 0;
  private label = "";
  private ticker = 0;
  /** The button that started the job and was disabled under the user's focus: focus returns to it. */
  private focusOrigin: HTMLElement | null = null;
  private readonly busyListeners = new Set<(busy: boolean) => void>();

  constructor(
    private readonly worker: WorkerClient,
    private readonly stopButton: HTMLButtonElement,
    private readonly hook: PlaygroundHook,
  ) {
    stopButton.addEventListener("click", () => this.stop());
  }

  get running(): boolean {
    return this.job !== null;
  }

  /** Buttons that start other work listen here to disable themselves while a job runs. */
  onBusy(listener: (busy: boolean) => void): void {
    this.busyListeners.add(listener);
  }

  begin(request: JobRequest, label: string, onResponse: (response: JobResponse) => void): void {
    this.started = performance.now();
    this.epoch = 0;
    this.target = "spec" in request ? (request.spec.epochs ?? 0) : 0;
    this.label = label;
    this.job = this.worker.start(request, onResponse);
    this.hook.status = "training";
    this.hook.epoch = 0;
    recordFailure(this.hook, null, null);
    this.status.showError(null);
    const focused = document.activeElement;
    this.setBusy(true);
    // A disabled button drops focus to the page's start; Stop, the one thing to do now, takes it.
    if (focused instanceof HTMLButtonElement && focused.disabled) {
      this.focusOrigin = focused;
      this.stopButton.focus();
    }
    this.tick();
    this.ticker = window.setInterval(() => this.tick(), TICK_MS);
  }

  progress(epoch: number, target: number, label = this.label): void {
    this.epoch = epoch;
    this.target = target;
    this.label = label;
    this.hook.epoch = epoch;
    this.tick();
  }

  /** The job is over; the status says how, and the page may start another. */
  end(status: Exclude<PlaygroundStatus, "training">, line: string, detail = ""): void {
    if (this.job !== null) this.worker.finish(this.job);
    this.job = null;
    window.clearInterval(this.ticker);
    this.hook.status = status;
    this.status.message(line, detail);
    this.setBusy(false);
    this.returnFocus();
  }

  /** `error`: what was thrown, when something was. */
  fail(message: string, error: Error | null = null): void {
    recordFailure(this.hook, message, error);
    this.status.showError(message);
    this.end("error", "Failed.");
  }

  /** Back to the button that started the job, unless the user has moved on to something else. */
  private returnFocus(): void {
    const focused = document.activeElement;
    if (this.focusOrigin && (focused === this.stopButton || focused === document.body || focused === null)) {
      this.focusOrigin.focus();
    }
    this.focusOrigin = null;
  }

  private elapsedMs(): number {
    return performance.now() - this.started;
  }

  private stop(): void {
    if (this.job !== null) this.worker.stop(this.job);
    this.stopButton.disabled = true;
    this.status.message("Stopping…");
  }

  private tick(): void {
    this.status.progressTo(this.epoch, this.target, this.elapsedMs(), this.label);
  }

  private setBusy(busy: boolean): void {
    this.stopButton.disabled = !busy;
    for (const listener of this.busyListeners) listener(busy);
  }
}
