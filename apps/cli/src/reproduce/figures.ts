import { join } from "node:path";
import { memberSlice, type Prediction } from "@rpf/core";
import type { TopLevelSpec } from "vega-lite";
import { writeFileAtomically } from "../atomic-write.js";

/** Curves of member m: the prior's contribution β·p, the trainable net t, and g = t + β·p. */
export function memberCurves(prediction: Prediction, m: number) {
  return {
    prior: memberSlice(prediction.prior, prediction, m),
    trainable: memberSlice(prediction.trainable, prediction, m),
    resultant: memberSlice(prediction.members, prediction, m),
  };
}

export function allMembers(prediction: Prediction): Float32Array[] {
  return Array.from({ length: prediction.memberCount }, (_, m) => memberSlice(prediction.members, prediction, m));
}

/**
 * Renders one figure to NAME.svg and NAME.png under dir; returns the file names. The renderer
 * (Vega, Vega-Lite, resvg) is loaded at the first figure, not when the CLI starts.
 */
export async function saveFigure(dir: string, name: string, spec: TopLevelSpec): Promise<string[]> {
  const { renderFigure } = await import("../figures/render.js");
  const { svg, png } = await renderFigure(spec);
  await writeFileAtomically(join(dir, `${name}.svg`), svg);
  await writeFileAtomically(join(dir, `${name}.png`), png);
  return [`${name}.svg`, `${name}.png`];
}
