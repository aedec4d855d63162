import ts from "typescript";
import { isRepoSource } from "./program.js";

/** The name every rpf error class descends from; a class below it is what `@throws` must name. */
export const RPF_ERROR = "RpfError";

/** JavaScript's own error classes, which `@throws` may name without their being declared in the repo. */
const STANDARD_ERRORS = [
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "EvalError",
  "URIError",
  "AggregateError",
  "DOMException",
];

/** Class names inside the braces of every `@throws {A | B} …` tag; a tag without braces yields "". */
export function throwsNames(tags: readonly ts.JSDocTagInfo[]): string[] {
  return tags
    .filter((tag) => tag.name === "throws")
    .flatMap((tag) => {
      const match = /^\s*\{([^}]*)\}/.exec(ts.displayPartsToString(tag.text));
      return match ? match[1]!.split("|").map((name) => name.trim()) : [""];
    });
}

/**
 * Errors a statement is known not to throw although something it calls can, from a
 * `// cannot throw {X}: why` comment above it (the check cannot see, say, that a spec was
 * validated a line before, or that a callback is stored rather than run). The reason after the
 * colon is for the reader.
 */
export function cannotThrow(statement: ts.Node): ReadonlySet<string> {
  const text = statement.getSourceFile().text;
  const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
  const names = comments.flatMap((range) =>
    [...text.slice(range.pos, range.end).matchAll(/cannot throw \{([^}]+)\}/g)].flatMap((m) =>
      m[1]!.split("|").map((name) => name.trim()),
    ),
  );
  return new Set(names);
}

/** Whether a catch clause throws its own caught value on, as `catch (error) { …; throw error; }` does. */
function rethrows(clause: ts.CatchClause): boolean {
  const caught = clause.variableDeclaration?.name;
  if (!caught || !ts.isIdentifier(caught)) return false;
  const visit = (node: ts.Node): boolean =>
    (ts.isThrowStatement(node) && ts.isIdentifier(node.expression) && node.expression.text === caught.text) ||
    (!ts.isFunctionLike(node) && (ts.forEachChild(node, visit) ?? false));
  return visit(clause.block);
}

/**
 * Which rpf errors a function can throw: a `throw new X(…)` in its body, or a call to a repository
 * function (transitively) or to a bodiless declaration whose TSDoc says `@throws {X}`. Throws inside
 * a `try` with a `catch` are taken as handled unless the catch throws the caught error on; closures are followed only when passed to a call
 * (callbacks run by the caller), not when returned or stored.
 */
export class ThrowAnalysis {
  /** Error class name → the names of it and its ancestors, for every error class in the program. */
  readonly errorClasses = new Map<string, readonly string[]>(STANDARD_ERRORS.map((name) => [name, [name]]));
  private readonly memo = new Map<ts.Node, ReadonlySet<string>>();
  /** For each declaration and error it throws, where that first came from ("file:line"), to explain a finding. */
  private readonly origins = new Map<ts.Node, Map<string, string>>();
  /** The declarations being analysed, innermost last: an error found is noted for the innermost. */
  private readonly analysing: ts.Node[] = [];

