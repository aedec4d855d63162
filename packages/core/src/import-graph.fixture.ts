import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** core's src/ folder: every path below is relative to it. */
export const SRC = dirname(fileURLToPath(import.meta.url));

/** Shipped TypeScript sources under src/ (tests and fixtures left out), relative to src/. */
export function shippedSources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return shippedSources(path);
    const shipped = entry.name.endsWith(".ts") && !/\.(test|fixture)\.ts$/.test(entry.name);
    return shipped ? [relative(SRC, path)] : [];
  });
}

/** What one source file imports or re-exports (type-only included): files in src/, and packages. */
export interface FileImports {
  readonly files: readonly string[];
  readonly packages: readonly string[];
}

export function importsOf(file: string): FileImports {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(SRC, file), "utf8"), true, true);
  const files: string[] = [];
  const packages: string[] = [];
  for (const { fileName } of importedFiles) {
    if (fileName.startsWith("."))
      files.push(relative(SRC, resolve(SRC, dirname(file), fileName)).replace(/\.js$/, ".ts"));
    else packages.push(fileName);
  }
  return { files, packages };
}

/** Every package the module graph from `entry` reaches, through any number of files. */
export function packagesReachedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const imports = importsOf(file);
    for (const name of imports.packages) packages.add(name);
    pending.push(...imports.files);
  }
  return packages;
}
