import type { GraphBuilder } from "./graph-builder.js";
import { TENSOR } from "./names.js";

/**
 * log(1 + a) for a ≥ 0 [N, inputs], to the precision's rounding even where 1 + a rounds (ONNX has
 * no Log1p): log(u) for u = fl(1 + a), less the first-order effect of that rounding,
 * e / u with e = (u − 1) − a, which is exact for a < 1 (Fast2Sum) and negligible beside log(u)
 * for larger a. 0 at a = 0; a at a below half an ulp of 1.
 */
function addLog1p(graph: GraphBuilder, a: string, one: string): string {
  const u = graph.op("Add", [one, a]);
  const rounding = graph.op("Sub", [graph.op("Sub", [u, one]), a]);
  return graph.op("Sub", [graph.op("Log", [u]), graph.op("Div", [rounding, u])]);
}

/**
 * expm1(p·L) / p [N, inputs] for L = log1p(|x|) ≥ 0 and any power p, with its limit L at p = 0.
 * For |p·L| < 1, Kahan's form (u − 1)·L / log(u) with u = exp(p·L): the rounding of u cancels
 * between numerator and denominator, so it keeps the precision that exp(p·L) − 1 loses to
 * cancellation near 0, and p drops out, so p = 0 (where u = 1) needs no division: u = 1 gives L,
 * as yeoJohnson's log limit does. For |p·L| ≥ 1, where p ≠ 0 and nothing cancels, (u − 1) / p,
 * which overflows to ±Inf (or tends to −1/p) as the true value does.
 */
function addPowerTerm(graph: GraphBuilder, power: string, log: string, zero: string, one: string): string {
  const z = graph.op("Mul", [power, log]);
  const u = graph.op("Exp", [z]);
  const uMinusOne = graph.op("Sub", [u, one]);
  const kahan = graph.op("Div", [graph.op("Mul", [uMinusOne, log]), graph.op("Log", [u])]);
  const nearZero = graph.op("Where", [graph.op("Equal", [uMinusOne, zero]), log, kahan]);
  const far = graph.op("Div", [uMinusOne, power]);
  return graph.op("Where", [graph.op("Less", [graph.op("Abs", [z]), one]), nearZero, far]);
}

/**
 * Each input column's Yeo-Johnson transform in the graph, x [N, inputs] → [N, inputs] in the
 * graph's precision, with λ from the initializer `x_lambda` [inputs] (each λ rounded to float32
 * and stored in the graph's precision, as the other standardisation constants): sign(x)·expm1(p·log1p(|x|))/p with p = λ for x ≥ 0 and p = 2 − λ
 * for x < 0, and the log limits ±log1p(|x|) where p = 0 — core's yeoJohnson
 * (packages/core/src/data/yeo-johnson.ts; Yeo & Johnson 2000), computed elementwise from standard
 * opset-17 operators (GreaterOrEqual, Where, Abs, Neg, Add, Sub, Mul, Div, Exp, Log, Equal, Less).
 * Each λ is read from x_lambda in the graph, so the file's λs are in one place, which importOnnx
 * checks against the metadata.
 */
export function addYeoJohnson(graph: GraphBuilder, x: string, lambdas: readonly number[]): string {
  const lambda = graph.constant(TENSOR.xLambda, Float32Array.from(lambdas), [lambdas.length]);
  const zero = graph.constant("yeo_johnson_zero", Float32Array.of(0), []);
  const one = graph.constant("yeo_johnson_one", Float32Array.of(1), []);
  const two = graph.constant("yeo_johnson_two", Float32Array.of(2), []);
  const nonNegative = graph.op("GreaterOrEqual", [x, zero]);
  const power = graph.op("Where", [nonNegative, lambda, graph.op("Sub", [two, lambda])]);
  const magnitude = addPowerTerm(graph, power, addLog1p(graph, graph.op("Abs", [x]), one), zero, one);
  return graph.op("Where", [nonNegative, magnitude, graph.op("Neg", [magnitude])]);
}
