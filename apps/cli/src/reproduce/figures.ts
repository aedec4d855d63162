import { join } from "node:path";
import { memberSlice, type Prediction } from "@rpf/core";
import type { TopLevelSpec } from "vega-lite";
import { renderFigure } from "../figures/index.js";
import { writeFileSafely } from "../files.js";

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

/** Renders one figure to NAME.svg and NAME.png under dir; returns the file names. */
export async function saveFigure(dir: string, name: string, spec: TopLevelSpec): Promise<string[]> {
  const { svg, png } = await renderFigure(spec);
  await writeFileSafely(join(dir, `${name}.svg`), svg);
  await writeFileSafely(join(dir, `${name}.png`), png);
  return [`${name}.svg`, `${name}.png`];
}
