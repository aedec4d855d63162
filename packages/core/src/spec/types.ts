import type { z } from "zod";
import type { adamSchema, ensembleSpecSchema, networkSchema, sgdSchema } from "./schema.js";

/** A value no one can change through its type: a resolved spec is shared, never edited. */
type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Everything that determines an ensemble and its training, given the data (fields: spec/fields.ts). */
export type EnsembleSpec = DeepReadonly<z.output<typeof ensembleSpecSchema>>;
/** One network's architecture: hidden widths, activation and kernel initialiser. */
export type NetworkSpec = DeepReadonly<z.output<typeof networkSchema>>;
/** Adam exactly as optax defines it (eps added to sqrt of the bias-corrected second moment). */
export type AdamSpec = DeepReadonly<z.output<typeof adamSchema>>;
/** Plain SGD, with optional heavy-ball momentum as optax.sgd. */
export type SgdSpec = DeepReadonly<z.output<typeof sgdSchema>>;
/** The optimiser every member trains with, as optax defines it: Adam or SGD. */
export type OptimizerSpec = AdamSpec | SgdSpec;

type Writable<T> = { -readonly [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/** A partial spec: anything left out takes the seed notebook's value. */
export type EnsembleSpecInput = Omit<Writable<EnsembleSpec>, "optimizer" | "prior"> & {
  optimizer?: Partial<AdamSpec> | Partial<SgdSpec>;
  /** Defaults to the trainable network's architecture. */
  prior?: Partial<NetworkSpec>;
  /**
   * Model files written before heads existed store `loss: { kind: "mse" }`; it is accepted with
   * the "mse" head (the loss it names) and refused with any other.
   */
  loss?: { kind?: unknown };
};
