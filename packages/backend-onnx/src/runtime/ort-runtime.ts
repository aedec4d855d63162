import type * as OrtCommon from "onnxruntime-common";

/** The part of an onnxruntime package (node or web) that rpf uses; both expose the same API. */
export interface OrtRuntime {
  readonly name: "onnxruntime-node" | "onnxruntime-web";
  readonly InferenceSession: typeof OrtCommon.InferenceSession;
  readonly Tensor: typeof OrtCommon.Tensor;
  /** onnxruntime-node only: which execution providers this installation ships. */
  readonly listSupportedBackends?: () => readonly { name: string; bundled: boolean }[];
}

export type RuntimeName = OrtRuntime["name"];

const loaders = new Map<RuntimeName, () => Promise<unknown>>([
  ["onnxruntime-node", () => import("onnxruntime-node")],
  ["onnxruntime-web", () => import("onnxruntime-web")],
]);
const loaded = new Map<RuntimeName, Promise<OrtRuntime>>();

/** For bundlers and apps that load onnxruntime themselves (e.g. a web app importing onnxruntime-web). */
export function setOnnxRuntimeLoader(name: RuntimeName, load: () => Promise<unknown>): void {
  loaders.set(name, load);
  loaded.delete(name);
}

export function loadRuntime(name: RuntimeName): Promise<OrtRuntime> {
  let pending = loaded.get(name);
  if (!pending) {
    pending = loaders.get(name)!().then((module) => {
      const ort = ((module as { default?: unknown }).default ?? module) as Omit<OrtRuntime, "name">;
      return { ...ort, InferenceSession: ort.InferenceSession, Tensor: ort.Tensor, name };
    });
    loaded.set(name, pending);
  }
  return pending;
}
