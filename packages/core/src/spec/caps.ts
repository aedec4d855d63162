/**
 * Size caps of a spec. They bound what a hostile or mistyped spec (a model file, a CLI flag, a
 * shared link) can make rpf allocate, and every surface reads them from here: one limit per field.
 */

/** Ensemble members. */
export const MAX_MEMBERS = 1024;
/** Training epochs (full batch: optimiser steps). */
export const MAX_EPOCHS = 10_000_000;
/** Units of any layer: inputs, hidden widths and outputs. */
export const MAX_LAYER_WIDTH = 4096;
/** The fewest classes of the "categorical" head (outputSize, one logit each): 2 is the fewest that is a choice. */
export const MIN_CLASSES = 2;
/** The most classes of the "categorical" head, as the issue sets it: a label column with more is refused. */
export const MAX_CLASSES = 1024;
/** Hidden layers of one network. */
export const MAX_HIDDEN_LAYERS = 16;
/** Examples per minibatch: the largest int32, what backends index with. */
export const MAX_BATCH_SIZE = 2 ** 31 - 1;
/** The largest seed: seeds split into two uint32 key words exactly up to 2^53 - 1. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
/**
 * rpf's files nest 5 levels deep at most; far deeper JSON is hostile (checksumming it would
 * overflow the stack), so readers refuse it before looking at any field.
 */
export const MAX_JSON_DEPTH = 64;
