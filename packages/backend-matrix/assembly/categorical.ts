import { fdlibmLog } from "./gaussian";
import { expm1NonPositive } from "./vector-math";

/**
 * The categorical head's per-row maths, operation for operation as src/categorical-head.ts
 * computes it, so the kernel trains to the same bits. exp(a) for a ≤ 0 is the kernel's
 * non-positive fdlibm expm1 plus 1 (Math.expm1(a) + 1 in V8) and log is fdlibmLog (Math.log).
 */

/**
 * w · CE of one row of `classes` logits z = t + β·p against y (all f64 arrays at byte
 * addresses), CE = Σ_k y_k·(log Σ e^(z − max) − (z_k − max)). With `grad` ≠ 0 it first keeps
 * e^(z_k − max) there and then overwrites it with dL/dt_k = w·(e_k/Σe − y_k)·scale; with `grad`
 * 0 it uses `scratch` for e and writes no gradient.
 */
export function crossEntropyRow(
  t: usize,
  prior: usize,
  y: usize,
  classes: i32,
  w: f64,
  grad: usize,
  scratch: usize,
  scale: f64,
): f64 {
  const e = grad !== 0 ? grad : scratch;
  let max = load<f64>(t) + load<f64>(prior);
  for (let k = 1; k < classes; k++) {
    const at = (<usize>k) << 3;
    const z = load<f64>(t + at) + load<f64>(prior + at);
    if (z > max) max = z;
  }
  let sum = 0.0;
  for (let k = 0; k < classes; k++) {
    const at = (<usize>k) << 3;
    const a = load<f64>(t + at) + load<f64>(prior + at) - max;
    const ek = f64x2.extract_lane(expm1NonPositive(f64x2.splat(a)), 0) + 1.0;
    store<f64>(e + at, ek);
    sum += ek;
  }
  const logSum = fdlibmLog(sum);
  let ce = 0.0;
  for (let k = 0; k < classes; k++) {
    const at = (<usize>k) << 3;
    ce += load<f64>(y + at) * (logSum - (load<f64>(t + at) + load<f64>(prior + at) - max));
  }
  if (grad !== 0) {
    for (let k = 0; k < classes; k++) {
      const at = (<usize>k) << 3;
      store<f64>(grad + at, w * (load<f64>(e + at) / sum - load<f64>(y + at)) * scale);
    }
  }
  return w * ce;
}
