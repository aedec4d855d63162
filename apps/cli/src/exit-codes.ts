import { isRpfError } from "@rpf/core";
import { CommanderError } from "commander";

export const EXIT_OK = 0;
/** A runtime failure: bad file contents, a failed backend, training that could not finish. */
export const EXIT_RUNTIME = 1;
/** A usage error: unknown options, values out of range, unknown names. */
export const EXIT_USAGE = 2;

/** The one-line message and exit code for anything thrown by a command. */
export function describeFailure(error: unknown): { message: string; code: number } {
  if (error instanceof CommanderError) {
    return { message: error.message.replace(/^error: /, ""), code: EXIT_USAGE };
  }
  if (isRpfError(error)) {
    return { message: error.message, code: error.code === "invalid_argument" ? EXIT_USAGE : EXIT_RUNTIME };
  }
  const nodeError = error as NodeJS.ErrnoException;
  if (nodeError?.code === "ENOENT" && nodeError.path)
    return { message: `no such file: ${nodeError.path}`, code: EXIT_RUNTIME };
  if (nodeError?.code === "EISDIR" && nodeError.path)
    return { message: `${nodeError.path} is a directory, not a file`, code: EXIT_RUNTIME };
  if (nodeError?.code === "EACCES" && nodeError.path)
    return { message: `permission denied: ${nodeError.path}`, code: EXIT_RUNTIME };
  const message = error instanceof Error ? error.message : String(error);
  return { message: message.split("\n")[0] ?? message, code: EXIT_RUNTIME };
}
