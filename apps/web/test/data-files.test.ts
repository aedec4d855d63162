import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { hook, usePlayground } from "./support/playground-page.js";

const csv = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

describe("data files", () => {
  const open = usePlayground();

  it("an invalid CSV shows core's message inline and keeps the previous data", async () => {
    const page = await open();
    const error = page.page.locator("#data-error");
    await page.page.getByLabel("CSV file").setInputFiles(csv("bad.csv", "x,y\n0.1,0.2\n0.3,abc\n"));
    await expect.poll(() => error.textContent()).toBe('bad.csv line 3, column "y": "abc" is not a number');
    expect(await error.getAttribute("role")).toBe("alert");
    expect((await hook(page)).dataPoints).toBe(100);
    expect(await page.page.locator("#data-summary").textContent()).toBe("· 100 points · toy data, seed 0");

    await page.page.getByLabel("CSV file").setInputFiles(csv("ragged.csv", "x,y\n1,2\n3\n"));
    await expect.poll(() => error.textContent()).toBe("ragged.csv line 3 has 1 cells; the header has 2");
    await page.page.getByLabel("CSV file").setInputFiles(csv("wide.csv", "a,b,c\n1,2,3\n"));
    await expect
      .poll(() => error.textContent())
      .toBe("wide.csv has 2 input columns (a, b); the playground plots one: name the x column");
    expect((await hook(page)).dataPoints).toBe(100);
    page.expectNoErrors();
    await page.close();
  });

  it("loads the chosen columns of a CSV, and downloads the data as CSV", async () => {
    const page = await open();
    await page.page.getByLabel("CSV file").setInputFiles(csv("wide.csv", "a,b,c\n1,2,3\n2,4,5\n3,6,7\n"));
    await page.page.getByLabel("x column").fill("b");
    await page.page.getByLabel("y column").fill("a");
    await page.page.getByRole("button", { name: "Load CSV", exact: true }).click();
    await expect.poll(async () => (await hook(page)).dataPoints).toBe(3);
    expect(await page.page.locator("#data-error").isHidden()).toBe(true);
    expect(await page.page.locator("#data-summary").textContent()).toBe("· 3 points · wide.csv (x: b, y: a)");

    const [download] = await Promise.all([
      page.page.waitForEvent("download"),
      page.page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(await readFile((await download.path())!, "utf8")).toBe("b,a\n2,1\n4,2\n6,3\n");

    await page.page.getByRole("button", { name: "Reset data" }).click();
    expect((await hook(page)).dataPoints).toBe(100);
    page.expectNoErrors();
    await page.close();
  });

  it("refuses a CSV without a header, and writes float32 values in shortest form (16.6, 3.4028235e+38)", async () => {
    const page = await open();
    const error = page.page.locator("#data-error");
    await page.page.getByLabel("CSV file").setInputFiles(csv("bare.csv", "0.1,1.0\n0.2,2.0\n0.3,3.0\n0.4,4.5\n"));
    await expect
      .poll(() => error.textContent())
      .toBe(
        'bare.csv line 1 holds only numbers ("0.1", "1.0"), so it has no header row: a header row naming the columns is required (e.g. x,y) before the data',
      );
    expect((await hook(page)).dataPoints).toBe(100);

    await page.page.getByLabel("CSV file").setInputFiles(csv("edge.csv", "x,y\n16.6,0.1\n3.4028235e38,-0.3\n"));
    await expect.poll(async () => (await hook(page)).dataPoints).toBe(2);
    const [download] = await Promise.all([
      page.page.waitForEvent("download"),
      page.page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(await readFile((await download.path())!, "utf8")).toBe("x,y\n16.6,0.1\n3.4028235e+38,-0.3\n");

    await page.page.locator("#point-x").fill("3.5e38");
    await page.page.locator("#point-y").fill("1");
    await page.page.getByRole("button", { name: "Add point" }).click();
    await expect
      .poll(() => error.textContent())
      .toBe("a point needs a finite x and y within the float32 range (±3.4028235e38)");
    expect((await hook(page)).dataPoints).toBe(2);
    page.expectNoErrors();
    await page.close();
  });
});
