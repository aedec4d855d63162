// The package ships no types; this states the one call core makes (its README's options).
declare module "minimize-golden-section-1d" {
  interface MinimizeOptions {
    readonly lowerBound?: number;
    readonly upperBound?: number;
    readonly tolerance?: number;
    readonly maxIterations?: number;
  }
  /** The argument in [lowerBound, upperBound] that minimises f, or NaN when it did not converge. */
  export default function minimize(f: (x: number) => number, options?: MinimizeOptions): number;
}
