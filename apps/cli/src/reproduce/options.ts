/** What every `rpf reproduce EXPERIMENT` run is told: the command line's options, `out` resolved. */
export interface ReproduceOptions {
  /** The folder for the figures and the summary. */
  readonly out: string;
  readonly quick?: boolean;
  readonly backend: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** `deepsea` only: the grid sizes, as given on the command line. */
  readonly sizes?: string;
}
