import { describe, expect, it } from "vitest";
import { clickPlotAt, hook, plotPosition, usePlayground } from "./support/playground-page.js";

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

describe("adding and removing points", () => {
  const open = usePlayground();

  it("refuses a typed point far outside the view, saying the accepted range", async () => {
    const page = await open();
    const controls = page.page;
    await controls.getByLabel("x", { exact: true }).fill("1e6");
    await controls.getByLabel("y", { exact: true }).fill("0");
    await controls.getByRole("button", { name: "Add point" }).click();
    const error = controls.locator("#data-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toBe(
      "(1e6, 0) is outside the range points can be added in: x from -5 to 5.5, y from -8 to 8.8 (the wide view around the data); data at another scale can be loaded as a CSV",
    );
    expect((await hook(page)).dataPoints).toBe(100);

    // At the range's edge it is taken.
    await controls.getByLabel("x", { exact: true }).fill("5.5");
    await controls.getByLabel("y", { exact: true }).fill("-8");
    await controls.getByRole("button", { name: "Add point" }).click();
    expect(await error.isHidden()).toBe(true);
    expect((await hook(page)).dataPoints).toBe(101);
    page.expectNoErrors();
    await page.close();
  });

  it("a Remove mode lets a plain click, and the keyboard's form, remove points", async () => {
    const page = await open();
    const controls = page.page;
    expect(await controls.locator("#edit-hint").textContent()).toBe(
      "Click the plot to add a point. Shift-click a point, or choose Remove points, to remove it.",
    );
    await controls.getByLabel("x", { exact: true }).fill("0.8");
    await controls.getByLabel("y", { exact: true }).fill("1.2");
    await controls.getByRole("button", { name: "Add point" }).click();
    await clickPlotAt(page, 0.9, 1.3);
    expect((await hook(page)).dataPoints).toBe(102);

    // Keyboard only: the toggle is a radio group, and the form's button follows it.
    await controls.getByLabel("Add points").focus();
    await controls.keyboard.press("ArrowRight");
    expect(await controls.getByLabel("Remove points").isChecked()).toBe(true);
    expect(await controls.locator("#edit-hint").textContent()).toBe(
      "Click a point to remove it. Choose Add points to add again.",
    );
    await controls.getByLabel("x", { exact: true }).fill("0.8");
    await controls.getByLabel("y", { exact: true }).fill("1.2");
    await controls.getByLabel("y", { exact: true }).press("Enter");
    expect((await hook(page)).dataPoints).toBe(101);
    // Nothing near the typed point: nothing removed, and the message says why.
    await controls.getByRole("button", { name: "Remove point" }).click();
    expect(await controls.locator("#data-error").textContent()).toBe(
      "no point lies near (0.8, 1.2): within 5% of the near view's width and height",
    );
    expect((await hook(page)).dataPoints).toBe(101);

    // A plain click, no shift key, removes the point under it.
    await clickPlotAt(page, 0.9, 1.3);
    expect((await hook(page)).dataPoints).toBe(100);
    page.expectNoErrors();
    await page.close();
  });

  it("on a touch screen the hints speak of taps, and a tap in Remove mode removes", async () => {
    const page = await open({}, PHONE);
    const controls = page.page;
    expect(await controls.locator("#edit-hint").textContent()).toBe(
      "Tap the plot to add a point. To remove points, choose Remove points, then tap them.",
    );
    const at = await plotPosition(page, 0.8, 1.2);
    await controls.touchscreen.tap(at.left, at.top);
    expect((await hook(page)).dataPoints).toBe(101);
    await controls.locator('label[for="edit-remove"]').tap();
    expect(await controls.locator("#edit-hint").textContent()).toBe(
      "Tap a point to remove it. Choose Add points to add again.",
    );
    const again = await plotPosition(page, 0.8, 1.2);
    await controls.touchscreen.tap(again.left, again.top);
    expect((await hook(page)).dataPoints).toBe(100);
    page.expectNoErrors();
    await page.close();
  });
});
