import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { hook, train, usePlayground } from "./support/playground-page.js";

describe("the largest ensemble the form allows", () => {
  const open = usePlayground();

  it("trains twice in a row, then runs the β sweep, then still exports the model", async () => {
    const page = await open({ epochs: "200" });
    const members = page.page.getByLabel("Members", { exact: true });
    // The form's own limit, so the test follows it if it changes.
    const limit = await members.getAttribute("max");
    expect(Number(limit)).toBeGreaterThanOrEqual(64);
    await members.fill(limit!);
    for (const run of [1, 2]) {
      const state = await train(page);
      expect(state.status, `run ${run}`).toBe("done");
      expect(state.epoch).toBe(200);
      expect(await page.page.locator("#member option").count()).toBe(Number(limit));
    }
    // The sweep trains four more ensembles of that size while the trained model is kept.
    await page.page.getByRole("button", { name: "Run β sweep" }).click();
    await page.page.waitForFunction(() => window.rpfPlayground.status === "training");
    await page.page.waitForFunction(() => window.rpfPlayground.status !== "training", null, { timeout: 90_000 });
    const swept = await hook(page);
    expect(swept.error).toBeNull();
    expect(swept.status).toBe("done");
    expect(swept.experiment!.cells.every((cell) => cell.std !== null)).toBe(true);
    const [download] = await Promise.all([
      page.page.waitForEvent("download"),
      page.page.getByRole("button", { name: "Download model (.json)" }).click(),
    ]);
    const model = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(model.spec.members).toBe(Number(limit));
    page.expectNoErrors();
    await page.close();
  }, 180_000);
});
