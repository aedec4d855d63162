import { BACKEND_CONTRACT_VERSION, type Backend, type EnsembleInit, type RawPrediction } from "../backend/contract.js";
import type { Dataset } from "../data/dataset.js";
import type { TrainingState } from "../members/training-state.js";

interface RecordedCalls {
  init?: EnsembleInit;
  /** The data and weights of each prepareTraining call. */
  prepared: { data: Dataset; exampleWeights: Float32Array }[];
  /** The rows and weights of each appendTraining call (a backend made with `{ append: true }`). */
  appended: { rows: Dataset; exampleWeights: Float32Array }[];
  /** The epochs of each trainEpochs call. */
  trained: number[];
  predicted: Float32Array[];
  /** The member of each predictMember call. */
  predictedMembers: number[];
  disposed: boolean;
}

/** Member m's outputs x + m (prior part m, trainable part x) for each member listed, [listed, n]. */
function outputsOf(members: readonly number[], x: Float32Array): RawPrediction {
  const n = x.length;
  const prior = new Float32Array(members.length * n);
  const trainable = new Float32Array(members.length * n);
  members.forEach((m, k) => {
    for (let i = 0; i < n; i++) {
      prior[k * n + i] = m;
      trainable[k * n + i] = x[i]!;
    }
  });
  return { members: prior.map((p, i) => p + trainable[i]!), prior, trainable };
}

/**
 * A backend that computes nothing real: member m predicts x + m (prior part m, trainable part x),
 * every member's loss in epoch e (counted from 1) is e, training records what it was given, and
 * the training state counts epochs. Enough to check what Ensemble hands a backend and does with
 * the answers. With `append`, its handles also append rows (appendTraining), recording them.
 */
export function recordingBackend(options: { readonly append?: boolean } = {}) {
  const calls: RecordedCalls = {
    prepared: [],
    appended: [],
    trained: [],
    predicted: [],
    predictedMembers: [],
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
        prepareTraining: async (data, exampleWeights) => {
          calls.prepared.push({ data, exampleWeights });
        },
        ...(options.append
          ? {
              appendTraining: async (rows: Dataset, exampleWeights: Float32Array) => {
                calls.appended.push({ rows, exampleWeights });
              },
            }
          : {}),
        trainEpochs: async (epochs) => {
          calls.trained.push(epochs);
          const losses = Float64Array.from({ length: epochs * members }, (_, i) => epoch + Math.floor(i / members) + 1);
          epoch += epochs;
          return losses;
        },
        finalLosses: async () => {
          // As real handles: there is nothing to measure before training data is prepared.
          if (calls.prepared.length === 0) throw new Error("finalLosses before prepareTraining");
          return new Float64Array(members).fill(0.25);
        },
        predict: async (x): Promise<RawPrediction> => {
          calls.predicted.push(x);
          return outputsOf(
            Array.from({ length: members }, (_, m) => m),
            x,
          );
        },
        predictMember: async (member, x): Promise<RawPrediction> => {
          calls.predicted.push(x);
          calls.predictedMembers.push(member);
          return outputsOf([member], x);
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
