/** The path that means standard input (for a file read) or standard output (for --out). */
export const STDIO_PATH = "-";

/** How a path is named in messages: "-" is "stdin" when read and "stdout" when written. */
export function readName(path: string): string {
  return path === STDIO_PATH ? "stdin" : path;
}

export function writeName(path: string): string {
  return path === STDIO_PATH ? "stdout" : path;
}

/**
 * True for the error a write gets when the reader of a pipe has gone (`rpf … | head -2`): the
 * reader wanted no more, which is not a failure of rpf.
 */
export function isClosedOutputError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
}

/**
 * Installs the process-wide handling of closed output streams: a closed stdout ends the process at
 * once, quietly and with exit code 0, as `head` expects of the command before it (Node ignores
 * SIGPIPE, so without this the write error is an uncaught exception with a stack trace). A closed
 * stderr only silences the progress and notes written there, so a long training run still saves
 * its model.
 */
export function exitQuietlyWhenOutputCloses(): void {
  process.stdout.on("error", (error) => {
    if (!isClosedOutputError(error)) throw error;
    process.exit(0);
  });
  process.stderr.on("error", (error) => {
    if (!isClosedOutputError(error)) throw error;
  });
}

/** Writes to stdout and waits until the bytes are handed to the system. */
export function writeStdout(contents: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(contents, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Reads stdin to its end, at most `maxBytes`: past that, reading stops and `tooLarge` is thrown,
 * so an endless pipe cannot fill memory.
 */
export async function readStdin(maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw tooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
