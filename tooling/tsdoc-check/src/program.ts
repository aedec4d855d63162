import { join } from "node:path";
import ts from "typescript";
import { SOURCE_CONDITION } from "./entries.js";

/**
 * One program over every entry file, resolving workspace imports to their sources (the
 * "@rpf/source" condition) so a symbol re-exported across packages has one declaration.
 * Type errors do not matter here: the check reads declarations and their comments only.
 */
export function createProgram(root: string, files: readonly string[]): ts.Program {
  return ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: [SOURCE_CONDITION],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: ["node"],
    typeRoots: [join(root, "node_modules", "@types")],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
}

/** Whether a file is the repository's own source, not a dependency's or a generated declaration. */
export function isRepoSource(file: ts.SourceFile): boolean {
  return !file.isDeclarationFile && !file.fileName.includes("/node_modules/");
}
