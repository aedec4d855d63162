import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** The condition under which every workspace package maps an export to its TypeScript source. */
export const SOURCE_CONDITION = "@rpf/source";

/** One public entry point: `@rpf/core/testing` is package `@rpf/core`, subpath `./testing`. */
export interface Entry {
  /** The import specifier users write, e.g. `@rpf/core/testing`. */
  specifier: string;
  /** Absolute path of the source file the "@rpf/source" condition names. */
  file: string;
}

/** A package whose "exports" cannot be followed to source: the check fails on it rather than skipping it. */
export interface EntryProblem {
  specifier: string;
  /** Repository-relative path of the package.json at fault. */
  packageJson: string;
  problem: string;
}

/** Every string the "@rpf/source" condition yields anywhere under one export's (possibly nested) conditions. */
function sourceTargets(target: unknown): string[] {
  if (typeof target !== "object" || target === null) return [];
  return Object.entries(target).flatMap(([key, value]) =>
    key === SOURCE_CONDITION && typeof value === "string" ? [value] : sourceTargets(value),
  );
}

/**
 * Reads one package's "exports" and resolves each subpath through the "@rpf/source" condition, so
 * entries added to package.json are checked without editing the check.
 */
export function packageEntries(root: string, packageDir: string): { entries: Entry[]; problems: EntryProblem[] } {
  const packageJsonPath = join(packageDir, "package.json");
  const manifest = JSON.parse(readFileSync(packageJsonPath, "utf8")) as { name: string; exports?: unknown };
  const entries: Entry[] = [];
  const problems: EntryProblem[] = [];
  const where = relative(root, packageJsonPath);
  const exportsField = manifest.exports;
  const subpaths: [string, unknown][] =
    typeof exportsField === "object" &&
    exportsField !== null &&
    Object.keys(exportsField).every((k) => k.startsWith("."))
      ? Object.entries(exportsField)
      : [[".", exportsField]];
  for (const [subpath, target] of subpaths) {
    const specifier = subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    const targets = [...new Set(sourceTargets(target))];
    if (targets.length === 0) {
      problems.push({ specifier, packageJson: where, problem: `no "${SOURCE_CONDITION}" condition` });
    }
    for (const file of targets.map((t) => join(packageDir, t))) {
      if (existsSync(file)) entries.push({ specifier, file });
      else problems.push({ specifier, packageJson: where, problem: `"${SOURCE_CONDITION}" names a missing file` });
    }
  }
  return { entries, problems };
}

/** Packages outside packages/ whose entries are public API too. */
export const EXTRA_PUBLIC_PACKAGES = ["tooling/datasets"];

/** The packages whose entries are public API: every folder under packages/ plus the listed extras. */
export function publicPackageDirs(root: string, extras: readonly string[]): string[] {
  const packagesDir = join(root, "packages");
  const libraries = readdirSync(packagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(packagesDir, d.name, "package.json")))
    .map((d) => join(packagesDir, d.name));
  return [...libraries.sort(), ...extras.map((dir) => join(root, dir))];
}
