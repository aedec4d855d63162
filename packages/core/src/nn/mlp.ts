import { describeValue } from "../describe-value.js";
import { InvalidArgumentError } from "../errors.js";
import { foldIn, type RandomKey } from "../random/index.js";
import { MAX_HIDDEN_LAYERS, MAX_LAYER_WIDTH } from "../spec/caps.js";
import { ACTIVATION_NAMES, type ActivationName, isActivationName } from "./activations.js";
import { assertInitializerName, type InitializerName, initializeKernel } from "./initializers.js";

/** A fully connected network: Dense → activation → … → Dense (the last layer is linear). */
export interface MlpSpec {
  readonly inputSize: number;
  readonly hiddenSizes: readonly number[];
  readonly outputSize: number;
  readonly activation: ActivationName;
  readonly kernelInit: InitializerName;
  readonly biasInit: "zeros";
}

/** Where one tensor of an MLP lives inside its flat parameter vector. */
export interface ParamEntry {
  readonly name: string;
  readonly offset: number;
  readonly shape: readonly number[];
  readonly size: number;
}

/** One dense layer: its fan-in and fan-out and where its kernel [fanIn, fanOut] and bias [fanOut] lie. */
export interface DenseLayer {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly kernel: ParamEntry;
  readonly bias: ParamEntry;
}

/** The flat layout: for each layer, the kernel [fanIn, fanOut] row-major, then the bias [fanOut]. */
export interface MlpLayout {
  readonly layers: readonly DenseLayer[];
  readonly entries: readonly ParamEntry[];
  readonly paramCount: number;
}

export { MAX_HIDDEN_LAYERS, MAX_LAYER_WIDTH };

function assertPositiveInteger(value: unknown, field: string, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidArgumentError(`${field} must be an integer from 1 to ${max}, got ${describeValue(value)}`, {
      field,
      accepted: `integers 1..${max}`,
    });
  }
  return value;
}

/**
 * Checks every field of an MlpSpec from untrusted input and returns it; `field` prefixes the names in messages.
 * @throws {InvalidArgumentError} for a width outside 1..MAX_LAYER_WIDTH, more than MAX_HIDDEN_LAYERS hidden
 *   layers, or an unknown activation, kernel initializer or bias initializer.
 */
export function validateMlpSpec(spec: MlpSpec, field = "mlp"): MlpSpec {
  assertPositiveInteger(spec.inputSize, `${field}.inputSize`, MAX_LAYER_WIDTH);
  assertPositiveInteger(spec.outputSize, `${field}.outputSize`, MAX_LAYER_WIDTH);
  if (!Array.isArray(spec.hiddenSizes) || spec.hiddenSizes.length > MAX_HIDDEN_LAYERS) {
    throw new InvalidArgumentError(`${field}.hiddenSizes must be a list of at most ${MAX_HIDDEN_LAYERS} widths`, {
      field: `${field}.hiddenSizes`,
    });
  }
  for (const [i, width] of spec.hiddenSizes.entries()) {
    assertPositiveInteger(width, `${field}.hiddenSizes[${i}]`, MAX_LAYER_WIDTH);
  }
  if (!isActivationName(spec.activation)) {
    throw new InvalidArgumentError(
      `unknown activation ${JSON.stringify(spec.activation)}; accepted: ${ACTIVATION_NAMES.join(", ")}`,
      { field: `${field}.activation`, accepted: ACTIVATION_NAMES.join(", ") },
    );
  }
  assertInitializerName(spec.kernelInit, `${field}.kernelInit`);
  if (spec.biasInit !== "zeros") {
    throw new InvalidArgumentError(`${field}.biasInit must be "zeros"`, {
      field: `${field}.biasInit`,
      accepted: "zeros",
    });
  }
  return spec;
}

/** The flat parameter layout of an MLP: per layer, the kernel [fanIn, fanOut] row-major, then the bias [fanOut]. */
export function mlpLayout(spec: MlpSpec): MlpLayout {
  const widths = [spec.inputSize, ...spec.hiddenSizes, spec.outputSize];
  const layers: DenseLayer[] = [];
  const entries: ParamEntry[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const fanIn = widths[l]!;
    const fanOut = widths[l + 1]!;
    const kernel = { name: `layers.${l}.kernel`, offset, shape: [fanIn, fanOut], size: fanIn * fanOut };
    offset += kernel.size;
    const bias = { name: `layers.${l}.bias`, offset, shape: [fanOut], size: fanOut };
    offset += bias.size;
    layers.push({ fanIn, fanOut, kernel, bias });
    entries.push(kernel, bias);
  }
  return { layers, entries, paramCount: offset };
}

/**
 * Initial parameters: layer l's kernel is drawn from foldIn(key, l); biases start at zero.
 * @throws {InvalidArgumentError} when a layer's fanIn × fanOut is not a whole number (a spec validateMlpSpec
 *   would refuse).
 */
export function initMlpParams(spec: MlpSpec, key: RandomKey): Float32Array {
  const layout = mlpLayout(spec);
  const params = new Float32Array(layout.paramCount);
  layout.layers.forEach((layer, l) => {
    const kernel = initializeKernel(spec.kernelInit, foldIn(key, l), layer.fanIn, layer.fanOut);
    params.set(kernel, layer.kernel.offset);
  });
  return params;
}
