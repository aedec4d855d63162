export type { AblationPanel, BandsSummary, BetaSweepPanel, FigureData, MemberCurves } from "./figure-inputs.js";
export {
  ablationFigure,
  betaSweepFigure,
  dataFigure,
  ensembleMembersFigure,
  singleModelFigure,
} from "./figure-specs.js";
export { type RenderedFigure, renderFigure, renderSvg } from "./render.js";
