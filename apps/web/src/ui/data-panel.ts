import { FLOAT32_RANGE, isFiniteFloat32 } from "@rpf/core";
import type { DataStore } from "../data/points.js";
import { pointsFromCsv, pointsToCsv } from "../data/points-csv.js";
import type { Session } from "../session.js";
import { byId, showError } from "./dom.js";
import { download } from "./download.js";

/** Reset, download, a keyboard way to add a point, and CSV upload with inline errors. */
export class DataPanel {
  private readonly summary = byId<HTMLElement>("data-summary");
  private readonly error = byId<HTMLElement>("data-error");
  private readonly csvFile = byId<HTMLInputElement>("csv-file");
  private readonly csvX = byId<HTMLInputElement>("csv-x");
  private readonly csvY = byId<HTMLInputElement>("csv-y");
  private readonly loadCsv = byId<HTMLButtonElement>("load-csv");

  constructor(
    private readonly data: DataStore,
    session: Session,
  ) {
    const reset = byId<HTMLButtonElement>("reset-data");
    reset.addEventListener("click", () => {
      showError(this.error, null);
      data.reset();
    });
    byId("download-csv").addEventListener("click", () => this.downloadCsv());
    const pointX = byId<HTMLInputElement>("point-x");
    const pointY = byId<HTMLInputElement>("point-y");
    byId<HTMLFormElement>("add-point").addEventListener("submit", (event) => {
      event.preventDefault();
      const x = pointX.valueAsNumber;
      const y = pointY.valueAsNumber;
      if (!isFiniteFloat32(x) || !isFiniteFloat32(y)) {
        showError(this.error, `a point needs a finite x and y within the float32 range (${FLOAT32_RANGE})`);
        return;
      }
      showError(this.error, null);
      data.add({ x, y });
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
