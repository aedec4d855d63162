/** The notebook's colours: red mean and bands, matplotlib's first three for p, t and g. */
export const PALETTE = {
  data: "#1f1f1f",
  mean: "#c62828",
  band1: "rgba(198, 40, 40, 0.30)",
  band2: "rgba(198, 40, 40, 0.13)",
  /** A Gaussian model's bands: the total in the mean's red, the noise alone in a teal that reads apart from it. */
  totalBand: "rgba(198, 40, 40, 0.16)",
  noiseBand: "rgba(0, 121, 107, 0.32)",
  prior: "#1f77b4",
  trainable: "#ff7f0e",
  resultant: "#2ca02c",
  loss: "#5e35b1",
  axis: "#4a4f57",
  grid: "rgba(0, 0, 0, 0.07)",
} as const;

/** Members in distinct hues, light enough that the mean and bands stay readable on top. */
export function memberColor(index: number, count: number): string {
  const hue = Math.round((index * 360) / Math.max(count, 1) + 200) % 360;
  return `hsla(${hue}, 55%, 50%, 0.75)`;
}
