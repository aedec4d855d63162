/** The browser executable is absent or not executable: say how to install it, not just that it failed. */
export class ChromiumNotFoundError extends Error {
  readonly executablePath: string;

  constructor(executablePath: string, cause?: unknown) {
    super(
      `Chromium was not found at ${executablePath}. Install Debian's package ` +
        "(apt-get install --no-install-recommends chromium) or point RPF_CHROMIUM at a Chromium binary.",
      { cause },
    );
    this.name = "ChromiumNotFoundError";
    this.executablePath = executablePath;
  }
}

/** What a page reported as wrong: a console error, an uncaught exception, or a crash. */
export interface PageProblem {
  kind: "console-error" | "page-error" | "crash";
  text: string;
  /** `url:line:column` of a console error, when the browser gives one. */
  location?: string;
}

/** Thrown by `expectNoErrors()`: lists every problem so one run shows them all. */
export class PageErrorsError extends Error {
  readonly problems: readonly PageProblem[];

  constructor(url: string, problems: readonly PageProblem[]) {
    const lines = problems.map((p) => `  [${p.kind}] ${p.text}${p.location ? ` (${p.location})` : ""}`);
    super(`${url} reported ${problems.length} problem(s):\n${lines.join("\n")}`);
    this.name = "PageErrorsError";
    this.problems = problems;
  }
}

/** A bad route, caught when the server starts rather than showing up as a 404 in some test later. */
export class StaticRouteError extends Error {
  constructor(prefix: string, target: string, reason: string, cause?: unknown) {
    super(`serveStatic: route "${prefix}" → ${target}: ${reason}.`, { cause });
    this.name = "StaticRouteError";
  }
}

/** The page itself could not be loaded (network failure or an HTTP error status). */
export class PageLoadError extends Error {
  constructor(url: string, reason: string, cause?: unknown) {
    super(`Could not open ${url}: ${reason}.`, { cause });
    this.name = "PageLoadError";
  }
}
