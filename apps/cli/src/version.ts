import { readFileSync } from "node:fs";

/**
 * The CLI package's version, read from its package.json. The file sits one folder above both
 * src/ (tests) and dist/ (the built CLI), and npm always ships it, so the path holds after a build
 * and after installation; reading it costs well under a millisecond, unlike loading the commands.
 */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version?: unknown;
  };
  if (typeof manifest.version !== "string") throw new Error("@rpf/cli's package.json has no version");
  return manifest.version;
}
