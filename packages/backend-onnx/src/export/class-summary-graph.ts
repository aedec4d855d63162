import { INT64 } from "../onnx-proto.js";
import { type GraphBuilder, intAttribute, intsAttribute } from "./graph-builder.js";
import { TENSOR } from "./names.js";

/**
 * The smallest normal float32, 2⁻¹²⁶. p̄·log(max(p̄, tiny)) is p̄·log p̄ wherever p̄ ≥ tiny and 0
 * where p̄ = 0 (a class every member's softmax underflowed to 0), where p̄·log p̄ would be
 * 0·(−∞) = NaN; for 0 < p̄ < tiny both are below 1e-36 in size, far under float32's rounding of
 * an entropy. Adding an ε to p̄ instead would shift every term, not only the zero ones.
 */
const PROBABILITY_FLOOR = 2 ** -126;

/**
 * The "categorical" head's summary over the member axis, as core's summarizeClasses computes it
 * (docs/heads.md; Houlsby et al. 2011, Depeweg et al. 2018), entropies in nats:
 *
 * - `probabilities` [N, K]: the uniform average of the members' softmax — never the softmax of
 *   the averaged logits, which is another, over-confident distribution;
 * - `predicted_class` [N] int64: argmax of `probabilities`, the lowest index on ties;
 * - `entropy` [N]: H[p̄] = −Σ_k p̄_k log p̄_k;
 * - `aleatoric_entropy` [N]: the members' mean entropy (1/M) Σ_m H[p_m];
 * - `mutual_information` [N]: entropy − aleatoric_entropy, clamped at 0 (Jensen makes it ≥ 0;
 *   a negative value is round-off).
 *
 * A member's entropy uses its log-softmax, finite for finite logits, so p·log p is exactly 0
 * where its softmax underflows; the average has no logits, so its log is taken of
 * max(p̄, PROBABILITY_FLOOR). `publish` gives the node name of a public float output (see exportOnnx).
 * @param logits the members' logits [M, N, K].
 */
export function addClassSummary(
  graph: GraphBuilder,
  logits: string,
  classCount: number,
  publish: (name: string) => string,
): void {
  const lastAxis = graph.int64Constant("class_axis", [-1], [1]);
  const overClasses = [intAttribute("keepdims", 0)];
  const overMembers = [intsAttribute("axes", [0]), intAttribute("keepdims", 0)];
  const logProbabilities = graph.op("LogSoftmax", [logits], [intAttribute("axis", -1)]);
  const memberProbabilities = graph.op("Exp", [logProbabilities]);
  const probabilities = graph.op("ReduceMean", [memberProbabilities], overMembers, publish(TENSOR.probabilities));
  graph.output(TENSOR.probabilities, ["N", classCount]);

  const memberEntropy = graph.op("Neg", [
    graph.op("ReduceSum", [graph.op("Mul", [memberProbabilities, logProbabilities]), lastAxis], overClasses),
  ]);
  const aleatoric = graph.op("ReduceMean", [memberEntropy], overMembers, publish(TENSOR.aleatoricEntropy));
  const floor = graph.constant("probability_floor", Float32Array.of(PROBABILITY_FLOOR), []);
  const logMean = graph.op("Log", [graph.op("Max", [probabilities, floor])]);
  const entropy = graph.op(
    "Neg",
    [graph.op("ReduceSum", [graph.op("Mul", [probabilities, logMean]), lastAxis], overClasses)],
    [],
    publish(TENSOR.entropy),
  );
  graph.op("Relu", [graph.op("Sub", [entropy, aleatoric])], [], publish(TENSOR.mutualInformation));
  for (const name of [TENSOR.entropy, TENSOR.aleatoricEntropy, TENSOR.mutualInformation]) graph.output(name, ["N"]);

  // ArgMax keeps the first of equal maxima (select_last_index = 0), as summarizeClasses does.
  graph.op(
    "ArgMax",
    [probabilities],
    [intAttribute("axis", -1), intAttribute("keepdims", 0), intAttribute("select_last_index", 0)],
    TENSOR.predictedClass,
  );
  graph.output(TENSOR.predictedClass, ["N"], INT64);
}
