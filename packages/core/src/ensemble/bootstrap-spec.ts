import { describeValue } from "../describe-value.js";
import { InvalidArgumentError } from "../errors.js";

/**
 * How each member reweights the training set. Resampling with replacement is the same as
 * multinomial counts used as example weights; the other kinds are the usual smooth alternatives.
 */
export type BootstrapSpec =
  | { readonly kind: "none" }
  | { readonly kind: "resample" }
  | { readonly kind: "bernoulli"; readonly p: number }
  | { readonly kind: "poisson" }
  | { readonly kind: "exponential" };

/** The bootstrap forms `parseBootstrap` accepts, as messages and help text list them. */
export const BOOTSTRAP_FORMS = "none, resample, bernoulli:P (0 < P <= 1), poisson, exponential";

/**
 * Parses a bootstrap as written on the command line: "none", "resample", "bernoulli:P" (P defaults to 0.5),
 * "poisson" or "exponential".
 * @throws {InvalidArgumentError} for any other form, or P outside (0, 1].
 */
export function parseBootstrap(text: string): BootstrapSpec {
  const [kind, argument, ...rest] = text.trim().split(":");
  const fail = (): never => {
    throw new InvalidArgumentError(`unknown bootstrap ${JSON.stringify(text)}; accepted: ${BOOTSTRAP_FORMS}`, {
      field: "bootstrap",
      accepted: BOOTSTRAP_FORMS,
    });
  };
  if (rest.length > 0) return fail();
  if (kind === "bernoulli") {
    return validateBootstrap({ kind, p: argument === undefined ? 0.5 : Number(argument) });
  }
  if (argument !== undefined) return fail();
  if (kind === "none" || kind === "resample" || kind === "poisson" || kind === "exponential") {
    return { kind };
  }
  return fail();
}

/**
 * Checks a BootstrapSpec from untrusted input (a model file, a checkpoint) and returns a clean copy.
 * @throws {InvalidArgumentError} for an unknown kind, or a bernoulli p outside (0, 1].
 */
export function validateBootstrap(spec: BootstrapSpec): BootstrapSpec {
  const kind = (spec as { kind?: unknown }).kind;
  if (kind === "bernoulli") {
    const { p } = spec as { p: unknown };
    if (typeof p !== "number" || !(p > 0 && p <= 1)) {
      throw new InvalidArgumentError(`bootstrap bernoulli probability must be in (0, 1], got ${describeValue(p)}`, {
        field: "bootstrap",
        accepted: BOOTSTRAP_FORMS,
      });
    }
    return { kind, p };
  }
  if (kind === "none" || kind === "resample" || kind === "poisson" || kind === "exponential") {
    return { kind };
  }
  throw new InvalidArgumentError(`unknown bootstrap kind ${JSON.stringify(kind)}; accepted: ${BOOTSTRAP_FORMS}`, {
    field: "bootstrap",
    accepted: BOOTSTRAP_FORMS,
  });
}

/** The bootstrap as `parseBootstrap` reads it back ("bernoulli:0.5", "resample", …). */
export function formatBootstrap(spec: BootstrapSpec): string {
  return spec.kind === "bernoulli" ? `bernoulli:${spec.p}` : spec.kind;
}
