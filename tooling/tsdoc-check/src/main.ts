import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkTsdoc, formatFinding } from "./check.js";
import { EXTRA_PUBLIC_PACKAGES, publicPackageDirs } from "./entries.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const result = checkTsdoc(root, publicPackageDirs(root, EXTRA_PUBLIC_PACKAGES));
for (const finding of result.findings) console.log(formatFinding(finding));
console.log(
  `${result.findings.length} TSDoc problems in ${result.checked} public declarations of ${result.entries.length} entries (${result.entries.join(", ")})`,
);
process.exitCode = result.findings.length > 0 ? 1 : 0;
