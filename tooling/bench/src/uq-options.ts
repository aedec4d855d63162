/** What one `pnpm bench:uq` run does, from its command line. */
export interface UqOptions {
  /** Data set names (loadBoston → "boston", loadAutoMpg → "auto-mpg"). */
  readonly datasets: readonly string[];
  /** Split numbers: each is the seed of its shuffle. */
  readonly splits: readonly number[];
  /** Extra `rpf train` flags, which override the preset (for tuning it). */
  readonly rpfFlags: readonly string[];
  readonly peer: boolean;
  /**
   * Whether to run rpf a second time with a conformal calibration (the preset plus
   * CONFORMAL_FLAGS) to check the coverage its guarantee promises; `--no-conformal` leaves it out.
   */
  readonly conformal: boolean;
  /** Whether to write docs/uncertainty.md (tuning runs do not). */
  readonly write: boolean;
}

/**
 * The splits the tabular preset is tuned on (`--splits 100-129`): disjoint from the reported ones,
 * so no reported test row ever chose a setting.
 */
export const TUNING_SPLITS = { first: 100, last: 129 } as const;

/** The reported protocol: splits 0–19 of each data set, both models, written to the docs. */
export const REPORTED_SPLITS = Array.from({ length: 20 }, (_, split) => split);

function range(text: string): number[] {
  const match = /^(\d+)-(\d+)$/.exec(text);
  if (match) return Array.from({ length: Number(match[2]) - Number(match[1]) + 1 }, (_, i) => Number(match[1]) + i);
  return text.split(",").map(Number);
}

/**
 * Parses `--datasets a,b --splits 0-19|0,3,5 --rpf-flags "--epochs 40" --no-peer --no-conformal`. Any of
 * --splits or --rpf-flags makes it a tuning run, which does not write the docs.
 * @throws RangeError for a split that is not a whole number ≥ 0.
 */
export function parseUqOptions(argv: readonly string[]): UqOptions {
  const value = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const splitsText = value("--splits");
  const flagsText = value("--rpf-flags");
  const splits = splitsText ? range(splitsText) : REPORTED_SPLITS;
  const bad = splits.find((split) => !Number.isInteger(split) || split < 0);
  if (bad !== undefined)
    throw new RangeError(`--splits takes "A-B" or "A,B,C" of whole numbers ≥ 0, got ${splitsText}`);
  return {
    datasets: (value("--datasets") ?? "boston,auto-mpg").split(","),
    splits,
    rpfFlags: flagsText ? flagsText.split(/\s+/).filter(Boolean) : [],
    peer: !argv.includes("--no-peer"),
    conformal: !argv.includes("--no-conformal"),
    write: !splitsText && !flagsText,
  };
}
