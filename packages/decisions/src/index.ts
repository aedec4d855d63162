/**
 * `@rpf/decisions`: decisions under uncertainty on rpf's public API — the wheel bandit and
 * DeepSea environments, Thompson sampling over an ensemble with randomized priors, and
 * bootstrapped DQN with randomized priors (Osband, Aslanides & Cassirer 2018).
 */
export * from "./deep-sea/deep-sea.js";
export * from "./deep-sea/deep-sea-experiment.js";
export * from "./deep-sea/deep-sea-sweep.js";
export * from "./deep-sea/learning-criterion.js";
export * from "./dqn/boot-dqn.js";
export * from "./wheel-bandit/bandit-agent.js";
export * from "./wheel-bandit/ensemble-agent.js";
export * from "./wheel-bandit/ring-probe.js";
export * from "./wheel-bandit/run-wheel.js";
export * from "./wheel-bandit/uniform-agent.js";
export * from "./wheel-bandit/wheel-bandit.js";
export * from "./wheel-bandit/wheel-experiment.js";
