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
 * Compiles a Vega-Lite spec and renders it headless: Vega writes the SVG itself (renderer "none"
 * needs no canvas), and resvg rasterises that SVG, so the PNG is exactly the SVG.
 */
export async function renderFigure(spec: TopLevelSpec): Promise<RenderedFigure> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      fitTo: { mode: "zoom", value: PNG_ZOOM },
      background: "white",
      // System fonts, so the text renders wherever the CLI runs; DejaVu Sans when it is there.
      font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    })
      .render()
      .asPng();
    return { svg, png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength) };
  } finally {
    view.finalize();
  }
}
