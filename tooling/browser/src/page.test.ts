import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageErrorsError, PageLoadError } from "./errors.js";
import { launchChromium } from "./launch.js";
import { openPage } from "./page.js";
import { type StaticServer, serveStatic } from "./static-server.js";

const EMPTY_ICON = '<link rel="icon" href="data:,">';

describe("openPage", () => {
  let root: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "rpf-page-"));
    await writeFile(join(root, "quiet.html"), `<!doctype html>${EMPTY_ICON}<title>quiet</title>`);
    await writeFile(
      join(root, "noisy.html"),
      `<!doctype html>${EMPTY_ICON}<title>noisy</title>
      <script>console.error("something went wrong"); throw new Error("uncaught boom");</script>`,
    );
    server = await serveStatic({ "/": root });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("runs functions in the page and reports no problems on a quiet page", async () => {
    const page = await openPage(browser, `${server.url}/quiet.html`);
    expect(await page.run((factor) => document.title.length * factor, 2)).toBe(10);
    page.expectNoErrors();
    await page.close();
  });

  it("collects console errors and uncaught exceptions raised while the page loads", async () => {
    const page = await openPage(browser, `${server.url}/noisy.html`);
    expect(page.problems.map((p) => p.kind).sort()).toEqual(["console-error", "page-error"]);
    expect(page.expectNoErrors).toThrow(PageErrorsError);
    expect(page.expectNoErrors).toThrow(/something went wrong[\s\S]*uncaught boom/);
    await page.close();
  });

  it("refuses a page the server does not have", async () => {
    await expect(openPage(browser, `${server.url}/absent.html`)).rejects.toBeInstanceOf(PageLoadError);
  });
});
