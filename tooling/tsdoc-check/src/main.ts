import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkTsdoc, formatFinding } from "./check.js";
import { EXTRA_PUBLIC_PACKAGES, publicPackageDirs } from "./entries.js";
import { braceThrowsTags } from "./fix-throws.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const check = () => checkTsdoc(root, publicPackageDirs(root, EXTRA_PUBLIC_PACKAGES));
let result = check();
// --fix braces bare `@throws ErrorClass` tags in every source file the check read, then checks again.
if (process.argv.includes("--fix")) {
  for (const file of result.sourceFiles) {
    const text = readFileSync(file, "utf8");
    const fixed = braceThrowsTags(text, result.errorClasses);
    if (fixed !== text) {
      writeFileSync(file, fixed);
      console.log(`braced @throws tags in ${relative(root, file)}`);
    }
  }
  result = check();
}
for (const finding of result.findings) console.log(formatFinding(finding));
console.log(
  `${result.findings.length} TSDoc problems in ${result.checked} public declarations of ${result.entries.length} entries (${result.entries.join(", ")})`,
);
process.exitCode = result.findings.length > 0 ? 1 : 0;
