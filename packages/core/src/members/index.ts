export { bootstrapWeights, minibatchOrder, onlineBootstrapWeights } from "./bootstrap-weights.js";
export { KEY_PURPOSE, type KeyPurpose, memberKey } from "./keys.js";
export {
  allMembers,
  checkMemberRange,
  type EnsembleParams,
  initEnsembleParams,
  type MemberRange,
  paramCounts,
  validateEnsembleParams,
} from "./params.js";
export {
  joinTrainingStates,
  optimizerSlotCount,
  sliceTrainingState,
  type TrainingState,
  validateTrainingState,
} from "./training-state.js";
