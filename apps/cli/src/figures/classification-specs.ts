import type { TopLevelSpec } from "vega-lite";
import { FONT_FAMILY } from "./figure-frame.js";

/** One cell's maps over the plane, per plane point (the grid's order). */
export interface ClassificationPanel {
  readonly title: string;
  /** [g]: the averaged probability of class 1. */
  readonly probability: Float32Array;
  /** [g]: mutual information, nats. */
  readonly mutualInformation: Float32Array;
}

export interface ClassificationFigureInput {
  readonly title: string;
  /** The plane: float32 [count², 2] (planeGrid), spanning [−extent, extent]². */
  readonly plane: Float32Array;
  readonly extent: number;
  readonly count: number;
  /** The training points, float32 [n, 2], and their classes 0 or 1. */
  readonly x: Float32Array;
  readonly classIndex: Int32Array;
  /** The ring's radius: drawn dashed on every panel. */
  readonly ringRadius: number;
  readonly panels: readonly ClassificationPanel[];
}

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
/** The most mutual information two classes can have, ln 2 nats: the top of every MI colour scale. */
const MAX_MI_TWO_CLASSES = Math.LN2;
const SIZE = 220;
/** Rounding keeps the SVG small and its bytes the same on every machine. */
const round = (v: number) => Math.round(v * 1e4) / 1e4;

function cellRows(input: ClassificationFigureInput, values: Float32Array) {
  const half = input.extent / (input.count - 1);
  return Array.from(values, (value, i) => {
    const x1 = input.plane[2 * i]!;
    const x2 = input.plane[2 * i + 1]!;
    return { a: round(x1 - half), b: round(x1 + half), c: round(x2 - half), d: round(x2 + half), v: round(value) };
  });
}

function panel(input: ClassificationFigureInput, title: string, values: Float32Array, color: object) {
  const axis = (name: string) => ({
    type: "quantitative" as const,
    title: name,
    scale: { domain: [-input.extent, input.extent], nice: false },
  });
  const points = Array.from(input.classIndex, (k, i) => ({
    x1: round(input.x[2 * i]!),
    x2: round(input.x[2 * i + 1]!),
    k,
  }));
  const ring = Array.from({ length: 121 }, (_, i) => {
    const angle = (2 * Math.PI * i) / 120;
    return { x1: round(input.ringRadius * Math.cos(angle)), x2: round(input.ringRadius * Math.sin(angle)), i };
  });
  return {
    title,
    width: SIZE,
    height: SIZE,
    layer: [
      {
        data: { values: cellRows(input, values) },
        mark: { type: "rect" as const, strokeWidth: 0, clip: true },
        encoding: {
          x: { field: "a", ...axis("x₁") },
          x2: { field: "b" },
          y: { field: "c", ...axis("x₂") },
          y2: { field: "d" },
          color: { field: "v", ...color },
        },
      },
      {
        data: { values: ring },
        mark: { type: "line" as const, color: "#222", strokeDash: [4, 3], strokeWidth: 1, clip: true },
        encoding: {
          x: { field: "x1", type: "quantitative" as const },
          y: { field: "x2", type: "quantitative" as const },
          order: { field: "i" },
        },
      },
      ...[0, 1].map((k) => ({
        data: { values: points.filter((p) => p.k === k) },
        mark: {
          type: "point" as const,
          filled: true,
          size: 14,
          color: k === 0 ? "black" : "white",
          stroke: "black",
          strokeWidth: 0.6,
          opacity: 1,
        },
        encoding: {
          x: { field: "x1", type: "quantitative" as const },
          y: { field: "x2", type: "quantitative" as const },
        },
      })),
    ],
  };
}

/**
 * A figure of one data set's ablation: a row of the predicted class (colour: the probability of
 * class 1, so the class is the side of 1/2) and a row of mutual information (0 to ln 2 nats on
 * every panel, so cells compare by colour), one column per cell, with the training points (class 0
 * black, class 1 white) and the dashed ring where "far from the data" is measured.
 */
export function classificationFigure(input: ClassificationFigureInput): TopLevelSpec {
  const probability = { type: "quantitative", title: "P(class 1)", scale: { scheme: "blueorange", domain: [0, 1] } };
  const mutual = {
    type: "quantitative",
    title: "MI (nats)",
    scale: { scheme: "viridis", domain: [0, round(MAX_MI_TWO_CLASSES)] },
  };
  return {
    $schema: SCHEMA,
    title: {
      text: input.title,
      subtitle: "top: the predicted class (colour: P(class 1)); bottom: mutual information; dashed: the far ring",
      anchor: "start",
    },
    config: {
      font: `${FONT_FAMILY}, sans-serif`,
      aria: false,
      background: "white",
      padding: 8,
      axis: { grid: false, labelFontSize: 10, titleFontSize: 11 },
      title: { fontSize: 12, fontWeight: "normal" },
      legend: { orient: "right" },
    },
    resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
    vconcat: [
      { hconcat: input.panels.map((p) => panel(input, p.title, p.probability, probability)) },
      { hconcat: input.panels.map((p) => panel(input, "mutual information", p.mutualInformation, mutual)) },
    ],
  } as TopLevelSpec;
}
