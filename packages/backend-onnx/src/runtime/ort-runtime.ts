import { BackendUnavailableError } from "@rpf/core";
import type * as OrtCommon from "onnxruntime-common";
import { ORT_PACKAGES } from "#ort-packages";

/** The part of an onnxruntime package (node or web) that rpf uses; both expose the same API. */
export interface OrtRuntime {
  readonly name: "onnxruntime-node" | "onnxruntime-web";
  readonly InferenceSession: typeof OrtCommon.InferenceSession;
  readonly Tensor: typeof OrtCommon.Tensor;
  /** onnxruntime-node only: which execution providers this installation ships. */
  readonly listSupportedBackends?: () => readonly { name: string; bundled: boolean }[];
}

export type RuntimeName = OrtRuntime["name"];

/** How to import each onnxruntime package that can run in this environment. */
export type RuntimeLoaders = ReadonlyMap<RuntimeName, () => Promise<unknown>>;

const loaders = new Map(ORT_PACKAGES);
const loaded = new Map<RuntimeName, Promise<OrtRuntime>>();

/** For bundlers and apps that load onnxruntime themselves (e.g. a web app importing onnxruntime-web). */
export function setOnnxRuntimeLoader(name: RuntimeName, load: () => Promise<unknown>): void {
  loaders.set(name, load);
  loaded.delete(name);
}

/**
 * The onnxruntime package `name`, imported once.
 * @throws {BackendUnavailableError} (as a rejection) when `name` cannot run in this environment
 *   (onnxruntime-node in a browser).
 */
export function loadRuntime(name: RuntimeName): Promise<OrtRuntime> {
  let pending = loaded.get(name);
  if (!pending) {
    const load = loaders.get(name);
    if (!load) {
      return Promise.reject(
        new BackendUnavailableError(
          `${name} cannot run in this environment; here onnxruntime loads from ${[...loaders.keys()].join(", ")}`,
        ),
      );
    }
    pending = load().then((module) => {
      const ort = ((module as { default?: unknown }).default ?? module) as Omit<OrtRuntime, "name">;
      return { ...ort, InferenceSession: ort.InferenceSession, Tensor: ort.Tensor, name };
    });
    loaded.set(name, pending);
  }
  return pending;
}
