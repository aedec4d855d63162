import { isRpfError, type SerializedError, serializeError } from "@rpf/core";
import { CommanderError } from "commander";
import { EXIT_RUNTIME, EXIT_USAGE } from "./exit-codes.js";
import { InterruptedError } from "./interrupted.js";

/** File-system failures, said in words: errno codes mean little to most users. */
const FILE_ERRORS: Record<string, (path: string) => string> = {
  ENOENT: (path) => `no such file: ${path}`,
  EISDIR: (path) => `${path} is a directory, not a file`,
  ENOTDIR: (path) => `a part of ${path} is a file, not a directory`,
  EEXIST: (path) => `cannot create folder ${path}: a file of that name exists`,
  EACCES: (path) => `permission denied: ${path}`,
  EPERM: (path) => `permission denied: ${path}`,
  EROFS: (path) => `read-only file system: ${path}`,
  ENOSPC: (path) => `no space left on the device while writing ${path}`,
  ENAMETOOLONG: (path) => `the file name is too long for this file system: ${path}`,
};

/** Longer messages are cut in the middle: an error quoting a hostile input must stay a readable line. */
const MAX_MESSAGE = 1000;

function oneReadableLine(message: string): string {
  const line = message.replace(/\s*\n\s*/g, " ");
  if (line.length <= MAX_MESSAGE) return line;
  // The end usually says what is accepted, so keep both ends.
  return `${line.slice(0, 600)} … (${line.length - 900} characters left out) … ${line.slice(-300)}`;
}

/**
 * A failure as one line of JSON, for commands run with `--json`: core's serialized error (name,
 * code, message, details, causes), its message the one-line text `describeFailure` gives. A file
 * error keeps Node's code ("ENOENT"), a usage error commander's ("commander.unknownOption").
 */
export function failureJson(error: unknown): string {
  const serialized: SerializedError = { ...serializeError(error), message: describeFailure(error).message };
  return JSON.stringify(withReadableCauses(serialized));
}

function withReadableCauses(error: SerializedError): SerializedError {
  if (!error.cause) return error;
  const cause = withReadableCauses(error.cause);
  return { ...error, cause: { ...cause, message: oneReadableLine(cause.message) } };
}

/** The one-line message and exit code for anything thrown by a command. */
export function describeFailure(error: unknown): { message: string; code: number } {
  const failure = classify(error);
  return { ...failure, message: oneReadableLine(failure.message) };
}

function classify(error: unknown): { message: string; code: number } {
  if (error instanceof CommanderError) {
    // Commander puts its "(Did you mean …?)" on a line of its own; keep the error to one line.
    const message = error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ");
    return { message: `${message} (run with --help for usage)`, code: EXIT_USAGE };
  }
  if (error instanceof InterruptedError) return { message: error.message, code: error.exitCode };
  if (isRpfError(error)) {
    return { message: error.message, code: error.code === "invalid_argument" ? EXIT_USAGE : EXIT_RUNTIME };
  }
  const nodeError = error as NodeJS.ErrnoException;
  const describe = nodeError?.path ? FILE_ERRORS[nodeError.code ?? ""] : undefined;
  if (describe) return { message: describe(nodeError.path!), code: EXIT_RUNTIME };
  const message = error instanceof Error ? error.message : String(error);
  return { message: message.split("\n")[0] ?? message, code: EXIT_RUNTIME };
}
