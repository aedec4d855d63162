import { Resvg } from "@resvg/resvg-js";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { FONT_FAMILY } from "./figure-frame.js";

export interface RenderedFigure {
  readonly svg: string;
  readonly png: Uint8Array;
}

/** Device pixels per SVG pixel: sharp on screens and in print without huge files. */
const PNG_ZOOM = 2;

/**
 * Compiles a Vega-Lite spec and renders it headless as SVG text: Vega writes the SVG itself
 * (renderer "none" needs no canvas). The one Vega render of rpf's figures, the CLI's and the bench's.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders a Vega-Lite spec as SVG (renderSvg) and as PNG: resvg rasterises that SVG, so the PNG is exactly the SVG. */
export async function renderFigure(spec: TopLevelSpec): Promise<RenderedFigure> {
  const svg = await renderSvg(spec);
  const png = new Resvg(svg, {
    fitTo: { mode: "zoom", value: PNG_ZOOM },
    background: "white",
    // System fonts, so the text renders wherever the CLI runs; DejaVu Sans when it is there.
    font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  })
    .render()
    .asPng();
  return { svg, png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength) };
}
