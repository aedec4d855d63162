import { launchChromium, type OpenedPage, openPage, serveStatic } from "@rpf/browser-testing";
import type { Browser, BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { PlaygroundHook } from "../../src/playground-hook.js";
import { builtApp } from "./built-app.js";

export type { PlaygroundHook };

export interface PlaygroundServer {
  readonly browser: Browser;
  readonly origin: string;
  close(): Promise<void>;
}

/** The built app on 127.0.0.1 (a secure context, so WebGPU is on) and Chromium with WebGPU. */
export async function startPlayground(): Promise<PlaygroundServer> {
  const root = await builtApp();
  const server = await serveStatic({ "/": root });
  const browser = await launchChromium({ webgpu: true });
  return {
    browser,
    origin: server.url,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens the playground with these control values in its query string, on this emulated device. */
export async function openPlayground(
  browser: Browser,
  origin: string,
  query: Record<string, string> = {},
  device: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const search = new URLSearchParams(query).toString();
  const page = await openPage(browser, `${origin}/index.html${search ? `?${search}` : ""}`, device);
  await page.page.waitForFunction(() => window.rpfPlayground !== undefined);
  return page;
}

export function hook(page: OpenedPage): Promise<PlaygroundHook> {
  return page.run(() => window.rpfPlayground);
}

/** Clicks Train and waits for the run to end; fails with the page's error if it fails. */
export async function train(page: OpenedPage, timeoutMs = 60_000): Promise<PlaygroundHook> {
  const before = JSON.stringify((await hook(page)).lastRun);
  await page.page.getByRole("button", { name: "Train" }).click();
  // A short run may start and end between two polls: a new lastRun (or an error) shows it ran.
  await page.page.waitForFunction(
    (previous) => {
      const { status, lastRun } = window.rpfPlayground;
      return status === "training" || status === "error" || JSON.stringify(lastRun) !== previous;
    },
    before,
    { timeout: 10_000 },
  );
  await page.page.waitForFunction(() => window.rpfPlayground.status !== "training", null, { timeout: timeoutMs });
  const state = await hook(page);
  if (state.status === "error") throw new Error(`training failed in the page: ${state.error}`);
  return state;
}

/** Mean of std over the grid points whose x lies in [from, to]. */
export function meanStd(state: PlaygroundHook, from: number, to: number): number {
  const { x, std } = state.prediction!;
  const picked = std.filter((_, i) => x[i]! >= from && x[i]! <= to);
  return picked.reduce((sum, s) => sum + s, 0) / picked.length;
}

/** The prediction's value of `values` at the grid point nearest x. */
export function valueAt(state: PlaygroundHook, values: number[], x: number): number {
  const xs = state.prediction!.x;
  let best = 0;
  xs.forEach((xi, i) => {
    if (Math.abs(xi - x) < Math.abs(xs[best]! - x)) best = i;
  });
  return values[best]!;
}

/** Where data coordinates (x, y) are on the screen, with the main chart scrolled into view. */
export async function plotPosition(page: OpenedPage, x: number, y: number): Promise<{ left: number; top: number }> {
  const { plotRanges } = await hook(page);
  const plot = page.page.locator("#ensemble-chart .u-over");
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  return {
    left: box.x + ((x - plotRanges!.x.min) / (plotRanges!.x.max - plotRanges!.x.min)) * box.width,
    top: box.y + ((plotRanges!.y.max - y) / (plotRanges!.y.max - plotRanges!.y.min)) * box.height,
  };
}

/** Clicks the main chart at data coordinates (x, y), as a user would. */
export async function clickPlotAt(page: OpenedPage, x: number, y: number, modifiers: ("Shift" | "Alt")[] = []) {
  const { left, top } = await plotPosition(page, x, y);
  await page.page.mouse.move(left, top);
  for (const key of modifiers) await page.page.keyboard.down(key);
  await page.page.mouse.click(left, top);
  for (const key of modifiers) await page.page.keyboard.up(key);
}

/**
 * Pixels of the main chart's canvas that are clearly red (the mean and the σ bands) and clearly
 * coloured but not red (the members): proof that both were drawn, not just computed.
 */
export function countDrawnPixels(page: OpenedPage): Promise<{ red: number; coloured: number }> {
  return page.run(() => {
    const canvas = document.querySelector<HTMLCanvasElement>("#ensemble-chart canvas")!;
    const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    let red = 0;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      const spread = Math.max(r, g, b) - Math.min(r, g, b);
      if (r > g + 25 && r > b + 25 && Math.abs(g - b) < 25) red++;
      else if (spread > 60) coloured++;
    }
    return { red, coloured };
  });
}

/** Starts the built playground once for the enclosing describe block; returns a page opener. */
export function usePlayground(): (
  settings?: Parameters<typeof openPlayground>[2],
  device?: Parameters<typeof openPlayground>[3],
) => ReturnType<typeof openPlayground> {
  let app: PlaygroundServer | undefined;
  beforeAll(async () => {
    app = await startPlayground();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });
  return (settings, device) => openPlayground(app!.browser, app!.origin, settings, device);
}
