import { FLOAT32_RANGE, isFiniteFloat32 } from "@rpf/core";
import type { DataStore } from "../data/points.js";
import { pointsFromCsv, pointsToCsv } from "../data/points-csv.js";
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
      this.loadCsv.disabled = busy;
      this.csvFile.disabled = busy;
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

  private async readCsv(): Promise<void> {
    const file = this.csvFile.files?.[0];
    if (!file) {
      showError(this.error, "choose a CSV file first");
      return;
    }
    try {
      const parsed = pointsFromCsv(await file.text(), file.name, { x: this.csvX.value, y: this.csvY.value });
      showError(this.error, null);
      this.data.replace(parsed.points, {
        kind: "csv",
        fileName: file.name,
        xColumn: parsed.xColumn,
        yColumn: parsed.yColumn,
      });
    } catch (error) {
      // The previous data stays: a bad file never replaces good data.
      showError(this.error, error instanceof Error ? error.message : String(error));
    }
  }
}
