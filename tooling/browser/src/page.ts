import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { PageErrorsError, PageLoadError, type PageProblem } from "./errors.js";

export interface OpenedPage {
  /** The playwright page, for anything the helpers here do not cover. */
  page: Page;
  /** Console errors, uncaught exceptions and crashes seen since the page was opened. */
  readonly problems: readonly PageProblem[];
  /**
   * `page.evaluate`: runs a function in the page and returns its result. The function travels as
   * source text, so it cannot use imports or variables of the test file; pass what it needs as the
   * argument (plain data: numbers, strings, arrays, objects).
   */
  run: Page["evaluate"];
  /** Throws a `PageErrorsError` listing every problem, if there was any. */
  expectNoErrors(): void;
  /** Closes the page and its browser context. */
  close(): Promise<void>;
}

/**
 * Opens `url` in a fresh browser context (no state shared between tests) and records problems from
 * the first request on, so errors thrown while the page loads are caught too. `contextOptions`
 * emulate a device: `{ viewport, hasTouch: true, isMobile: true }` for a phone.
 */
export async function openPage(
  browser: Browser,
  url: string,
  contextOptions: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems: PageProblem[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url: source, lineNumber, columnNumber } = message.location();
    problems.push({
      kind: "console-error",
      text: message.text(),
      ...(source ? { location: `${source}:${lineNumber}:${columnNumber}` } : {}),
    });
  });
  page.on("pageerror", (error) => problems.push({ kind: "page-error", text: error.stack ?? error.message }));
  page.on("crash", () => problems.push({ kind: "crash", text: "the page crashed" }));

  try {
    const response = await page.goto(url);
    if (response && !response.ok()) throw new PageLoadError(url, `HTTP ${response.status()}`);
  } catch (error) {
    await context.close();
    throw error instanceof PageLoadError ? error : new PageLoadError(url, String(error), error);
  }

  return {
    page,
    problems,
    run: page.evaluate.bind(page),
    expectNoErrors: () => {
      if (problems.length > 0) throw new PageErrorsError(url, problems);
    },
    close: () => context.close(),
  };
}
