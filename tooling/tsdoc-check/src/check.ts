import { relative } from "node:path";
import ts from "typescript";
import { type Entry, packageEntries } from "./entries.js";
import { createProgram, isRepoSource } from "./program.js";
import { ThrowAnalysis, throwsNames } from "./throws.js";

/** One public declaration whose TSDoc falls short, located for a `file:line name kind problem` list. */
export interface Finding {
  /** Repository-relative path. */
  file: string;
  /** 1-based line of the declaration's name. */
  line: number;
  /** The exported name; `Class.method` for a method. */
  name: string;
  kind: string;
  problem: string;
}

/** What one run of the check found. */
export interface CheckResult {
  /** Every entry point followed, as import specifiers. */
  entries: string[];
  /** How many public declarations (exports and methods of exported classes) were checked. */
  checked: number;
  findings: Finding[];
  /** Every error class `@throws` may name: rpf's and JavaScript's. */
  errorClasses: ReadonlySet<string>;
  /** The repository's own source files the program read (absolute paths). */
  sourceFiles: string[];
}

/** The kind a finding names for a declaration. */
function kindOf(declaration: ts.Declaration): string {
  if (ts.isFunctionDeclaration(declaration)) return "function";
  if (ts.isClassDeclaration(declaration)) return "class";
  if (ts.isInterfaceDeclaration(declaration)) return "interface";
  if (ts.isTypeAliasDeclaration(declaration)) return "type";
  if (ts.isEnumDeclaration(declaration)) return "enum";
  if (ts.isModuleDeclaration(declaration) || ts.isSourceFile(declaration)) return "namespace";
  if (ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration)) return "method";
  if (ts.isGetAccessor(declaration) || ts.isSetAccessor(declaration)) return "accessor";
  if (ts.isVariableDeclaration(declaration)) {
    const init = declaration.initializer;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return "function";
    return ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const ? "const" : "let";
  }
  return ts.SyntaxKind[declaration.kind];
}

/** Members of an exported class that are public API: methods and accessors not private or protected. */
function publicMembers(declaration: ts.ClassDeclaration): ts.ClassElement[] {
  return declaration.members.filter(
    (member) =>
      (ts.isMethodDeclaration(member) || ts.isGetAccessor(member) || ts.isSetAccessor(member)) &&
      !ts.isPrivateIdentifier(member.name) &&
      !(ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)),
  );
}

/**
 * Checks every public export of the packages in `packageDirs`: each needs a TSDoc description; a
 * function (or method, or class constructor) that can throw an rpf error needs `@throws {ThatError}`
 * (an ancestor covers it); every `@throws {X}` must name an existing error class.
 */
