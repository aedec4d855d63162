import {
  BACKEND_CONTRACT_VERSION,
  type Backend,
  type EnsembleInit,
  type FitRequest,
  type RawPrediction,
} from "../backend/contract.js";
import type { TrainingState } from "../backend/training-state.js";

/**
 * A backend that computes nothing real: member m predicts x + m (prior part m, trainable part x),
 * fit records what it was given, and the training state counts epochs. Enough to check what
 * Ensemble hands a backend and does with the answers.
 */
export function recordingBackend() {
  const calls: { init?: EnsembleInit; fits: FitRequest[]; predicted: Float32Array[]; disposed: boolean } = {
    fits: [],
    predicted: [],
    disposed: false,
  };
  const backend: Backend = {
    contractVersion: BACKEND_CONTRACT_VERSION,
    name: "recording",
    capabilities: { train: true, infer: true, heads: ["mse"] },
    listDevices: async () => [{ name: "cpu", available: true }],
    createEnsemble: async (init) => {
      calls.init = init;
      const members = init.spec.members;
      let epoch = init.state?.epoch ?? 0;
      return {
        backend: "recording",
        device: "cpu",
        fit: async (request) => {
          calls.fits.push(request);
          const history = Float32Array.from({ length: request.epochs * members }, (_, i) =>
            Math.fround(epoch + Math.floor(i / members) + 1),
          );
          epoch += request.epochs;
          request.onProgress?.({ epoch, targetEpoch: epoch, memberLosses: new Float64Array(members) });
          return {
            epochsCompleted: request.epochs,
            lossHistory: history,
            finalLosses: new Float64Array(members).fill(0.25),
          };
        },
        predict: async (x): Promise<RawPrediction> => {
          calls.predicted.push(x);
          const n = x.length;
          const prior = new Float32Array(members * n);
          const trainable = new Float32Array(members * n);
          for (let m = 0; m < members; m++) {
            for (let i = 0; i < n; i++) {
              prior[m * n + i] = m;
              trainable[m * n + i] = x[i]!;
            }
          }
          return { members: prior.map((p, i) => p + trainable[i]!), prior, trainable };
        },
        params: async () => init.params,
        trainingState: async (): Promise<TrainingState> => {
          const trainable = Float64Array.from(init.params.trainable);
          return { epoch, step: epoch, trainable, slots: [trainable.map(() => epoch), trainable.map(() => -epoch)] };
        },
        dispose: async () => {
          calls.disposed = true;
        },
      };
    },
  };
  return { backend, calls };
}
