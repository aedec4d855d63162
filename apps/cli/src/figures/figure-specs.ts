import type { TopLevelSpec } from "vega-lite";
import { panelGrid, singlePanelFigure } from "./figure-frame.js";
import {
  type AblationPanel,
  type BandsSummary,
  type BetaSweepPanel,
  checkCurve,
  checkData,
  checkFinite,
  checkNotEmpty,
  type FigureData,
  type MemberCurves,
} from "./figure-inputs.js";
import { bandsLayer, linesLayer, membersLayer, type Panel, type PanelSize, panel, pointsLayer } from "./panel.js";
import { type BandRow, bandRows, curveRows, dataRows, plotWindow, yClamp } from "./plot-rows.js";
import { SERIES, type SeriesKey } from "./series-key.js";

/**
 * Each figure's legend. Every panel of a figure uses the same key, because Vega-Lite shares one
 * colour scale across the panels of a grid and merges their legends only when the scales agree.
 */
const bandsKey = [SERIES.data, SERIES.mean, SERIES.oneSigma, SERIES.twoSigma];
const gaussianBandsKey = [SERIES.data, SERIES.mean, SERIES.aleatoricTwoSigma, SERIES.totalTwoSigma];

/** The key of a figure of band panels: a Gaussian model's when any panel has an aleatoric part. */
function bandsKeyOf(panels: readonly BandsSummary[]): SeriesKey {
  return panels.some((p) => p.aleatoricStd !== undefined) ? gaussianBandsKey : bandsKey;
}
const netsKey = [SERIES.data, SERIES.prior, SERIES.trainable, SERIES.resultant];

/** A figure of one panel gets more room than a panel in a grid. */
const LARGE: PanelSize = { width: 480, height: 320 };

/** The notebook's ensemble figure shows the first 8 of its 9 members, two to a row. */
const MEMBER_PANELS = 8;

type YDomain = readonly [number, number];

/** The notebook's y limits. */
const Y = {
  data: [-0.8, 1.6],
  nets: [-0.6, 1.4],
  sweepBands: [-2, 2],
  sweepMembers: [-1.5, 2],
  ablation: [-1.5, 1.5],
} satisfies Record<string, YDomain>;

/** The data and the prediction grid, validated once for all the panels of a figure. */
interface Frame {
  readonly data: FigureData;
  readonly grid: Float32Array;
}

function frame(data: FigureData, grid: Float32Array): Frame {
  checkData(data);
  checkFinite("grid", grid);
  return { data, grid };
}

/** A member's prior β·p, trainable net t and their sum g. */
function netsPanel(f: Frame, curves: MemberCurves, field: string, title: string, size?: PanelSize): Panel {
  checkCurve(`${field}.prior`, curves.prior, f.grid);
  checkCurve(`${field}.trainable`, curves.trainable, f.grid);
  checkCurve(`${field}.resultant`, curves.resultant, f.grid);
  const w = plotWindow(f.grid, Y.nets);
  const lines = [
    ...curveRows(w, curves.prior, SERIES.prior.label),
    ...curveRows(w, curves.trainable, SERIES.trainable.label),
    ...curveRows(w, curves.resultant, SERIES.resultant.label),
  ];
  return panel({
    title,
    size,
    yDomain: Y.nets,
    layers: [linesLayer(lines, netsKey), pointsLayer(dataRows(f.data, w.clamp, SERIES.data.label), netsKey)],
  });
}

/**
 * The ensemble's mean (dashed) inside its ±1σ and ±2σ bands; for a Gaussian-head model, inside
 * its total ±2σ band with the aleatoric ±2σ band (the predicted noise) drawn over it.
 */