export function checkTsdoc(root: string, packageDirs: readonly string[]): CheckResult {
  const findings: Finding[] = [];
  const entries: Entry[] = [];
  for (const dir of packageDirs) {
    const found = packageEntries(root, dir);
    entries.push(...found.entries);
    for (const problem of found.problems) {
      findings.push({
        file: problem.packageJson,
        line: 1,
        name: problem.specifier,
        kind: "entry",
        problem: problem.problem,
      });
    }
  }
  const program = createProgram(root, [...new Set(entries.map((entry) => entry.file))]);
  const checker = program.getTypeChecker();
  const throwing = new ThrowAnalysis(checker, program);
  const seen = new Set<ts.Symbol>();
  let checked = 0;

  const report = (declaration: ts.Declaration, name: string, kind: string, problem: string): void => {
    const file = declaration.getSourceFile();
    const at = ts.getNameOfDeclaration(declaration) ?? declaration;
    const line = file.getLineAndCharacterOfPosition(at.getStart()).line + 1;
    findings.push({ file: relative(root, file.fileName), line, name, kind, problem });
  };

  /** Checks one symbol's description and @throws tags; `bodies` are where its throws come from. */
  const checkDoc = (
    symbol: ts.Symbol,
    name: string,
    kind: string,
    bodies: readonly ts.Node[],
    moreTags: readonly ts.JSDocTagInfo[] = [],
  ): void => {
    const declaration = symbol.declarations![0]!;
    checked += 1;
    const description = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    if (description === "") {
      const hasComment = symbol.declarations!.some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
      report(declaration, name, kind, hasComment ? "TSDoc has no description" : "no TSDoc");
    }
    const documented = throwsNames([...symbol.getJsDocTags(checker), ...moreTags]);
    if (documented.includes("")) report(declaration, name, kind, "@throws without {ErrorClass}");
    for (const named of new Set(documented.filter((n) => n !== "" && !throwing.errorClasses.has(n)))) {
      report(declaration, name, kind, `@throws names unknown class ${named}`);
    }
    const missing = new Map<string, string>();
    for (const body of bodies) {
      for (const error of throwing.thrown(body)) {
        if (missing.has(error) || documented.some((doc) => throwing.covers(doc, error))) continue;
        const origin = throwing.originOf(body, error);
        missing.set(
          error,
          origin
            ? `${relative(root, origin.slice(0, origin.lastIndexOf(":")))}${origin.slice(origin.lastIndexOf(":"))}`
            : "?",
        );
      }
    }
    if (missing.size > 0) {
      const list = [...missing].sort(([a], [b]) => a.localeCompare(b));
      report(
        declaration,
        name,
        kind,
        `missing ${list.map(([error, at]) => `@throws {${error}} (via ${at})`).join(", ")}`,
      );
    }
  };

  const checkSymbol = (exported: ts.Symbol, name: string): void => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []).filter((d) => isRepoSource(d.getSourceFile()));
    if (seen.has(symbol) || declarations.length === 0) return; // re-exported twice, or a dependency's
    seen.add(symbol);
    const first = declarations[0]!;
    if (ts.isSourceFile(first) || ts.isModuleDeclaration(first)) {
      for (const inner of checker.getExportsOfModule(symbol)) checkSymbol(inner, `${name}.${inner.name}`);
      return;
    }
    const kind = kindOf(first);
    const functionBodies = declarations.filter(
      (d) => ts.isFunctionDeclaration(d) || (ts.isVariableDeclaration(d) && kind === "function"),
    );
    const bodies = functionBodies.map((d) => (ts.isVariableDeclaration(d) ? d.initializer! : d));
    const classDeclaration = declarations.find(ts.isClassDeclaration);
    // A class's constructor may document what it throws itself, or leave it to the class's TSDoc.
    const ctorDocs = classDeclaration?.members.filter(ts.isConstructorDeclaration).flatMap((ctor) =>
      ts.getJSDocTags(ctor).map((tag) => ({
        name: tag.tagName.text,
        text: [{ kind: "text", text: tag.getText().replace(/^@\w+\s*/, "") }],
      })),
    );
    checkDoc(symbol, name, kind, classDeclaration ? [classDeclaration] : bodies, ctorDocs ?? []);
    if (!classDeclaration) return;
    const members = new Set<ts.Symbol>();
    for (const member of publicMembers(classDeclaration)) {
      const memberSymbol = checker.getSymbolAtLocation(member.name!);
      if (!memberSymbol || members.has(memberSymbol)) continue;
      members.add(memberSymbol);
      const memberKind = ts.isMethodDeclaration(member) ? "method" : "accessor";
      checkDoc(memberSymbol, `${name}.${memberSymbol.name}`, memberKind, memberSymbol.declarations ?? []);
    }
  };

  for (const entry of entries) {
    const file = program.getSourceFile(entry.file);
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) continue; // an entry with no exports has nothing to document
    for (const exported of checker.getExportsOfModule(moduleSymbol)) checkSymbol(exported, exported.name);
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.name.localeCompare(b.name));
  return {
    entries: [...new Set(entries.map((entry) => entry.specifier))],
    checked,
    findings,
    errorClasses: new Set(throwing.errorClasses.keys()),
    sourceFiles: program
      .getSourceFiles()
      .filter(isRepoSource)
      .map((file) => file.fileName),
  };
}

/** One finding as `file:line name kind — problem`, the form the lead's reruns read. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line} ${finding.name} ${finding.kind} — ${finding.problem}`;
}
