import type { ReproduceOptions } from "./options.js";

/** One experiment `rpf reproduce NAME` runs: its name, a line for the help, where it writes, how it runs. */
export interface Reproduction {
  readonly name: string;
  readonly summary: string;
  /** The folder written when --out is not given. */
  readonly defaultOut: string;
  /** Loads the experiment's code (only the one that runs is loaded) and returns its runner. */
  load(): Promise<(options: ReproduceOptions) => Promise<void>>;
}

/** The experiments, the first one the default; a new one is one more entry here. */
export const REPRODUCTIONS: readonly Reproduction[] = [
  {
    name: "notebook",
    summary: "the seed notebook's five experiments",
    defaultOut: "figures",
    load: async () => (await import("./notebook.js")).reproduceNotebook,
  },
  {
    name: "classification",
    summary: "the 2D prior × bootstrap ablation of a categorical ensemble",
    defaultOut: "figures/classification",
    load: async () => (await import("./classification.js")).reproduceClassification,
  },
  {
    name: "deepsea",
    summary: "bootstrapped DQN with and without randomized priors on DeepSea, episodes to learn against N",
    defaultOut: "figures/deepsea",
    load: async () => (await import("./deepsea.js")).runDeepSeaReproduction,
  },
];
