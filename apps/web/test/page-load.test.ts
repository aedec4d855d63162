import { describe, expect, it } from "vitest";
import { hook, usePlayground } from "./support/playground-page.js";

describe("the playground page", () => {
  const open = usePlayground();

  it("loads with no console errors, the toy data, the notebook's defaults and empty charts", async () => {
    const page = await open();
    const state = await hook(page);
    expect(state).toMatchObject({ status: "idle", epoch: 0, prediction: null, dataPoints: 100, error: null });
    const controls = page.page;
    expect(await controls.getByLabel("Members", { exact: true }).inputValue()).toBe("9");
    expect(await controls.getByLabel("Prior scale β", { exact: true }).inputValue()).toBe("3");
    expect(await controls.getByLabel("Hidden widths", { exact: true }).inputValue()).toBe("16,16");
    expect(await controls.getByLabel("Activation", { exact: true }).inputValue()).toBe("elu");
    expect(await controls.getByLabel("Bootstrap", { exact: true }).inputValue()).toBe("resample");
    expect(await controls.getByLabel("Epochs", { exact: true }).inputValue()).toBe("3000");
    expect(await controls.getByLabel("Learning rate", { exact: true }).inputValue()).toBe("0.03");
    expect(await controls.getByLabel("Seed", { exact: true }).inputValue()).toBe("0");
    expect(await controls.getByLabel("Backend", { exact: true }).inputValue()).toBe("matrix");
    await expect(controls.getByRole("button", { name: "Train" }).isEnabled()).resolves.toBe(true);
    // Main chart, one-member chart and loss chart: uPlot draws each on a canvas.
    expect(await controls.locator(".chart canvas").count()).toBe(3);
    page.expectNoErrors();
    await page.close();
  });

  it("restores the controls from the URL and writes changes back to it", async () => {
    const page = await open({
      members: "5",
      beta: "10",
      hidden: "8,8",
      activation: "tanh",
      bootstrap: "none",
      epochs: "250",
      lr: "0.01",
      seed: "7",
      backend: "tfjs:wasm",
    });
    const controls = page.page;
    expect(await controls.getByLabel("Members", { exact: true }).inputValue()).toBe("5");
    expect(await controls.getByLabel("Prior scale β", { exact: true }).inputValue()).toBe("10");
    expect(await controls.getByLabel("Hidden widths", { exact: true }).inputValue()).toBe("8,8");
    expect(await controls.getByLabel("Activation", { exact: true }).inputValue()).toBe("tanh");
    expect(await controls.getByLabel("Bootstrap", { exact: true }).inputValue()).toBe("none");
    expect(await controls.getByLabel("Seed", { exact: true }).inputValue()).toBe("7");
    expect(await controls.getByLabel("Backend", { exact: true }).inputValue()).toBe("tfjs:wasm");

    await controls.getByLabel("Members", { exact: true }).fill("12");
    // From the page itself: playwright learns of replaceState a moment later.
    const query = new URL(await page.run(() => location.href)).searchParams;
    expect(query.get("members")).toBe("12");
    expect(query.get("beta")).toBe("10");
    expect(await controls.locator("#share-link").getAttribute("href")).toContain("members=12");
    page.expectNoErrors();
    await page.close();
  });

  it("shows each invalid field's message, in its label and its control's limits, and will not train", async () => {
    const page = await open({ activation: "swish" });
    const controls = page.page;
    await expect(controls.locator("#field-activation-error").textContent()).resolves.toBe(
      'Activation "swish" is not one of the choices: elu; relu; tanh; gelu; identity',
    );
    await controls.getByLabel("Activation", { exact: true }).selectOption("relu");
    await controls.getByLabel("Members", { exact: true }).fill("0");
    await controls.getByLabel("Hidden widths", { exact: true }).fill("16,x");
    await controls.getByLabel("Epochs", { exact: true }).fill("200000");
    await expect(controls.locator("#field-members-error").textContent()).resolves.toBe(
      'Members must be a whole number from 1 to 64; got "0"',
    );
    await expect(controls.locator("#field-hidden-error").textContent()).resolves.toBe(
      'Hidden widths must be whole numbers from 1 to 4,096, separated by commas; number 2 is "x"',
    );
    await expect(controls.locator("#field-epochs-error").textContent()).resolves.toBe(
      'Epochs must be a whole number from 0 to 100,000; got "200000"',
    );
    // The controls' own limits are the ones the messages give.
    const limits = (label: string) =>
      controls.getByLabel(label, { exact: true }).evaluate((input: HTMLInputElement) => [input.min, input.max]);
    expect(await limits("Members")).toEqual(["1", "64"]);
    expect(await limits("Epochs")).toEqual(["0", "100000"]);
    expect(await controls.getByLabel("Members", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await controls.locator("#field-activation-error").isHidden()).toBe(true);

    await controls.getByRole("button", { name: "Train" }).click();
    expect(await controls.locator("#status-line").textContent()).toBe("Fix the highlighted settings first.");
    expect(await controls.evaluate(() => document.activeElement?.id)).toBe("field-members");
    expect((await hook(page)).status).toBe("idle");
    page.expectNoErrors();
    await page.close();
  });
});
