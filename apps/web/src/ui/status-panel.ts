import { byId, formatSeconds, showError } from "./dom.js";

/** Progress bar, epoch, elapsed time and device under the Train button. */
export class StatusPanel {
  private readonly progress = byId<HTMLProgressElement>("progress");
  private readonly line = byId<HTMLElement>("status-line");
  private readonly detail = byId<HTMLElement>("status-detail");
  private readonly error = byId<HTMLElement>("status-error");

  progressTo(epoch: number, target: number, elapsedMs: number, what: string): void {
    this.progress.max = Math.max(target, 1);
    this.progress.value = epoch;
    this.line.textContent = `Epoch ${epoch.toLocaleString("en")} / ${target.toLocaleString("en")} · ${formatSeconds(elapsedMs)}`;
    this.detail.textContent = what;
  }

  message(line: string, detail = ""): void {
    this.line.textContent = line;
    this.detail.textContent = detail;
  }

  showError(message: string | null): void {
    showError(this.error, message);
  }
}
