import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bootstrapWeights,
  initEnsembleParams,
  KEY_PURPOSE,
  type KeyPurpose,
  memberKey,
  paramCounts,
} from "./backend/index.js";
import { ACTIVATION_NAMES, createDataset, isRpfError, resolveEnsembleSpec } from "./index.js";

/** Numbers as a careless caller might pass them: valid, out of range, fractional, non-finite. */
const anyNumber = fc.oneof(
  fc.integer({ min: -5, max: 40 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0, -0),
);

const specInput = fc.record(
  {
    members: anyNumber,
    inputSize: fc.oneof(fc.integer({ min: 1, max: 4 }), anyNumber),
    priorScale: anyNumber,
    epochs: anyNumber,
    batchSize: fc.oneof(fc.constant(null), anyNumber),
    seed: fc.oneof(fc.nat(), anyNumber),
    trainable: fc.record({
      hiddenSizes: fc.array(fc.oneof(fc.integer({ min: 1, max: 8 }), anyNumber), { maxLength: 3 }),
      activation: fc.oneof(fc.constantFrom(...ACTIVATION_NAMES), fc.string()),
    }),
  },
  { requiredKeys: [] },
);

describe("properties (fast-check)", () => {
  it("any spec input is either rejected with a typed error or gives finite parameters of the right length", () => {
    fc.assert(
      fc.property(specInput, (input) => {
        let spec: ReturnType<typeof resolveEnsembleSpec>;
        try {
          spec = resolveEnsembleSpec(input as Parameters<typeof resolveEnsembleSpec>[0]);
        } catch (error) {
          expect(isRpfError(error) && error.code === "invalid_argument").toBe(true);
          return;
        }
        if (spec.members > 12) return;
        const params = initEnsembleParams(spec);
        const counts = paramCounts(spec);
        expect(params.trainable).toHaveLength(spec.members * counts.trainable);
        expect(params.prior).toHaveLength(spec.members * counts.prior);
        expect(params.trainable.every(Number.isFinite) && params.prior.every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("any data either is refused with a typed error or is accepted unchanged", () => {
    const values = fc.array(fc.oneof(fc.double(), fc.float()), { maxLength: 12 });
    fc.assert(
      fc.property(values, values, fc.integer({ min: 1, max: 3 }), (x, y, inputSize) => {
        try {
          const data = createDataset(x, y, inputSize, 1);
          expect(data.x.every(Number.isFinite) && data.y.every(Number.isFinite)).toBe(true);
          expect(data.n * inputSize).toBe(data.x.length);
        } catch (error) {
          expect(isRpfError(error) && ["invalid_data", "shape_mismatch"].includes(error.code)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("random-key streams for different members and purposes never collide", () => {
    const purposes = Object.keys(KEY_PURPOSE) as KeyPurpose[];
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.uniqueArray(fc.nat({ max: 10_000 }), { minLength: 2, maxLength: 40 }),
        (seed, members) => {
          const keys = new Set<string>();
          for (const purpose of purposes)
            for (const member of members) keys.add(memberKey(seed, purpose, member).join(":"));
          expect(keys.size).toBe(purposes.length * members.length);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("bootstrap weights of every kind are finite, non-negative, one per member and example", () => {
    const bootstrap = fc.oneof(
      fc.constantFrom(
        { kind: "none" as const },
        { kind: "resample" as const },
        { kind: "poisson" as const },
        { kind: "exponential" as const },
      ),
      fc.double({ min: 0.01, max: 1, noNaN: true }).map((p) => ({ kind: "bernoulli" as const, p })),
    );
    fc.assert(
      fc.property(
        bootstrap,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 50 }),
        fc.nat(),
        (kind, members, n, seed) => {
          const weights = bootstrapWeights(resolveEnsembleSpec({ members, bootstrap: kind, seed }), n);
          expect(weights).toHaveLength(members * n);
          expect(weights.every((w) => Number.isFinite(w) && w >= 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