function meanBandsPanel(
  f: Frame,
  summary: BandsSummary,
  field: string,
  title: string,
  yDomain: YDomain,
  key: SeriesKey,
): Panel {
  checkCurve(`${field}.mean`, summary.mean, f.grid);
  checkCurve(`${field}.std`, summary.std, f.grid);
  const w = plotWindow(f.grid, yDomain);
  let bands: BandRow[];
  if (summary.aleatoricStd) {
    checkCurve(`${field}.aleatoricStd`, summary.aleatoricStd, f.grid);
    const aleatoric = { mean: summary.mean, std: summary.aleatoricStd };
    bands = [
      ...bandRows(w, summary, 2, SERIES.totalTwoSigma.label),
      ...bandRows(w, aleatoric, 2, SERIES.aleatoricTwoSigma.label),
    ];
  } else {
    bands = [...bandRows(w, summary, 2, SERIES.twoSigma.label), ...bandRows(w, summary, 1, SERIES.oneSigma.label)];
  }
  return panel({
    title,
    yDomain,
    layers: [
      bandsLayer(bands, key),
      linesLayer(curveRows(w, summary.mean, SERIES.mean.label), key),
      pointsLayer(dataRows(f.data, w.clamp, SERIES.data.label), key),
    ],
  });
}

/** Every member's curve, dashed, as the right-hand column of the β sweep. */
function membersPanel(f: Frame, members: readonly Float32Array[], field: string, title: string, key: SeriesKey): Panel {
  checkNotEmpty(field, members.length);
  const w = plotWindow(f.grid, Y.sweepMembers);
  const rows = members.flatMap((values, j) => {
    checkCurve(`${field}[${j}]`, values, f.grid);
    return curveRows(w, values, `member ${j + 1}`);
  });
  return panel({
    title,
    yDomain: Y.sweepMembers,
    layers: [membersLayer(rows), pointsLayer(dataRows(f.data, w.clamp, SERIES.data.label), key)],
  });
}

/** `0.001` rather than `0.0010000000474974513` when β went through a Float32Array. */
const formatBeta = (beta: number): string => String(Number(beta.toPrecision(6)));

/** Experiment 1: the toy data set. */
export function dataFigure(data: FigureData): TopLevelSpec {
  checkData(data);
  const points = dataRows(data, yClamp(Y.data), SERIES.data.label);
  return singlePanelFigure(panel({ size: LARGE, yDomain: Y.data, layers: [pointsLayer(points, [SERIES.data])] }));
}

/** Experiment 2: one member's prior β·p, trainable net t and their sum g; β goes in the title. */
export function singleModelFigure(
  data: FigureData,
  grid: Float32Array,
  curves: MemberCurves,
  beta: number,
): TopLevelSpec {
  checkFinite("beta", [beta]);
  return singlePanelFigure(
    netsPanel(frame(data, grid), curves, "curves", `Single model: β = ${formatBeta(beta)}`, LARGE),
  );
}

/**
 * Experiment 3: members 1–8, each with β·p, t and g. The notebook drew the unscaled p here; β·p
 * shows g as the sum of the two other curves, as in the single-model figure.
 */
export function ensembleMembersFigure(data: FigureData, grid: Float32Array, members: MemberCurves[]): TopLevelSpec {
  checkNotEmpty("members", members.length);
  const f = frame(data, grid);
  const panels = members
    .slice(0, MEMBER_PANELS)
    .map((curves, i) => netsPanel(f, curves, `members[${i}]`, `Ensemble: Model #${i + 1}`));
  return panelGrid(panels, 2);
}

/** Experiment 4: per β, the mean with ±1σ and ±2σ bands (left) and every member's curve (right). */
export function betaSweepFigure(data: FigureData, grid: Float32Array, panels: BetaSweepPanel[]): TopLevelSpec {
  checkNotEmpty("panels", panels.length);
  const f = frame(data, grid);
  const key = bandsKeyOf(panels);
  const rows = panels.flatMap((p, i) => {
    checkFinite(`panels[${i}].beta`, [p.beta]);
    const title = `β = ${formatBeta(p.beta)}`;
    return [
      meanBandsPanel(f, p, `panels[${i}]`, title, Y.sweepBands, key),
      membersPanel(f, p.members, `panels[${i}].members`, `${title}: members`, key),
    ];
  });
  return panelGrid(rows, 2);
}

/** Experiment 5: mean with ±1σ and ±2σ bands for each prior × bootstrap combination, two to a row. */
export function ablationFigure(data: FigureData, grid: Float32Array, panels: AblationPanel[]): TopLevelSpec {
  checkNotEmpty("panels", panels.length);
  const f = frame(data, grid);
  return panelGrid(
    panels.map((p, i) => meanBandsPanel(f, p, `panels[${i}]`, p.title, Y.ablation, bandsKeyOf(panels))),
    2,
  );
}
