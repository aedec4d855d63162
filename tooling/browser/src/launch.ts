import { accessSync, constants } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { ChromiumNotFoundError } from "./errors.js";

/** Debian's `chromium` package: playwright cannot download its own browsers here. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

export interface LaunchChromiumOptions {
  /** Expose `navigator.gpu`; with no GPU present the adapter is SwiftShader (software Vulkan). */
  webgpu?: boolean;
}

/**
 * Headless and quiet: no profile set-up, no calls home, no component downloads mid-test. Playwright
 * adds a plain `--headless`, which means the same in Chromium 132+; `=new` says so explicitly.
 */
const BASE_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * `--enable-unsafe-webgpu` is the switch that matters: without it Linux Chromium 156 answers
 * `requestAdapter()` with null; with it, on a machine without a GPU, the adapter is SwiftShader.
 * `--enable-unsafe-swiftshader` made no difference in 156 (playwright passes it anyway), but Chromium
 * is moving software fallbacks behind it, so we name it. `--use-webgpu-adapter=swiftshader` and
 * `--enable-features=Vulkan` were tried too and change nothing.
 */
const WEBGPU_ARGS = ["--enable-unsafe-webgpu", "--enable-unsafe-swiftshader"];

/** The browser binary: `RPF_CHROMIUM` when set, else Debian's. */
export function chromiumExecutablePath(): string {
  return process.env.RPF_CHROMIUM || DEFAULT_CHROMIUM_PATH;
}

/** Starts headless Chromium; close it with `browser.close()`. */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const executablePath = chromiumExecutablePath();
  try {
    accessSync(executablePath, constants.X_OK);
  } catch (cause) {
    throw new ChromiumNotFoundError(executablePath, cause);
  }
  return chromium.launch({
    executablePath,
    args: options.webgpu ? [...BASE_ARGS, ...WEBGPU_ARGS] : BASE_ARGS,
  });
}
