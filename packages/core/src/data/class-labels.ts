import { DataError } from "../errors.js";
import { MAX_CLASSES, MIN_CLASSES } from "../spec/caps.js";
import { NUMBER_PATTERN, quote } from "./csv.js";

/** Code-unit order, as Array.prototype.sort uses without a comparator (not locale-dependent). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The distinct labels of `labels` in rpf's class order (docs/heads.md): numerically when every
 * label is a finite number as a CSV writes one ("2" before "10", "-1" before "0.5"), with labels
 * of equal value ("1", "1.0") in code-unit order; otherwise in code-unit order ("B" before "a",
 * as JavaScript's default sort). Labels are compared as given: "1" and "1.0" are two classes.
 */
export function sortClassLabels(labels: Iterable<string>): string[] {
  const distinct = [...new Set(labels)];
  const numeric = distinct.every((label) => NUMBER_PATTERN.test(label) && Number.isFinite(Number(label)));
  return distinct.sort(numeric ? (a, b) => Number(a) - Number(b) || byCodeUnits(a, b) : byCodeUnits);
}

/** Where labels came from, for messages: the source, the label column and each label's line. */
export interface LabelSource {
  /** The file as messages name it ("train.csv", "stdin"). */
  readonly source: string;
  /** The label column's name. */
  readonly column: string;
  /** Each label's 1-based line in the file. */
  readonly lines: readonly number[];
}

/**
 * The classes of a labelled training set, sorted as sortClassLabels does: index k of the model's
 * outputs is classes[k].
 * @throws {DataError} for an empty label (naming its line), a single class (nothing to tell apart),
 *   or more than MAX_CLASSES classes.
 */
export function classesOfLabels(labels: readonly string[], where: LabelSource): string[] {
  const empty = labels.indexOf("");
  if (empty >= 0) {
    throw new DataError(
      `${where.source} line ${where.lines[empty]}, column ${quote(where.column)}: the class label is empty; every row needs a label`,
      { where: `${where.source}:${where.lines[empty]}`, field: where.column, accepted: "a non-empty label" },
    );
  }
  const classes = sortClassLabels(labels);
  if (classes.length < MIN_CLASSES) {
    throw new DataError(
      `${where.source} column ${quote(where.column)} holds one class only (${quote(classes[0] ?? "")}); a classifier needs at least ${MIN_CLASSES}`,
      { where: where.source, field: where.column, accepted: `${MIN_CLASSES} to ${MAX_CLASSES} classes` },
    );
  }
  if (classes.length > MAX_CLASSES) {
    throw new DataError(
      `${where.source} column ${quote(where.column)} holds ${classes.length} distinct labels; a classifier takes at most ${MAX_CLASSES} classes (is it a numeric target? then leave out --head categorical)`,
      { where: where.source, field: where.column, accepted: `${MIN_CLASSES} to ${MAX_CLASSES} classes` },
    );
  }
  return classes;
}

/**
 * Each label's index in `classes`, [n]: the targets of a labelled set in a model's classes.
 * @throws {DataError} for a label the model has no class for, naming it, its line and the classes.
 */
export function classIndicesOf(labels: readonly string[], classes: readonly string[], where: LabelSource): Int32Array {
  const index = new Map(classes.map((label, k) => [label, k]));
  const out = new Int32Array(labels.length);
  for (const [i, label] of labels.entries()) {
    const k = index.get(label);
    if (k === undefined) {
      const known = classes.length <= 10 ? classes.map(quote).join(", ") : `${classes.length} classes`;
      throw new DataError(
        `${where.source} line ${where.lines[i]}, column ${quote(where.column)}: label ${quote(label)} is not one of the model's classes (${known})`,
        { where: `${where.source}:${where.lines[i]}`, field: where.column, accepted: classes.join(", ") },
      );
    }
    out[i] = k;
  }
  return out;
}
