import { BACKEND_CONTRACT_VERSION, type Backend, type RawPrediction } from "../backend/contract.js";
import type { Dataset } from "../data/dataset.js";

/**
 * A backend whose "training" only counts: after epoch e every trainable parameter is e, and
 * member m predicts |p − best| + m + β at every input (p the parameter, β the prior scale). A
 * handle opened on the parameters of epoch p starts there. The validation MSE against y = c is thus known in
 * closed form and lowest at epoch `best`, so early stopping has one right answer.
 */
export function scriptedBackend(best: number) {
  const prepared: Dataset[] = [];
  const backend: Backend = {
    contractVersion: BACKEND_CONTRACT_VERSION,
    name: "scripted",
    capabilities: { train: true, infer: true, heads: ["mse"] },
    listDevices: async () => [{ name: "cpu", available: true }],
    createEnsemble: async ({ spec, params }) => {
      // Fresh (random) parameters start at epoch 0; parameters this backend handed out are all p.
      const first = params.trainable[0]!;
      let p = params.trainable.every((v) => v === first) ? first : 0;
      const members = spec.members;
      return {
        backend: "scripted",
        device: "cpu",
        prepareTraining: async (data) => {
          prepared.push(data);
        },
        trainEpochs: async (epochs) => {
          const losses = new Float64Array(epochs * members);
          for (let e = 0; e < epochs; e++) losses.fill(Math.abs(p + e + 1 - best), e * members, (e + 1) * members);
          p += epochs;
          return losses;
        },
        finalLosses: async () => new Float64Array(members).fill(Math.abs(p - best)),
        predict: async (x): Promise<RawPrediction> => {
          const n = x.length / spec.inputSize;
          const out = new Float32Array(members * n);
          for (let m = 0; m < members; m++) out.fill(Math.abs(p - best) + m + spec.priorScale, m * n, (m + 1) * n);
          return { members: out, prior: new Float32Array(out.length), trainable: out };
        },
        predictMember: async () => {
          throw new Error("not used");
        },
        params: async () => ({ trainable: new Float32Array(params.trainable.length).fill(p), prior: params.prior }),
        trainingState: async () => {
          throw new Error("not used");
        },
        dispose: async () => {},
      };
    },
  };
  return { backend, prepared };
}
