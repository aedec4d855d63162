import { classColour, DISAGREEMENT_COLOUR, MAX_SHADE } from "./heatmap-colours.js";

const WHITE = 255;

/**
 * Fills RGBA pixels (ImageData's layout, 4 bytes per cell) from the predicted probabilities
 * [cells, K]: each cell takes the colour of its most probable class (lowest index on ties), shaded
 * from white by the confidence c = (max p − 1/K) / (1 − 1/K), so an even split is white and a
 * certain cell is the class colour at MAX_SHADE. For two classes this is the Playground's
 * diverging scale.
 * @throws {RangeError} when the arrays' lengths do not match cells × K and cells × 4.
 */
export function fillProbabilityPixels(
  pixels: Uint8ClampedArray,
  probabilities: Float32Array,
  classCount: number,
): void {
  const cells = pixels.length / 4;
  if (!Number.isInteger(cells) || probabilities.length !== cells * classCount || classCount < 2) {
    throw new RangeError(
      `probabilities hold ${probabilities.length} values for ${cells} cells of ${classCount} classes`,
    );
  }
  const uniform = 1 / classCount;
  for (let i = 0; i < cells; i++) {
    let best = 0;
    let top = probabilities[i * classCount]!;
    for (let k = 1; k < classCount; k++) {
      const p = probabilities[i * classCount + k]!;
      if (p > top) {
        top = p;
        best = k;
      }
    }
    const shade = (MAX_SHADE * Math.max(0, top - uniform)) / (1 - uniform);
    const [r, g, b] = classColour(best);
    pixels[4 * i] = WHITE + shade * (r - WHITE);
    pixels[4 * i + 1] = WHITE + shade * (g - WHITE);
    pixels[4 * i + 2] = WHITE + shade * (b - WHITE);
    pixels[4 * i + 3] = 255;
  }
}

/**
 * Where a mutual information (nats) falls on the map's scale, 0 to 1: I / ln K, linear. I never
 * exceeds ln K (the entropy of K equally likely classes), so the scale is the same for every run
 * and every frame, and two maps compare by eye.
 */
export function disagreementLevel(mutualInformation: number, classCount: number): number {
  return Math.min(1, Math.max(0, mutualInformation) / Math.log(classCount));
}

/**
 * Fills RGBA pixels from the mutual information [cells] (nats): white at 0 to DISAGREEMENT_COLOUR
 * at ln K, by disagreementLevel.
 * @throws {RangeError} when the lengths do not match.
 */
export function fillDisagreementPixels(
  pixels: Uint8ClampedArray,
  mutualInformation: Float32Array,
  classCount: number,
): void {
  const cells = pixels.length / 4;
  if (mutualInformation.length !== cells) {
    throw new RangeError(`mutual information holds ${mutualInformation.length} values for ${cells} cells`);
  }
  const [r, g, b] = DISAGREEMENT_COLOUR;
  for (let i = 0; i < cells; i++) {
    const level = disagreementLevel(mutualInformation[i]!, classCount);
    pixels[4 * i] = WHITE + level * (r - WHITE);
    pixels[4 * i + 1] = WHITE + level * (g - WHITE);
    pixels[4 * i + 2] = WHITE + level * (b - WHITE);
    pixels[4 * i + 3] = 255;
  }
}
