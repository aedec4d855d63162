import type { Dataset } from "../data/dataset.js";
import { Ensemble, type EnsembleOptions, type FitOptions } from "../ensemble/ensemble.js";
import { InvalidArgumentError } from "../errors.js";
import type { GridCandidate, GridSearchReport } from "../io/validation-report.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpec, EnsembleSpecInput } from "../spec/types.js";
import type { ValidationOptions } from "../validation/held-out-run.js";

/** The β grid of `--beta auto`: no prior, then prior scales a factor of about 3 apart. */
export const DEFAULT_PRIOR_SCALE_GRID: readonly number[] = [0, 0.3, 1, 3, 10];
/** The weight-decay grid of `--weight-decay auto` (decoupled, per optimiser step times the learning rate). */
export const DEFAULT_WEIGHT_DECAY_GRID: readonly number[] = [0, 1e-4, 1e-3, 1e-2, 1e-1];

/** What searchGrid varies; a dimension left out keeps the spec's value. */
export interface GridSpec {
  readonly priorScale?: readonly number[];
  readonly weightDecay?: readonly number[];
}

/** Candidates trained at once by default: each opens its own handle (and, on matrix, its own threads). */
export const DEFAULT_GRID_CONCURRENCY = 5;

/** What searchGrid returns: the chosen run and every candidate's validation score. */
export interface GridSearchResult {
  /** The chosen candidate, trained, its report recording the search. */
  readonly ensemble: Ensemble;
  readonly report: GridSearchReport;
}

function checkGrid(values: readonly number[] | undefined, field: string): void {
  if (values === undefined) return;
  if (values.length === 0)
    throw new InvalidArgumentError(`the ${field} grid is empty; give at least one value`, {
      field,
      accepted: "a non-empty list of finite numbers >= 0",
    });
  const bad = values.find((v) => !(Number.isFinite(v) && v >= 0));
  if (bad !== undefined)
    throw new InvalidArgumentError(`the ${field} grid holds ${bad}; every value must be a finite number >= 0`, {
      field,
    });
}

/**
 * Trains one ensemble per grid point (β outer, weight decay inner) and keeps the one with the
 * lowest validation score. Every candidate uses the spec's seed, so all share the validation
 * split, initial weights, bootstraps and minibatch orders: the choice is reproducible, and the
 * candidates differ only in the searched values. They train concurrently (each on its own
 * handle); the result does not depend on the order in which they finish.
 *
 * @param fit - options for every candidate's fit; `validation` is required.
 * @param options - the backend of every candidate, and how many train at once (concurrency,
 *   default DEFAULT_GRID_CONCURRENCY; the result is the same for any value).
 * @throws {InvalidArgumentError} for an empty grid or a value < 0, or without fit.validation.
 */
export async function searchGrid(
  input: EnsembleSpecInput | EnsembleSpec,
  data: Dataset,
  grid: GridSpec,
  fit: FitOptions & { validation: ValidationOptions },
  options: EnsembleOptions & { concurrency?: number } = {},
): Promise<GridSearchResult> {
  checkGrid(grid.priorScale, "priorScale");
  checkGrid(grid.weightDecay, "weightDecay");
  if (!fit.validation)
    throw new InvalidArgumentError("a grid search scores candidates on a validation split; give validation", {
      field: "validation",
    });
  const spec = resolveEnsembleSpec(input);
  const points = (grid.priorScale ?? [spec.priorScale]).flatMap((priorScale) =>
    (grid.weightDecay ?? [spec.weightDecay]).map((weightDecay) => ({ priorScale, weightDecay })),
  );
  const { concurrency = DEFAULT_GRID_CONCURRENCY, ...backend } = options;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1))
    throw new InvalidArgumentError(`concurrency must be a whole number >= 1, got ${concurrency}`, {
      field: "concurrency",
    });
  // Results are kept by grid index, so the order in which candidates finish changes nothing.
  const ensembles: (Ensemble | undefined)[] = new Array(points.length);
  let next = 0;
  let failure: { readonly reason: unknown } | null = null;
  const lane = async () => {
    while (next < points.length && !failure) {
      const index = next++;
      const ensemble = await Ensemble.create({ ...spec, ...points[index]! }, backend);
      ensembles[index] = ensemble;
      try {
        await ensemble.fit(data, fit);
      } catch (reason) {
        failure ??= { reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, points.length) }, lane));
  if (failure) {
    await Promise.all(ensembles.map((ensemble) => ensemble?.dispose()));
    throw (failure as { readonly reason: unknown }).reason;
  }
  const candidates: GridCandidate[] = ensembles.map((ensemble, i) => {
    const validation = ensemble!.training!.validation!;
    return { ...points[i]!, score: validation.score, bestEpoch: validation.bestEpoch };
  });
  let chosen = 0;
  candidates.forEach((candidate, i) => {
    if (candidate.score < candidates[chosen]!.score) chosen = i;
  });
  await Promise.all(ensembles.filter((_, i) => i !== chosen).map((ensemble) => ensemble!.dispose()));
  const report = { candidates, chosen };
  const ensemble = ensembles[chosen]!;
  ensemble.recordSearch(report);
  return { ensemble, report };
}
