import type { Dataset, EnsembleParams, EnsembleSpec, SerializedError } from "@rpf/core";
import type { RawPrediction, TrainingState } from "@rpf/core/backend";

/** Every member's trainable and prior weights, float64 as the member trainers hold them, member after member. */
export interface EnsembleWeights {
  readonly trainable: Float64Array;
  readonly prior: Float64Array;
}

/** Messages from the parallel handle to one member-group worker; each gets exactly one reply. */
export type GroupRequest =
  | {
      readonly kind: "init";
      readonly spec: EnsembleSpec;
      readonly params: EnsembleParams;
      readonly memberOffset: number;
      readonly state?: TrainingState;
    }
  /** The group's handle's prepareTraining, with the group's rows of the example weights (and of yByMember). */
  | { readonly kind: "prepareTraining"; readonly data: Dataset; readonly exampleWeights: Float32Array }
  /** The group's handle's trainEpochs: the reply is [epochs, group members]. */
  | { readonly kind: "trainEpochs"; readonly epochs: number }
  | { readonly kind: "finalLosses" }
  /** The group's handle's trainChunk, with the group's rows of the weights and the order: the reply is [group members]. */
  | {
      readonly kind: "trainChunk";
      readonly data: Dataset;
      readonly exampleWeights: Float32Array;
      readonly order: Uint32Array;
    }
  /**
   * Rows of x for every member of the ensemble (`spec` is the whole ensemble's), from the weights
   * of all of them: prediction splits the rows, not the members, between the workers.
   */
  | {
      readonly kind: "predictRows";
      readonly x: Float32Array;
      readonly spec: EnsembleSpec;
      readonly weights: EnsembleWeights;
    }
  | { readonly kind: "params" }
  | { readonly kind: "trainingState" };

export type GroupValue = undefined | Float64Array | RawPrediction | EnsembleParams | TrainingState;

export type GroupReply =
  | { readonly ok: true; readonly value: GroupValue }
  /** Classes do not survive structured cloning: the error goes as core's serialized form. */
  | { readonly ok: false; readonly error: SerializedError };
