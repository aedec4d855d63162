import { makeToyData } from "@rpf/core";
import type { TrainingData } from "../worker/protocol.js";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export type DataSource =
  | { readonly kind: "toy" }
  | { readonly kind: "csv"; readonly fileName: string; readonly xColumn: string; readonly yColumn: string };

/** "edit": a point added or removed (the view stays put); "replace": new data, new view. */
export type DataChange = "edit" | "replace";

/** The seed notebook's data: 100 points, x ~ U(0, 0.5), data seed 0. */
export function toyPoints(): Point[] {
  const data = makeToyData({ seed: 0 });
  return Array.from(data.x, (x, i) => ({ x, y: data.y[i]! }));
}

/** The training points and where they came from; listeners redraw on every change. */
export class DataStore {
  private current: readonly Point[] = toyPoints();
  private origin: DataSource = { kind: "toy" };
  private readonly listeners = new Set<(change: DataChange) => void>();
  private changes = 0;

  get points(): readonly Point[] {
    return this.current;
  }

  /** Counts the changes: results made from version v are stale once it differs. */
  get version(): number {
    return this.changes;
  }

  get source(): DataSource {
    return this.origin;
  }

  onChange(listener: (change: DataChange) => void): void {
    this.listeners.add(listener);
  }

  add(point: Point): void {
    this.current = [...this.current, point];
    this.emit("edit");
  }

  removeAt(index: number): void {
    // The last point stays: training needs at least one example.
    if (this.current.length <= 1 || index < 0 || index >= this.current.length) return;
    this.current = this.current.filter((_, i) => i !== index);
    this.emit("edit");
  }

  replace(points: readonly Point[], source: DataSource): void {
    this.current = points;
    this.origin = source;
    this.emit("replace");
  }

  reset(): void {
    this.replace(toyPoints(), { kind: "toy" });
  }

  toTrainingData(): TrainingData {
    return {
      x: Float32Array.from(this.current, (p) => p.x),
      y: Float32Array.from(this.current, (p) => p.y),
    };
  }

  private emit(change: DataChange): void {
    this.changes += 1;
    for (const listener of this.listeners) listener(change);
  }
}
