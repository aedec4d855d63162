import { afterEach, describe, expect, it, vi } from "vitest";
import { ChromiumNotFoundError } from "./errors.js";
import { chromiumExecutablePath, DEFAULT_CHROMIUM_PATH, launchChromium } from "./launch.js";

describe("launchChromium", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("uses Debian's chromium unless RPF_CHROMIUM says otherwise", () => {
    vi.stubEnv("RPF_CHROMIUM", "");
    expect(chromiumExecutablePath()).toBe(DEFAULT_CHROMIUM_PATH);
    vi.stubEnv("RPF_CHROMIUM", "/opt/chromium/chrome");
    expect(chromiumExecutablePath()).toBe("/opt/chromium/chrome");
  });

  it("names the apt package when the executable is missing", async () => {
    vi.stubEnv("RPF_CHROMIUM", "/nonexistent/chromium");
    const launching = launchChromium();
    await expect(launching).rejects.toBeInstanceOf(ChromiumNotFoundError);
    await expect(launching).rejects.toThrow(
      /\/nonexistent\/chromium.*apt-get install --no-install-recommends chromium/,
    );
  });
});
