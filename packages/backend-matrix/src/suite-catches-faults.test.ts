import type { Backend } from "@rpf/core";
import type { EnsembleHandle, EnsembleInit } from "@rpf/core/backend";
import { ConformanceFailure, FLOAT64_TOLERANCES, runConformanceCase } from "@rpf/core/testing";
import { describe, expect, it } from "vitest";
import { matrixBackend } from "./index.js";

/** The real backend with one defect: its handles are wrapped by `fault`. */
function faulty(name: string, fault: (handle: EnsembleHandle, init: EnsembleInit) => EnsembleHandle): Backend {
  return {
    ...matrixBackend,
    name,
    async createEnsemble(init, options) {
      return fault(await matrixBackend.createEnsemble(init, options), init);
    },
  };
}

/** Training also moves the prior, as if its weights received gradient steps. */
const thawedPrior = faulty("thawed-prior", (handle, init) => {
  let inner = handle;
  let trainedPrior: Float32Array | null = null;
  let prepared: Parameters<EnsembleHandle["prepareTraining"]> | null = null;
  return {
    ...handle,
    async prepareTraining(data, exampleWeights) {
      prepared = [data, exampleWeights];
      await inner.prepareTraining(data, exampleWeights);
    },
    async trainEpochs(epochs) {
      const losses = await inner.trainEpochs(epochs);
      const params = await inner.params();
      trainedPrior = params.prior.map((v) => v * (1 - 1e-3) + 1e-3);
      await inner.dispose();
      inner = await matrixBackend.createEnsemble({ spec: init.spec, params: { ...params, prior: trainedPrior } });
      await inner.prepareTraining(...prepared!);
      return losses;
    },
    finalLosses: () => inner.finalLosses(),
    predict: (x) => inner.predict(x),
    predictMember: (member, x) => inner.predictMember(member, x),
    params: () => inner.params(),
    dispose: () => inner.dispose(),
  };
});

/** Every member trains on the data as it is: the bootstrap weights are dropped. */
const ignoredWeights = faulty("ignored-weights", (handle) => ({
  ...handle,
  prepareTraining: (data, exampleWeights) =>
    handle.prepareTraining(data, new Float32Array(exampleWeights.length).fill(1)),
  trainEpochs: (epochs) => handle.trainEpochs(epochs),
  finalLosses: () => handle.finalLosses(),
  predict: (x) => handle.predict(x),
  predictMember: (member, x) => handle.predictMember(member, x),
  params: () => handle.params(),
  dispose: () => handle.dispose(),
}));

/**
 * The predictive variance loses its epistemic term: every member reports the ensemble's mean as
 * its own, so the members no longer disagree and only the average member variance is left.
 */
const droppedEpistemic = faulty("dropped-epistemic", (handle, init) => ({
  ...handle,
  prepareTraining: (data, exampleWeights) => handle.prepareTraining(data, exampleWeights),
  trainEpochs: (epochs) => handle.trainEpochs(epochs),
  finalLosses: () => handle.finalLosses(),
  async predict(x) {
    const raw = await handle.predict(x);
    const members = init.spec.members;
    const size = raw.members.length / members;
    const collapsed = raw.members.slice();
    for (let j = 0; j < size; j++) {
      let sum = 0;
      for (let m = 0; m < members; m++) sum += raw.members[m * size + j]!;
      for (let m = 0; m < members; m++) collapsed[m * size + j] = sum / members;
    }
    return { ...raw, members: collapsed };
  },
  predictMember: (member, x) => handle.predictMember(member, x),
  params: () => handle.params(),
  trainingState: () => handle.trainingState(),
  dispose: () => handle.dispose(),
}));

/** A handle opened on a group of members trains them as members 0, 1, …: the member offset is dropped. */
const droppedOffset: Backend = {
  ...matrixBackend,
  name: "dropped-offset",
  createEnsemble: (init, options) => matrixBackend.createEnsemble({ ...init, memberOffset: 0 }, options),
};

const OFFSET_CASE = "a group trained with a member offset equals those members of the whole ensemble";

const MIXTURE_CASE = "gaussian head: the prediction is the uniform mixture (aleatoric + epistemic = total variance)";

async function expectCaseToFail(backend: Backend, caseName: string): Promise<void> {
  await expect(runConformanceCase(caseName, { backend, tolerances: FLOAT64_TOLERANCES })).rejects.toBeInstanceOf(
    ConformanceFailure,
  );
}

describe("the conformance suite catches broken backends", () => {
  it("passes the correct backend on the cases used below", async () => {
    for (const name of [
      "the prior stays frozen",
      "bootstrap weights are honoured: weight k equals k copies of an example",
      "one Adam step matches optax's update rule",
      MIXTURE_CASE,
      OFFSET_CASE,
    ]) {
      await runConformanceCase(name, { backend: matrixBackend, tolerances: FLOAT64_TOLERANCES });
    }
  });

  it("fails a backend whose prior is not frozen", async () => {
    await expectCaseToFail(thawedPrior, "the prior stays frozen");
  });

  it("fails a backend that ignores bootstrap weights", async () => {
    await expectCaseToFail(ignoredWeights, "bootstrap weights are honoured: weight k equals k copies of an example");
    await expectCaseToFail(ignoredWeights, "one Adam step matches optax's update rule");
  });

  it("fails a backend that drops the member offset of a group", async () => {
    await expectCaseToFail(droppedOffset, OFFSET_CASE);
  });

  it("fails a backend whose predictive variance drops the epistemic term", async () => {
    await expectCaseToFail(droppedEpistemic, MIXTURE_CASE);
  });
});
