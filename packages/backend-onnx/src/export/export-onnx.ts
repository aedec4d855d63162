import type { ModelData } from "@rpf/core";
import { assertClasses, assertInputTransform, priorMlp, trainableMlp } from "@rpf/core/backend";
import { FLOAT, onnx } from "../onnx-proto.js";
import { addClassSummary } from "./class-summary-graph.js";
import { GraphBuilder, type GraphPrecision, intAttribute, intsAttribute } from "./graph-builder.js";
import { addActivationConstants, addStackedMlp } from "./mlp-graph.js";
import { IR_VERSION, METADATA, ONNX_FORMAT, OPSET_VERSION, onnxFormatVersionOf, TENSOR } from "./names.js";
import { addYeoJohnson } from "./yeo-johnson-graph.js";

/** What exportOnnx puts in the graph besides the members' outputs, and at which precision it computes. */
export interface OnnxExportOptions {
  /** Also output the prior's contribution β·p and the trainable part, [M, N, outputs] each. Default true. */
  readonly components?: boolean;
  /**
   * Also output the ensemble mean and std [N, outputs] (and, for the Gaussian head,
   * aleatoric_std and epistemic_std [N, outputs]); for the categorical head instead
   * probabilities [N, K], predicted_class, entropy, aleatoric_entropy and mutual_information [N].
   * Default true.
   */
  readonly summary?: boolean;
  /** Producer string in the model. */
  readonly producerVersion?: string;
  /**
   * What the graph computes in; its input and outputs are float32 either way. Default "float32".
   * "float64" keeps every intermediate in range where float32's would overflow (inputs near
   * ±1e38), so outputs are finite wherever the true ones fit in float32, as on backend-matrix.
   */
  readonly precision?: GraphPrecision;
}

/**
 * Each member's variance in output units², [M, N, outputs], named `output`: (softplus(t_raw) +
 * varianceFloor) · yScale², as core's Gaussian head and scaleVarianceY compute it. softplus(a) =
 * max(a, 0) + log(1 + exp(−|a|)) from basic operators, exact to the precision's rounding for any
 * a and available in float64 as well as float32.
 */
function addMemberVariance(
  graph: GraphBuilder,
  raw: string,
  varianceFloor: number,
  yScale: string,
  output: string,
): string {
  const floor = graph.constant(TENSOR.varianceFloor, Float32Array.of(varianceFloor), []);
  const one = graph.constant("softplus_one", Float32Array.of(1), []);
  const tail = graph.op("Log", [graph.op("Add", [one, graph.op("Exp", [graph.op("Neg", [graph.op("Abs", [raw])])])])]);
  const softplus = graph.op("Add", [graph.op("Relu", [raw]), tail]);
  const standardised = graph.op("Add", [softplus, floor]);
  return graph.op("Mul", [standardised, graph.op("Mul", [yScale, yScale])], [], output);
}

/**
 * The uniform mixture's summary over the member axis, [N, outputs] each: `mean`, and `std` =
 * √(aleatoric + epistemic) with epistemic the population variance of the member means; with
 * member variances (the Gaussian head) also `aleatoric_std` = √(mean member variance) and
 * `epistemic_std`. Without them `std` is the epistemic std alone, as core's summarizeMembers.
 * `publish` gives the node name of a public output (see exportOnnx).
 */
