/**
 * The legend: every series a figure can show, styled as the notebook's matplotlib plots were
 * (default colour cycle for the nets, red for the ensemble's mean and bands, black crosses for data).
 */

/** matplotlib's "kx" marker: a diagonal cross, as an SVG path in Vega's unit symbol box. */
const CROSS = "M-1,-1L1,1M-1,1L1,-1";

const SOLID: number[] = [];
/** matplotlib's "--" at a line width of 1.5. */
export const DASHED = [5.5, 2.5];

interface SeriesStyle {
  readonly label: string;
  readonly color: string;
  /** The legend symbol; "stroke" draws a short line. */
  readonly shape: string;
  readonly opacity: number;
  readonly dash: number[];
}

/** The series one figure shows, in legend order. */
export type SeriesKey = readonly SeriesStyle[];

const line = (label: string, color: string, dash = SOLID): SeriesStyle => ({
  label,
  color,
  shape: "stroke",
  opacity: 1,
  dash,
});
const band = (label: string, opacity: number): SeriesStyle => ({
  label,
  color: "red",
  shape: "square",
  opacity,
  dash: SOLID,
});

export const SERIES = {
  data: { label: "Toy data", color: "black", shape: CROSS, opacity: 0.8, dash: SOLID },
  prior: line("prior net (β·p)", "#1f77b4"),
  trainable: line("trainable net (t)", "#ff7f0e"),
  resultant: line("resultant (g)", "#2ca02c"),
  mean: line("mean", "red", DASHED),
  oneSigma: band("mean ± 1σ", 0.5),
  twoSigma: band("mean ± 2σ", 0.2),
  // A Gaussian-head model's two bands (docs/heads.md): the noise it predicts inside the total.
  aleatoricTwoSigma: band("aleatoric ± 2σ", 0.5),
  totalTwoSigma: band("total ± 2σ", 0.2),
} satisfies Record<string, SeriesStyle>;

/** matplotlib's colour cycle, for curves told apart by colour alone (the ensemble's members). */
export const CYCLE = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

type Channel = "color" | "shape" | "opacity" | "strokeDash";

/**
 * The encoding that styles a layer by its rows' `series` and builds the legend. Every layer of a
 * figure must get the same key: Vega-Lite merges the channels into one legend only when their
 * scales agree, and one key per figure keeps the legend to the entries the figure shows. Each mark
 * gets only the channels it draws: `shape` on a line would add a symbol at every vertex.
 */
export function seriesEncoding(key: SeriesKey, channels: readonly Channel[]) {
  const ranges = {
    color: key.map((s) => s.color),
    shape: key.map((s) => s.shape),
    opacity: key.map((s) => s.opacity),
    strokeDash: key.map((s) => s.dash),
  };
  const domain = key.map((s) => s.label);
  return Object.fromEntries(
    channels.map((channel) => [
      channel,
      // Sorted in the key's order, with an ordinal scale: Vega-Lite would otherwise interpolate
      // opacities between series (and warn about an unsorted field on the opacity channel).
      {
        field: "series",
        type: "nominal",
        title: null,
        sort: domain,
        scale: { type: "ordinal", domain, range: ranges[channel] },
      },
    ]),
  );
}
