/** An opaque colour as 0–255 channels. */
export type Rgb = readonly [number, number, number];

/** The classes' colours, TensorFlow Playground's orange and blue first; more classes take the rest in turn. */
export const CLASS_COLOURS: readonly Rgb[] = [
  [245, 147, 34],
  [8, 119, 189],
  [46, 125, 50],
  [142, 36, 170],
  [198, 40, 40],
  [0, 131, 143],
];

export function classColour(classIndex: number): Rgb {
  return CLASS_COLOURS[classIndex % CLASS_COLOURS.length]!;
}

export function cssColour([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** The mutual-information map runs from white (the members agree) to this purple (they disagree most). */
export const DISAGREEMENT_COLOUR: Rgb = [74, 20, 140];

/**
 * How far towards a class colour a fully confident cell goes: below 1, so the data points, drawn in
 * the full colours, stand out from the region around them.
 */
export const MAX_SHADE = 0.78;
