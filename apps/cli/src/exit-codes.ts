export const EXIT_OK = 0;
/** A runtime failure: bad file contents, a failed backend, training that could not finish. */
export const EXIT_RUNTIME = 1;
/** A usage error: unknown options, values out of range, unknown names. */
export const EXIT_USAGE = 2;
