import type { PlaygroundHook } from "../playground-hook.js";

/** The results the page shows: the last run (main charts and loss) and the last experiment. */
export type ResultKind = "run" | "experiment";

/** What a set of results was computed from: the settings that matter to it and the data's version. */
export interface ResultInputs {
  readonly settings: string;
  readonly data: number;
}

interface ResultSet {
  /** null: no results shown, or results (a loaded model file) that no control or data produced. */
  inputs: ResultInputs | null;
  readonly notice: HTMLElement;
  readonly dimmed: readonly HTMLElement[];
  readonly redo: string;
}

/** Why results no longer match the controls or the data, or null when they still do. */
export function staleReason(made: ResultInputs | null, now: ResultInputs): "settings" | "data" | null {
  if (!made) return null;
  if (made.data !== now.data) return "data";
  return made.settings === now.settings ? null : "settings";
}

/**
 * Dims results that no longer match the controls or the data and says so ("Settings changed —
 * retrain"); changing the controls back to what produced them undims them again.
 */
export class StaleResults {
  private readonly sets: Record<ResultKind, ResultSet>;

  constructor(
    private readonly hook: PlaygroundHook,
    elements: Record<ResultKind, { notice: HTMLElement; dimmed: readonly HTMLElement[]; redo: string }>,
    /** The current inputs, as each kind of result depends on them. */
    private readonly current: (kind: ResultKind) => ResultInputs,
  ) {
    this.sets = {
      run: { inputs: null, ...elements.run },
      experiment: { inputs: null, ...elements.experiment },
    };
    this.update();
  }

  /** New results are being made from the current inputs (or from none, for a loaded model). */
  produced(kind: ResultKind, fromInputs = true): void {
    this.sets[kind].inputs = fromInputs ? this.current(kind) : null;
    this.update();
  }

  /** The results were cleared (new data): nothing is left to be stale. */
  cleared(kind: ResultKind): void {
    this.produced(kind, false);
  }

  /** Compares every shown result with the current inputs: call after any control or data change. */
  update(): void {
    for (const kind of ["run", "experiment"] as const) {
      const set = this.sets[kind];
      const reason = staleReason(set.inputs, this.current(kind));
      const text = reason && `${reason === "settings" ? "Settings" : "Data"} changed — ${set.redo}.`;
      set.notice.textContent = text ?? "";
      set.notice.hidden = text === null;
      for (const element of set.dimmed) element.classList.toggle("stale", text !== null);
      this.hook.stale[kind] = text;
    }
  }
}
