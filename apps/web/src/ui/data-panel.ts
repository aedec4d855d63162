import { FLOAT32_RANGE, isFiniteFloat32 } from "@rpf/core";
import { CsvReader } from "../data/csv-reader.js";
import type { DataStore } from "../data/points.js";
import { pointsToCsv } from "../data/points-csv.js";
import { editRange, nearestPointWithin, type Range, type Views } from "../data/view-range.js";
import type { Session } from "../session.js";
import { compactNumber } from "./compact-number.js";
import { byId, showError } from "./dom.js";
import { download } from "./download.js";
import type { EditAction, EditMode } from "./edit-mode.js";

/** A typed point removes the nearest point within this fraction of the near view's size. */
const REMOVE_TOLERANCE = 0.05;

/** Reset, download, a keyboard way to add or remove a point, and CSV upload with inline errors. */
export class DataPanel {
  private readonly summary = byId<HTMLElement>("data-summary");
  private readonly error = byId<HTMLElement>("data-error");
  private readonly csvFile = byId<HTMLInputElement>("csv-file");
  private readonly csvX = byId<HTMLInputElement>("csv-x");
  private readonly csvY = byId<HTMLInputElement>("csv-y");
  private readonly loadCsv = byId<HTMLButtonElement>("load-csv");
  private readonly progress = byId<HTMLElement>("data-progress");
  private readonly reader = new CsvReader();
  /** While a file is read, and while training: the data must not change under either. */
  private reading = false;
  private busy = false;

  private readonly pointX = byId<HTMLInputElement>("point-x");
  private readonly pointY = byId<HTMLInputElement>("point-y");

  constructor(
    private readonly data: DataStore,
    session: Session,
    editMode: EditMode,
    views: () => Views,
  ) {
    const reset = byId<HTMLButtonElement>("reset-data");
    reset.addEventListener("click", () => {
      showError(this.error, null);
      data.reset();
    });
    byId("download-csv").addEventListener("click", () => this.downloadCsv());
    byId<HTMLFormElement>("add-point").addEventListener("submit", (event) => {
      event.preventDefault();
      this.editTypedPoint(editMode.action, views());
    });
    this.csvFile.addEventListener("change", () => this.readCsv());
    this.loadCsv.addEventListener("click", () => this.readCsv());
    data.onChange(() => this.describe());
    session.onBusy((busy) => {
      // Training uses the data it was sent; editing during a run would only confuse the picture.
      reset.disabled = busy;
      this.busy = busy;
      this.syncCsvControls();
    });
    this.describe();
  }

  /** Adds the typed point, or removes the point nearest it, as the edit mode says. */
  private editTypedPoint(action: EditAction, views: Views): void {
    const point = { x: this.pointX.valueAsNumber, y: this.pointY.valueAsNumber };
    if (!isFiniteFloat32(point.x) || !isFiniteFloat32(point.y)) {
      showError(this.error, `a point needs a finite x and y within the float32 range (${FLOAT32_RANGE})`);
      return;
    }
    const n = compactNumber;
    const at = `${n(point.x)}, ${n(point.y)}`;
    if (action === "remove") {
      const index = nearestPointWithin(this.data.points, point, views, REMOVE_TOLERANCE);
      showError(
        this.error,
        index < 0
          ? `no point lies near (${at}): within ${REMOVE_TOLERANCE * 100}% of the near view's width and height`
          : null,
      );
      if (index >= 0) this.data.removeAt(index);
      return;
    }
    const { x, y } = editRange(views);
    const inside = (value: number, range: Range) => value >= range.min && value <= range.max;
    if (!inside(point.x, x) || !inside(point.y, y)) {
      showError(
        this.error,
        `(${at}) is outside the range points can be added in: x from ${n(x.min)} to ${n(x.max)}, y from ${n(y.min)} to ${n(y.max)} (the wide view around the data); data at another scale can be loaded as a CSV`,
      );
      return;
    }
    showError(this.error, null);
    this.data.add(point);
  }

  private describe(): void {
    const { points, source } = this.data;
    const origin =
      source.kind === "toy" ? "toy data, seed 0" : `${source.fileName} (x: ${source.xColumn}, y: ${source.yColumn})`;
    this.summary.textContent = `· ${points.length} points · ${origin}`;
  }

  private downloadCsv(): void {
    const { source, points } = this.data;
    const columns = source.kind === "csv" ? { x: source.xColumn, y: source.yColumn } : { x: "x", y: "y" };
    download("rpf-data.csv", pointsToCsv(points, columns), "text/csv");
  }

  private syncCsvControls(): void {
    this.loadCsv.disabled = this.busy || this.reading;
    this.csvFile.disabled = this.busy || this.reading;
  }

  private showProgress(text: string | null): void {
    this.progress.textContent = text ?? "";
    this.progress.hidden = text === null;
  }

  /** Parsed in a worker, so a large file leaves the page responsive; the steps are shown as they go. */
  private async readCsv(): Promise<void> {
    const file = this.csvFile.files?.[0];
    if (!file) {
      showError(this.error, "choose a CSV file first");
      return;
    }
    showError(this.error, null);
    this.reading = true;
    this.syncCsvControls();
    this.showProgress(`Reading ${file.name} (${formatBytes(file.size)})…`);
    try {
      const parsed = await this.reader.read(file, { x: this.csvX.value, y: this.csvY.value });
      if (!parsed) return;
      this.showProgress(`Drawing ${parsed.points.length.toLocaleString("en")} points…`);
      // Two frames: the message is painted before the charts draw the new data.
      await nextFrame();
      await nextFrame();
      this.data.replace(parsed.points, {
        kind: "csv",
        fileName: file.name,
        xColumn: parsed.xColumn,
        yColumn: parsed.yColumn,
      });
      await nextFrame();
    } catch (error) {
      // The previous data stays: a bad file never replaces good data.
      showError(this.error, error instanceof Error ? error.message : String(error));
    } finally {
      this.reading = false;
      this.syncCsvControls();
      this.showProgress(null);
    }
  }
}

/** The next frame, or 100 ms in a hidden tab, where frames do not come. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => resolve());
    setTimeout(resolve, 100);
  });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
