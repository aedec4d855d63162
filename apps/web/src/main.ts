import "uplot/dist/uPlot.min.css";
import "./styles.css";
import type { ViewState } from "./charts/view-scales.js";
import { classificationSettings } from "./classification/class-spec.js";
import { CLASS_COUNT, ClassificationView } from "./classification/classification-view.js";
import { DataStore } from "./data/points.js";
import { predictionGrid } from "./data/prediction-grid.js";
import { type ViewMode, viewsFor } from "./data/view-range.js";
import { ExperimentsPanel } from "./experiments/experiments-panel.js";
import { installHook, type PlaygroundMode } from "./playground-hook.js";
import { PredictionView } from "./prediction-view.js";
import { Session } from "./session.js";
import { valuesFromModel } from "./settings/model-values.js";
import { readUrlState, urlStateQuery } from "./settings/url-state.js";
import { type ValidatedSettings, validateSettings } from "./settings/validate-settings.js";
import { TrainingController } from "./training-controller.js";
import { ControlsForm } from "./ui/controls-form.js";
import { DataPanel } from "./ui/data-panel.js";
import { byId } from "./ui/dom.js";
import { EditMode } from "./ui/edit-mode.js";
import { ModelPanel } from "./ui/model-panel.js";
import { type ResultKind, StaleResults } from "./ui/stale-results.js";
import { WorkerClient } from "./worker-client.js";
import { breakWorker } from "./worker-faults.js";

const hook = installHook((fault) => breakWorker(fault, worker, session));
const data = new DataStore();
const view: ViewState = { mode: "near", views: viewsFor(data.points, data.source) };
let grid = predictionGrid(view.views);

const editMode = new EditMode();
const predictions = new PredictionView(
  view,
  data,
  {
    add: (point) => data.add(point),
    removeAt: (index) => data.removeAt(index),
    get removing() {
      return editMode.action === "remove";
    },
  },
  hook,
);
const worker = new WorkerClient((message) => {
  // Jobs that were running have failed already; this also covers a worker that fails between
  // jobs (one that could not load), and the model that went with it.
  session.fail(message);
  modelPanel.modelLost();
});
const session = new Session(worker, byId("stop"), hook);

const shareLink = byId<HTMLAnchorElement>("share-link");
let settings: ValidatedSettings;
const form = new ControlsForm(byId("settings"), readUrlState(location.search), (values) => {
  settings = validateSettings(values);
  form.showErrors(settings.errors);
  showQuery();
  stale.update();
});
settings = validateSettings(form.current);
form.showErrors(settings.errors);
/** The controls and the view in the address bar and the share link, so a link opens the same view. */
function showQuery(): void {
  const query = `${urlStateQuery(form.current)}${hook.mode === "classification" ? "&mode=classification" : ""}`;
  history.replaceState(null, "", query);
  shareLink.href = query;
}
shareLink.href = urlStateQuery(form.current);

/**
 * The current controls, or null after pointing the user at the first invalid one; in the 2D view,
 * as a classification spec.
 */
function validSettings(): ValidatedSettings | null {
  const judged = hook.mode === "classification" ? classificationSettings(settings, CLASS_COUNT) : settings;
  if (judged.spec) return judged;
  form.showErrors(judged.errors);
  form.focusFirstError(judged.errors);
  session.status.message("Fix the highlighted settings first.");
  return null;
}

/**
 * What each kind of result depends on: every control and the data; an experiment sets β and the
 * bootstrap itself, so those two do not make it stale.
 */
function resultInputs(kind: ResultKind): { settings: string; data: number } {
  const values = form.current;
  const relevant = kind === "run" ? values : { ...values, priorScale: "", bootstrap: "" };
  return { settings: urlStateQuery(relevant), data: data.version };
}
const stale = new StaleResults(
  hook,
  {
    run: {
      notice: byId("results-stale"),
      dimmed: [byId("ensemble-chart"), byId("decomposition-chart"), byId("loss-chart")],
      redo: "retrain",
    },
    experiment: {
      notice: byId("experiment-stale"),
      dimmed: [byId("experiment-grid")],
      redo: "run the experiment again",
    },
  },
  resultInputs,
);

const modelPanel = new ModelPanel(
  worker,
  session,
  predictions,
  hook,
  () => grid,
  (spec, trainedOn) => form.setValues(valuesFromModel(spec, trainedOn, form.current)),
  stale,
);
const classes = new ClassificationView(hook);
const training = new TrainingController(
  session,
  () => (hook.mode === "classification" ? classes.inputs() : { data: data.toTrainingData(), grid }),
  predictions,
  classes,
  hook,
  modelPanel,
  stale,
);
new ExperimentsPanel(
  session,
  data,
  () => view.views,
  () => grid,
  validSettings,
  hook,
  stale,
);
new DataPanel(data, session, editMode, () => view.views);

const trainButton = byId<HTMLButtonElement>("train");
trainButton.addEventListener("click", () => {
  const valid = validSettings();
  if (valid) training.train(valid);
});
session.onBusy((busy) => {
  trainButton.disabled = busy;
});

hook.dataPoints = data.points.length;
data.onChange((change) => {
  hook.dataPoints = data.points.length;
  if (change === "replace") {
    view.views = viewsFor(data.points, data.source);
    grid = predictionGrid(view.views);
    // The old curves and loss belong to other data on other axes.
    predictions.show(grid, null);
    training.clearLoss();
    stale.cleared("run");
  } else {
    predictions.redraw();
  }
  stale.update();
});

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="view"]')) {
  radio.addEventListener("change", () => {
    view.mode = radio.value as ViewMode;
    predictions.redraw();
  });
}

/** The mode switch: which view the page shows and trains; it waits while a job runs. */
const modeRadios = document.querySelectorAll<HTMLInputElement>('input[name="mode"]');
function showMode(mode: PlaygroundMode): void {
  hook.mode = mode;
  document.body.dataset.mode = mode;
}
for (const radio of modeRadios) {
  radio.addEventListener("change", () => {
    showMode(radio.value as PlaygroundMode);
    showQuery();
  });
}
if (new URLSearchParams(location.search).get("mode") === "classification") {
  byId<HTMLInputElement>("mode-classification").checked = true;
  showMode("classification");
  showQuery();
}
session.onBusy((busy) => {
  for (const radio of modeRadios) radio.disabled = busy;
});