function addMixtureSummary(
  graph: GraphBuilder,
  membersOut: string,
  variance: string | null,
  outputSize: number,
  publish: (name: string) => string,
): void {
  const reduce = [intsAttribute("axes", [0]), intAttribute("keepdims", 0)];
  const mean = graph.op("ReduceMean", [membersOut], reduce, publish(TENSOR.mean));
  const deviation = graph.op("Sub", [membersOut, mean]);
  const epistemic = graph.op("ReduceMean", [graph.op("Mul", [deviation, deviation])], reduce);
  graph.output(TENSOR.mean, ["N", outputSize]);
  if (!variance) {
    graph.op("Sqrt", [epistemic], [], publish(TENSOR.std));
    graph.output(TENSOR.std, ["N", outputSize]);
    return;
  }
  const aleatoric = graph.op("ReduceMean", [variance], reduce);
  graph.op("Sqrt", [graph.op("Add", [aleatoric, epistemic])], [], publish(TENSOR.std));
  graph.op("Sqrt", [aleatoric], [], publish(TENSOR.aleatoricStd));
  graph.op("Sqrt", [epistemic], [], publish(TENSOR.epistemicStd));
  for (const name of [TENSOR.std, TENSOR.aleatoricStd, TENSOR.epistemicStd]) graph.output(name, ["N", outputSize]);
}

/**
 * The whole ensemble as one ONNX graph (opset 17, IR 8): the input transform (Yeo-Johnson, when
 * the standardizer has xLambda; addYeoJohnson) and input standardisation, every member's
 * trainable and prior nets stacked on a leading axis, g = t + β·p, output unstandardisation, and
 * the mixture's mean and std across members; for the Gaussian head also each member's variance
 * and the aleatoric and epistemic stds; for the categorical head g are each member's K logits
 * (not rescaled) and the summary is the class probabilities and the entropy decomposition
 * (addClassSummary; docs/heads.md). N is dynamic. The rpf spec, seed and format version
 * ride along in metadata_props, so the file can be read back into rpf exactly.
 * A categorical model's class labels ride along as `rpf.classes`.
 * @throws {InvalidArgumentError} for a spec with invalid layer sizes (one not from resolveEnsembleSpec),
 *   classes that do not fit its head (a categorical model needs one distinct non-empty label per output),
 *   or a standardizer whose xLambda does not fit the spec's inputTransform.
 */
export function exportOnnx(model: ModelData, options: OnnxExportOptions = {}): Uint8Array {
  // As rpf's own writer does: no file is made that importOnnx would refuse.
  assertClasses(model.classes, model.spec);
  // Without its λs a "yeo-johnson" model would export a graph that skips the transform unseen.
  // (The onnx backend's serving graph, ensembleOnnx, has none: core hands it transformed inputs.)
  assertInputTransform(model.standardizer.xLambda, model.spec);
  return ensembleOnnx(model, options);
}

/**
 * exportOnnx without the check of `classes`: the onnx backend's serving graph, made from a spec
 * and parameters alone, has no labels to carry.
 * @throws {InvalidArgumentError} for a spec with invalid layer sizes (one not from resolveEnsembleSpec).
 */
