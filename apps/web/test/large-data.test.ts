import { describe, expect, it } from "vitest";
import { hook, usePlayground } from "./support/playground-page.js";

const ROWS = 100_000;
/**
 * The bound: the page answers a keypress this soon (a frame included) while and after
 * 100,000 points load. Asserted on the median key; on a quiet 2-core machine the slowest was 38 ms.
 */
const TARGET_MS = 200;
/**
 * The bound asserted on the slowest key alone. Generous: this machine runs several test suites on two
 * cores at once (load 20–40), which stretches a 20 ms task to several hundred ms of wall time.
 * Still meaningful: the old page parsed on its main thread for seconds and then blocked 30–50 s
 * drawing every cross, and either puts a key far past it.
 */
const ANSWER_BOUND_MS = 1000;

/** A noisy parabola, deterministic: x from −2 to 2. */
function bigCsv(): Buffer {
  const lines = ["x,y"];
  for (let i = 0; i < ROWS; i++) {
    const x = -2 + (4 * i) / ROWS;
    lines.push(`${x.toFixed(6)},${(0.5 * x * x + 0.1 * Math.sin(i * 12.9898)).toFixed(6)}`);
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

describe("a 100,000-row CSV", () => {
  const open = usePlayground();

  it(`loads with progress shown, is drawn as a density, and the page keeps answering keypresses (target ${TARGET_MS} ms)`, async () => {
    const page = await open();
    // Every text the progress line shows, in order.
    await page.run(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const line = document.querySelector("#data-progress")!;
      new MutationObserver(() => {
        if (line.textContent) seen.push(line.textContent);
      }).observe(line, { childList: true, characterData: true, subtree: true });
    });
    // Each key's answer, measured by the page itself as Event Timing does: from the key's event
    // time (when the browser received it, so a wait behind a busy main thread counts) to the first
    // frame after the field changed.
    await page.run(() => {
      const answers: number[] = [];
      (window as unknown as { answers: number[] }).answers = answers;
      const field = document.querySelector<HTMLInputElement>("#point-x")!;
      let pressed = 0;
      field.addEventListener("keydown", (event) => {
        pressed = event.timeStamp;
      });
      field.addEventListener("input", () => {
        const at = pressed;
        requestAnimationFrame(() => answers.push(performance.now() - at));
      });
      field.focus();
    });
    const chosen = performance.now();
    await page.page.getByLabel("CSV file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: bigCsv() });
    // Keys typed all through the load (reading, parsing, drawing) and for a few after it.
    let loadedMs = 0;
    let after = 0;
    while (after < 5) {
      await page.page.keyboard.press("1");
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (loadedMs) after += 1;
      else if ((await hook(page)).dataPoints === ROWS) loadedMs = performance.now() - chosen;
      expect(performance.now() - chosen, "the file never replaced the data").toBeLessThan(60_000);
    }
    await page.page.waitForFunction(() => document.querySelector<HTMLElement>("#data-progress")!.hidden);
    const answers = await page.run(() => (window as unknown as { answers: number[] }).answers);
    const sorted = [...answers].sort((a, b) => a - b);
    const slowest = sorted.at(-1)!;
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const within = answers.filter((ms) => ms < TARGET_MS).length;
    console.log(
      `100,000 rows: chosen → on the chart ${loadedMs.toFixed(0)} ms; ${answers.length} keys typed meanwhile and after, ` +
        `answered (painted) in ${median.toFixed(0)} ms median, ${slowest.toFixed(0)} ms slowest, ${within} within ${TARGET_MS} ms`,
    );
    expect(answers.length).toBeGreaterThanOrEqual(5);
    expect(median).toBeLessThan(TARGET_MS);
    expect(slowest).toBeLessThan(ANSWER_BOUND_MS);

    const seen = await page.run(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen[0]).toMatch(/^Reading big\.csv \(\d+\.\d MB\)…$/);
    expect(seen).toContain("Drawing 100,000 points…");
    expect(await page.page.locator("#data-summary").textContent()).toBe("· 100000 points · big.csv (x: x, y: y)");

    // Drawn: the density is dark ink over much of the main chart.
    const ink = await page.run(() => {
      const canvas = document.querySelector<HTMLCanvasElement>("#ensemble-chart canvas")!;
      const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i + 3]! > 60 && data[i]! < 60 && data[i + 1]! < 60 && data[i + 2]! < 60) dark++;
      return dark;
    });
    expect(ink).toBeGreaterThan(2000);
    expect((await hook(page)).error).toBeNull();
    page.expectNoErrors();
    await page.close();
  });
});
