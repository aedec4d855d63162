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
 * Which rpf errors a function can throw: a `throw new X(…)` in its body, or a call to a repository
 * function (transitively) or to a bodiless declaration whose TSDoc says `@throws {X}`. Throws inside
 * a `try` with a `catch` are taken as handled; closures are followed only when passed to a call
 * (callbacks run by the caller), not when returned or stored.
 */
export class ThrowAnalysis {
  /** Error class name → the names of it and its ancestors, for every error class in the program. */
  readonly errorClasses = new Map<string, readonly string[]>(STANDARD_ERRORS.map((name) => [name, [name]]));
  private readonly memo = new Map<ts.Node, ReadonlySet<string>>();

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
    const body = this.bodyOf(declaration);
    if (body) {
      this.collect(body, found);
    } else if (ts.isClassDeclaration(declaration)) {
      for (const member of declaration.members) {
        if (ts.isConstructorDeclaration(member) || ts.isPropertyDeclaration(member)) this.collect(member, found);
      }
    } else {
      for (const name of throwsNames(this.documentedTags(declaration))) if (this.isRpfError(name)) found.add(name);
    }
    return found;
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
    const names = [type.symbol?.name ?? ""];
    if (type.isClassOrInterface()) {
      for (const base of this.checker.getBaseTypes(type)) names.push(...this.ancestry(base));
    }
    return names;
  }

  private collect(node: ts.Node, found: Set<string>): void {
    if (ts.isTryStatement(node) && node.catchClause) {
      this.collect(node.catchClause.block, found);
      if (node.finallyBlock) this.collect(node.finallyBlock, found);
      return;
    }
    if (ts.isFunctionLike(node) && !this.isCallback(node)) return;
    if (ts.isThrowStatement(node) && node.expression && ts.isNewExpression(node.expression)) {
      const name = this.classNameOf(node.expression.expression);
      if (name && this.isRpfError(name)) found.add(name);
      for (const argument of node.expression.arguments ?? []) this.collect(argument, found);
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isDecorator(node)) {
      for (const name of this.calleeThrows(node)) found.add(name);
    }
    ts.forEachChild(node, (child) => this.collect(child, found));
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
