import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { renderFigure, renderSvg } from "./render.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const spec: TopLevelSpec = {
  width: 100,
  height: 50,
  padding: 0,
  autosize: "none",
  title: "A tiny figure",
  data: { values: [{ a: 0 }, { a: 1 }] },
  mark: "point",
  encoding: { x: { field: "a", type: "quantitative", axis: null } },
};

describe("renderFigure", () => {
  it("renders a Vega-Lite spec to an SVG and a PNG of the same picture at twice its size", async () => {
    const { svg, png } = await renderFigure(spec);
    expect(svg).toMatch(/^<svg [^>]*width="100" height="50"/);
    expect(svg).toContain("A tiny figure");
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // IHDR follows the signature: length, "IHDR", then width and height as big-endian uint32.
    const header = new DataView(png.buffer, png.byteOffset + 16, 8);
    expect([header.getUint32(0), header.getUint32(4)]).toEqual([200, 100]);
  });
});

describe("renderSvg", () => {
  it("is the SVG that renderFigure rasterises (the bench renders its figures with it)", async () => {
    const svg = await renderSvg(spec);
    expect(svg).toBe((await renderFigure(spec)).svg);
  });
});