  constructor(
    private readonly checker: ts.TypeChecker,
    program: ts.Program,
  ) {
    for (const file of program.getSourceFiles().filter(isRepoSource)) {
      const visit = (node: ts.Node): void => {
        if (ts.isClassDeclaration(node) && node.name) {
          const chain = this.ancestry(this.checker.getTypeAtLocation(node));
          if (chain.includes("Error")) this.errorClasses.set(node.name.text, chain);
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }

  /** Whether `name` is an rpf error class: RpfError itself or a class below it. */
  isRpfError(name: string): boolean {
    return this.errorClasses.get(name)?.includes(RPF_ERROR) ?? false;
  }

  /** Whether a documented class covers a thrown one: the same class or an ancestor of it. */
  covers(documented: string, thrown: string): boolean {
    return this.errorClasses.get(thrown)?.includes(documented) ?? documented === thrown;
  }

  /** The rpf error classes a function-like declaration with a body can throw (empty for none). */
  thrown(declaration: ts.Node): ReadonlySet<string> {
    const known = this.memo.get(declaration);
    if (known) return known;
    const found = new Set<string>();
    this.memo.set(declaration, found); // a recursive call sees the partial set, never loops
    this.analysing.push(declaration);
    try {
      this.analyse(declaration, found);
    } finally {
      this.analysing.pop();
    }
    return found;
  }

  private analyse(declaration: ts.Node, found: Set<string>): void {
    const body = this.bodyOf(declaration);
    if (body) {
      this.collect(body, found);
    } else if (ts.isClassDeclaration(declaration)) {
      for (const member of declaration.members) {
        if (ts.isConstructorDeclaration(member) && member.body) this.collect(member.body, found);
        if (ts.isPropertyDeclaration(member) && member.initializer) this.collect(member.initializer, found);
      }
    } else {
      for (const name of throwsNames(this.documentedTags(declaration))) if (this.isRpfError(name)) found.add(name);
    }
  }

  /** The body of a function-like declaration, or of its implementation when it is an overload signature. */
  private bodyOf(declaration: ts.Node): ts.Node | undefined {
    const withBody = (node: ts.Node): ts.Node | undefined =>
      ts.isFunctionLike(node) && "body" in node ? (node.body as ts.Node | undefined) : undefined;
    if (!ts.isFunctionLike(declaration)) return undefined;
    const name = ts.getNameOfDeclaration(declaration);
    const symbol = name ? this.checker.getSymbolAtLocation(name) : undefined;
    return withBody(declaration) ?? symbol?.declarations?.map(withBody).find((body) => body !== undefined);
  }

  private documentedTags(declaration: ts.Node): ts.JSDocTagInfo[] {
    const name = ts.getNameOfDeclaration(declaration as ts.Declaration);
    const symbol = name ? this.checker.getSymbolAtLocation(name) : undefined;
    return symbol?.getJsDocTags(this.checker) ?? [];
  }

  private ancestry(type: ts.Type): string[] {
    // A parent made by a factory (`extends rpfErrorSubclass(Base, "Name")`) is an intersection of
    // Base's instance type and the name: its ancestry is its parts'.
    if (type.isIntersection()) return type.types.flatMap((part) => this.ancestry(part));
    const names = [type.symbol?.name ?? ""];
    // A generic parent (`extends Coded<"x">`) is a reference to its declaration, whose bases it has.
    const reference =
      type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference;
    const declared = reference ? (type as ts.TypeReference).target : type;
    if (declared.isClassOrInterface()) {
      for (const base of this.checker.getBaseTypes(declared)) names.push(...this.ancestry(base));
    }
    return names;
  }

  private collect(node: ts.Node, found: Set<string>): void {
    const ruledOut =
      node.parent && (ts.isBlock(node.parent) || ts.isSourceFile(node.parent)) ? cannotThrow(node) : null;
    if (ruledOut && ruledOut.size > 0) {
      const inner = new Set<string>();
      const owner = this.analysing.at(-1);
      const before = new Set(owner ? this.origins.get(owner)?.keys() : []);
      this.collectWithin(node, inner);
      for (const name of inner) if (!ruledOut.has(name)) found.add(name);
      // A ruled-out error first seen here must not be explained by this statement later.
      for (const name of ruledOut) if (owner && !before.has(name)) this.origins.get(owner)?.delete(name);
      return;
    }
    this.collectWithin(node, found);
  }

  private collectWithin(node: ts.Node, found: Set<string>): void {
    if (ts.isTryStatement(node) && node.catchClause) {
      // What the try block throws is handled, unless the catch block throws it on (`throw error`).
      if (rethrows(node.catchClause)) this.collect(node.tryBlock, found);
      this.collect(node.catchClause.block, found);
      if (node.finallyBlock) this.collect(node.finallyBlock, found);
      return;
    }
    if (ts.isFunctionLike(node) && !this.isCallback(node)) return;
    if (ts.isThrowStatement(node) && node.expression && ts.isNewExpression(node.expression)) {
      const name = this.classNameOf(node.expression.expression);
      if (name && this.isRpfError(name)) {
        found.add(name);
        this.noteOrigin(node, name);
      }
      for (const argument of node.expression.arguments ?? []) this.collect(argument, found);
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isDecorator(node)) {
      for (const name of this.calleeThrows(node)) {
        found.add(name);
        this.noteOrigin(node, name);
      }
    }
    ts.forEachChild(node, (child) => this.collect(child, found));
  }

  /** Records where the declaration being analysed first throws `name`, or calls what does. */
  private noteOrigin(node: ts.Node, name: string): void {
    const owner = this.analysing.at(-1);
    if (!owner) return;
    const file = node.getSourceFile();
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const noted = this.origins.get(owner) ?? new Map<string, string>();
    if (!noted.has(name)) noted.set(name, `${file.fileName}:${line}`);
    this.origins.set(owner, noted);
  }

  /** Where `declaration` first throws `name` (directly or by a call), as "file:line". */
  originOf(declaration: ts.Node, name: string): string | undefined {
    return this.origins.get(declaration)?.get(name);
  }

  private isCallback(node: ts.Node): boolean {
    const parent = node.parent;
    return (
      (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
      (parent.arguments?.some((argument) => argument === node) ?? false)
    );
  }

  private classNameOf(expression: ts.Expression): string | undefined {
    let symbol = this.checker.getSymbolAtLocation(expression);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol?.name;
  }

  private calleeThrows(call: ts.CallExpression | ts.NewExpression | ts.Decorator): ReadonlySet<string> {
    const declaration = this.checker.getResolvedSignature(call)?.declaration;
    if (!declaration || ts.isJSDocSignature(declaration) || !isRepoSource(declaration.getSourceFile())) {
      return new Set();
    }
    return this.thrown(declaration);
  }
}