export function ensembleOnnx(model: ModelData, options: OnnxExportOptions = {}): Uint8Array {
  const { spec, params, standardizer } = model;
  const { members, inputSize, outputSize } = spec;
  const graph = new GraphBuilder(options.precision);
  const wide = graph.precision === "float64";
  // A float64 graph computes each public output under an internal name and casts it to float32 last.
  const published: string[] = [];
  const internal = (name: string) => (wide ? `${name}_${graph.precision}` : name);
  const publish = (name: string) => {
    published.push(name);
    return internal(name);
  };
  const x = graph.input(TENSOR.input, ["N", inputSize]);
  const xIn = wide ? graph.op("Cast", [x], [intAttribute("to", graph.elementType)]) : x;
  const xMean = graph.constant(TENSOR.xMean, Float32Array.from(standardizer.xMean), [inputSize]);
  const xScale = graph.constant(TENSOR.xScale, Float32Array.from(standardizer.xScale), [inputSize]);
  // Logits have no scale (core never rescales them; standardize "xy" is refused for this head),
  // so a categorical graph has no y constants.
  const categorical = spec.head === "categorical";
  const yUnits = categorical
    ? null
    : {
        mean: graph.constant(TENSOR.yMean, Float32Array.from(standardizer.yMean), [outputSize]),
        scale: graph.constant(TENSOR.yScale, Float32Array.from(standardizer.yScale), [outputSize]),
      };
  const beta = graph.constant(TENSOR.priorScale, Float32Array.of(spec.priorScale), []);
  addActivationConstants(graph, [spec.trainable.activation, spec.prior.activation]);

  // A model with the Yeo-Johnson input transform takes each column through it before standardising, as core's standardizeX does.
  const xTransformed = standardizer.xLambda ? addYeoJohnson(graph, xIn, standardizer.xLambda) : xIn;
  const xs = graph.op("Div", [graph.op("Sub", [xTransformed, xMean]), xScale]);
  const t = addStackedMlp(graph, "trainable", trainableMlp(spec), members, params.trainable, xs);
  const p = addStackedMlp(graph, "prior", priorMlp(spec), members, params.prior, xs);
  // The Gaussian head's nets output [means, raw variances] on the last axis; β·p adds to the
  // means only (docs/heads.md), so the prior's raw half is split off and left unused.
  const gaussian = spec.head === "gaussian";
  const [tMean, tRaw] = gaussian ? graph.split(t, 2, 2) : [t];
  const [pMean] = gaussian ? graph.split(p, 2, 2) : [p];
  const withComponents = options.components ?? true;
  const priorName = withComponents ? publish(TENSOR.prior) : undefined;
  const trainableName = withComponents ? publish(TENSOR.trainable) : undefined;
  const scaledPrior = graph.op("Mul", [pMean!, beta], [], yUnits ? undefined : priorName);
  const prior = yUnits ? graph.op("Mul", [scaledPrior, yUnits.scale], [], priorName) : scaledPrior;
  const trainable = yUnits
    ? graph.op("Add", [graph.op("Mul", [tMean!, yUnits.scale]), yUnits.mean], [], trainableName)
    : trainableName
      ? graph.op("Identity", [tMean!], [], trainableName)
      : tMean!;
  const membersOut = graph.op("Add", [trainable, prior], [], publish(TENSOR.members));
  graph.output(TENSOR.members, [members, "N", outputSize]);
  const variance =
    tRaw && yUnits ? addMemberVariance(graph, tRaw, spec.varianceFloor, yUnits.scale, publish(TENSOR.variance)) : null;
  if (variance) graph.output(TENSOR.variance, [members, "N", outputSize]);
  if (withComponents) {
    graph.output(TENSOR.prior, [members, "N", outputSize]);
    graph.output(TENSOR.trainable, [members, "N", outputSize]);
  }
  if (options.summary ?? true) {
    if (categorical) addClassSummary(graph, membersOut, outputSize, publish);
    else addMixtureSummary(graph, membersOut, variance, outputSize, publish);
  }
  if (wide) for (const name of published) graph.op("Cast", [internal(name)], [intAttribute("to", FLOAT)], name);

  const metadata: Record<string, string> = {
    [METADATA.format]: ONNX_FORMAT,
    [METADATA.formatVersion]: String(onnxFormatVersionOf(spec)),
    [METADATA.spec]: JSON.stringify(spec),
    [METADATA.seed]: String(spec.seed),
    [METADATA.standardizer]: JSON.stringify(standardizer),
    ...(model.training ? { [METADATA.training]: JSON.stringify(model.training) } : {}),
    ...(model.columns ? { [METADATA.columns]: JSON.stringify(model.columns) } : {}),
    ...(model.classes ? { [METADATA.classes]: JSON.stringify(model.classes) } : {}),
  };
  const proto = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: "", version: OPSET_VERSION }],
    producerName: "rpf",
    producerVersion: options.producerVersion ?? "0.1.0",
    docString: `Deep ensemble with randomized priors: ${members} members, g = t + ${spec.priorScale}·p`,
    graph: {
      name: "rpf_ensemble",
      node: graph.nodes,
      initializer: graph.initializers,
      input: graph.inputs,
      output: graph.outputs,
    },
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(proto).finish();
}
