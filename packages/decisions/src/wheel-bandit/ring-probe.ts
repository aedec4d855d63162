import { InvalidArgumentError } from "@rpf/core";
import type { BanditAgent } from "./bandit-agent.js";
import { EnsembleBanditAgent } from "./ensemble-agent.js";
import { runWheel } from "./run-wheel.js";
import { quadrantAction, WHEEL_REWARDS } from "./wheel-bandit.js";
import { createWheelAgent, type WheelAgentName } from "./wheel-experiment.js";

/** How the members judge the quadrant's action against the safe one at the probe points of one radius. */
export interface GapSpread {
  /** The radius of the probe points. */
  readonly radius: number;
  /** Mean over members and points of (quadrant action's predicted reward − action 0's). */
  readonly meanGap: number;
  /** Mean over points of the members' standard deviation of that gap: their disagreement. */
  readonly memberStd: number;
  /** Fraction of (member, point) pairs whose gap is > 0: how often Thompson sampling would take the quadrant's action there. */
  readonly preferring: number;
}

/** What one run of an ensemble agent on the wheel did in the outer ring, and what its members believe there at the end. */
export interface RingProbe {
  readonly agent: string;
  readonly delta: number;
  readonly seed: number;
  readonly steps: number;
  readonly normalisedRegret: number;
  /** Contexts with radius > δ. */
  readonly outerContexts: number;
  /** Of those, the ones where the agent took the quadrant's action (the large reward). */
  readonly outerHits: number;
  /** The first step that took the large reward, or null. */
  readonly firstHit: number | null;
  /** At the end: the gap inside (radius δ / 2) and in the ring (radius (1 + δ) / 2). */
  readonly inner: GapSpread;
  readonly ring: GapSpread;
  /**
   * At the end: the members' mean predicted reward of the action taken at the rows that paid the
   * large reward (whose mean is 50) — how well those rows were learned; null when there were none.
   */
  readonly largeRowFit: number | null;
}

/** Probe points per radius: two angles inside each quadrant, away from the axes. */
const PROBE_ANGLES = 8;

/** Records every step an agent takes, passing each call through unchanged. */
class RecordingAgent implements BanditAgent {
  readonly steps: { x1: number; x2: number; action: number; reward: number; t: number }[] = [];

  constructor(private readonly inner: BanditAgent) {}

  get name(): string {
    return this.inner.name;
  }

  choose(x1: number, x2: number, t: number): Promise<number> {
    return this.inner.choose(x1, x2, t);
  }

  observe(x1: number, x2: number, action: number, reward: number, t: number): Promise<void> {
    this.steps.push({ x1, x2, action, reward, t });
    return this.inner.observe(x1, x2, action, reward, t);
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

function std(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

async function gapSpread(agent: EnsembleBanditAgent, radius: number): Promise<GapSpread> {
  let sum = 0;
  let spread = 0;
  let preferring = 0;
  let pairs = 0;
  for (let k = 0; k < PROBE_ANGLES; k++) {
    const angle = ((k + 0.5) * 2 * Math.PI) / PROBE_ANGLES;
    const [x1, x2] = [radius * Math.cos(angle), radius * Math.sin(angle)];
    const quadrant = quadrantAction(x1, x2);
    const gaps = (await agent.memberRewards(x1, x2)).map((r) => r[quadrant]! - r[0]!);
    sum += gaps.reduce((s, g) => s + g, 0);
    preferring += gaps.filter((g) => g > 0).length;
    pairs += gaps.length;
    spread += std(gaps);
  }
  return { radius, meanGap: sum / pairs, memberStd: spread / PROBE_ANGLES, preferring: preferring / pairs };
}

/**
 * Runs one ensemble agent of the benchmark (its WHEEL_AGENT setup) on the wheel as runWheel does,
 * then asks why it did or did not find the outer ring: how often it took the large reward there,
 * and how far its members disagree about the quadrant's action inside and in the ring.
 * @throws {InvalidArgumentError} for the uniform agent (it has no members) or a seed runWheel refuses.
 * @throws {ShapeError | DataError | DivergenceError | NonFiniteOutputError | UnsupportedError | BackendUnavailableError | AbortedError} when rpf refuses or fails the training: Ensemble.fit says which.
 */
export async function probeRing(name: WheelAgentName, delta: number, steps: number, seed: number): Promise<RingProbe> {
  const agent = await createWheelAgent(name, seed);
  try {
    if (!(agent instanceof EnsembleBanditAgent)) {
      throw new InvalidArgumentError(`the ring probe needs an ensemble agent; ${name} has no members`, {
        field: "agent",
      });
    }
    const recorder = new RecordingAgent(agent);
    const run = await runWheel(recorder, delta, steps, seed);
    const outer = recorder.steps.filter((s) => Math.hypot(s.x1, s.x2) > delta);
    const hits = outer.filter((s) => s.action === quadrantAction(s.x1, s.x2));
    const largeRows = recorder.steps.filter((s) => s.reward > (WHEEL_REWARDS.largeMean + WHEEL_REWARDS.safeMean) / 2);
    let fit = 0;
    for (const s of largeRows) {
      const members = await agent.memberRewards(s.x1, s.x2);
      fit += members.reduce((sum, r) => sum + r[s.action]!, 0) / members.length;
    }
    return {
      agent: name,
      delta,
      seed,
      steps,
      normalisedRegret: run.normalisedRegret,
      outerContexts: outer.length,
      outerHits: hits.length,
      firstHit: hits[0]?.t ?? null,
      inner: await gapSpread(agent, delta / 2),
      ring: await gapSpread(agent, (1 + delta) / 2),
      largeRowFit: largeRows.length > 0 ? fit / largeRows.length : null,
    };
  } finally {
    await agent.dispose();
  }
}
