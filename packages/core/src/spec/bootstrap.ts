import { z } from "zod";
import { describeValue } from "../describe-value.js";
import { InvalidArgumentError } from "../errors.js";

/** The bootstrap forms as the CLI and messages write them. */
export const BOOTSTRAP_FORMS = "none, resample, bernoulli:P (0 < P <= 1), poisson, exponential";

const kindError = (issue: { input?: unknown }) => {
  const input = issue.input;
  if (input === null || typeof input !== "object")
    return `must be an object with a kind, got ${describeValue(input)}; accepted: ${BOOTSTRAP_FORMS}`;
  return `kind ${describeValue((input as { kind?: unknown }).kind)} is unknown; accepted: ${BOOTSTRAP_FORMS}`;
};
const probabilityError = (issue: { input?: unknown }) =>
  `bernoulli probability must be in (0, 1], got ${describeValue(issue.input)}`;

/**
 * How each member reweights the training set. Resampling with replacement is the same as
 * multinomial counts used as example weights; the other kinds are the usual smooth alternatives.
 * Messages read after "bootstrap ".
 */
export const bootstrapSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("none") }),
      z.object({ kind: z.literal("resample") }),
      z.object({
        kind: z.literal("bernoulli"),
        p: z.number({ error: probabilityError }).gt(0, { error: probabilityError }).lte(1, { error: probabilityError }),
      }),
      z.object({ kind: z.literal("poisson") }),
      z.object({ kind: z.literal("exponential") }),
    ],
    { error: kindError },
  )
  .meta({ title: "Bootstrap", description: "how each member reweights the data" });

/** How each member reweights the training set: one of bootstrapSchema's kinds. */
export type BootstrapSpec = Readonly<z.output<typeof bootstrapSchema>>;

/**
 * Checks a bootstrap from untrusted input (a model file, a checkpoint) and returns a clean copy.
 * @throws {InvalidArgumentError} (field "bootstrap") for an unknown kind, or a bernoulli p outside (0, 1].
 */
export function validateBootstrap(spec: BootstrapSpec): BootstrapSpec {
  const result = bootstrapSchema.safeParse(spec);
  if (result.success) return result.data;
  throw new InvalidArgumentError(`bootstrap ${result.error.issues[0]!.message}`, {
    field: "bootstrap",
    accepted: BOOTSTRAP_FORMS,
  });
}

/**
 * Reads a bootstrap as the CLI and links write it: "resample", "bernoulli:0.3" ("bernoulli" is p = 0.5).
 * @throws {InvalidArgumentError} for any other form, or p outside (0, 1].
 */
export function parseBootstrap(text: string): BootstrapSpec {
  const [kind, argument, ...rest] = text.trim().split(":");
  const unknown = (): never => {
    throw new InvalidArgumentError(`unknown bootstrap ${JSON.stringify(text)}; accepted: ${BOOTSTRAP_FORMS}`, {
      field: "bootstrap",
      accepted: BOOTSTRAP_FORMS,
    });
  };
  if (rest.length > 0) return unknown();
  if (kind === "bernoulli") return validateBootstrap({ kind, p: argument === undefined ? 0.5 : Number(argument) });
  if (argument !== undefined) return unknown();
  if (kind === "none" || kind === "resample" || kind === "poisson" || kind === "exponential") return { kind };
  return unknown();
}

/** The CLI's form of a bootstrap: the inverse of parseBootstrap. */
export function formatBootstrap(spec: BootstrapSpec): string {
  return spec.kind === "bernoulli" ? `bernoulli:${spec.p}` : spec.kind;
}
