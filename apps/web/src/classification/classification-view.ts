import { CLASSIFICATION_2D_NAMES, type Classification2dName, isClassification2dName, oneHot } from "@rpf/core";
import { HeatmapChart } from "../charts/heatmap-chart.js";
import type { PlaygroundHook } from "../playground-hook.js";
import { byId } from "../ui/dom.js";
import type { ClassSnapshot, TestPoints, TrainingData } from "../worker/protocol.js";
import { type ClassPoint, generateSample, pointArrays, type SampleSettings } from "./class-points.js";
import { fillDisagreementPixels, fillProbabilityPixels } from "./heatmap-fill.js";
import { heatmapGrid } from "./heatmap-grid.js";

/** Points per generated sample (before the split). */
const SAMPLE_SIZE = 200;
/** The two classes every 2D data set has. */
export const CLASS_COUNT = 2;
/** Frame times kept for `rpfPlayground.classification.frames`. */
const FRAMES_KEPT = 200;

/** What a classification run sends the worker: the training points one-hot, the held-out points and the grid. */
export interface ClassificationInputs {
  readonly data: TrainingData;
  readonly test: TestPoints;
  readonly grid: Float32Array;
}

/** Short names, as the Playground's: the select sits on one line with the sliders. */
const DATASET_LABELS: Record<Classification2dName, string> = {
  circle: "Circle",
  xor: "XOR",
  clusters: "Clusters",
  spiral: "Spiral",
};

/**
 * The 2D classification panel: the sample (data set, noise, split, points added by clicking), the
 * two heatmaps — the predicted class and the mutual information — and the test scores. Snapshots
 * may arrive faster than frames; only the latest is drawn, once per animation frame.
 */
export class ClassificationView {
  private readonly datasetSelect = byId<HTMLSelectElement>("class-dataset");
  private readonly noiseInput = byId<HTMLInputElement>("class-noise");
  private readonly splitInput = byId<HTMLInputElement>("class-split");
  private readonly noiseOutput = byId<HTMLOutputElement>("class-noise-value");
  private readonly splitOutput = byId<HTMLOutputElement>("class-split-value");
  private readonly accuracyOutput = byId<HTMLElement>("test-accuracy");
  private readonly lossOutput = byId<HTMLElement>("test-loss");
  private readonly summary = byId<HTMLElement>("class-summary");
  private readonly probabilityChart: HeatmapChart;
  private readonly disagreementChart: HeatmapChart;
  private readonly grid = heatmapGrid();
  private seed = 0;
  private generated: ClassPoint[] = [];
  private added: ClassPoint[] = [];
  private snapshot: ClassSnapshot | null = null;
  private frame = 0;

  constructor(private readonly hook: PlaygroundHook) {
    this.datasetSelect.replaceChildren(
      ...CLASSIFICATION_2D_NAMES.map((name) => new Option(DATASET_LABELS[name], name)),
    );
    const points = () => this.points;
    const add = (x1: number, x2: number) => this.add(x1, x2);
    this.probabilityChart = new HeatmapChart(byId("class-probability-chart"), points, add);
    this.disagreementChart = new HeatmapChart(byId("class-disagreement-chart"), points, add);
    this.datasetSelect.addEventListener("change", () => this.resample(false));
    this.noiseInput.addEventListener("input", () => this.resample(false));
    this.splitInput.addEventListener("input", () => this.resample(false));
    byId("class-new-sample").addEventListener("click", () => this.resample(true));
    byId("class-clear-added").addEventListener("click", () => {
      this.added = [];
      this.pointsChanged();
    });
    this.resample(false);
  }

  get points(): readonly ClassPoint[] {
    return [...this.generated, ...this.added];
  }

  private sampleSettings(): SampleSettings {
    const name = this.datasetSelect.value;
    return {
      dataset: isClassification2dName(name) ? name : "circle",
      noise: Number(this.noiseInput.value) / 100,
      count: SAMPLE_SIZE,
      trainFraction: Number(this.splitInput.value) / 100,
      seed: this.seed,
    };
  }

  /** Draws the sample anew: a new seed for "New sample", the same one when a setting moved. */
  private resample(newSeed: boolean): void {
    if (newSeed) this.seed++;
    const settings = this.sampleSettings();
    this.noiseOutput.value = `${Math.round(settings.noise * 100)}%`;
    this.splitOutput.value = `${Math.round(settings.trainFraction * 100)}%`;
    this.generated = generateSample(settings);
    this.pointsChanged();
  }

  /** A click on a heatmap adds a training point of the class chosen under the charts. */
  private add(x1: number, x2: number): void {
    const chosen = document.querySelector<HTMLInputElement>('input[name="click-class"]:checked');
    this.added.push({ x1, x2, classIndex: Number(chosen?.value ?? 0), test: false });
    this.pointsChanged();
  }

  private pointsChanged(): void {
    const points = this.points;
    const test = points.filter((p) => p.test).length;
    this.summary.textContent = `${points.length - test} training · ${test} test points${this.added.length ? ` (${this.added.length} added)` : ""}`;
    this.hook.classification = {
      ...this.hook.classification,
      dataset: this.sampleSettings().dataset,
      trainPoints: points.length - test,
      testPoints: test,
    };
    this.probabilityChart.redraw();
    this.disagreementChart.redraw();
  }

  /** The current sample as the worker takes it. */
  inputs(): ClassificationInputs {
    const train = pointArrays(this.points.filter((p) => !p.test));
    const test = pointArrays(this.points.filter((p) => p.test));
    return {
      data: { x: train.x, y: oneHot(train.classIndex, CLASS_COUNT), inputSize: 2, outputSize: CLASS_COUNT },
      test,
      grid: this.grid,
    };
  }

  /** Draws a snapshot from the worker (null: empty, as before any run). */
  show(snapshot: ClassSnapshot | null): void {
    this.snapshot = snapshot;
    if (snapshot === null) {
      this.hook.classification = { ...this.hook.classification, accuracy: null, loss: null, heatmap: null };
    }
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const snapshot = this.snapshot;
    const started = performance.now();
    if (!snapshot) {
      this.probabilityChart.show(null);
      this.disagreementChart.show(null);
      this.accuracyOutput.textContent = "–";
      this.lossOutput.textContent = "–";
      return;
    }
    const { classCount, probabilities, mutualInformation } = snapshot;
    this.probabilityChart.show((pixels) => fillProbabilityPixels(pixels, probabilities, classCount));
    this.disagreementChart.show((pixels) => fillDisagreementPixels(pixels, mutualInformation, classCount));
    this.accuracyOutput.textContent = snapshot.test
      ? `${(100 * snapshot.test.accuracy).toFixed(1)}%`
      : "no test points";
    this.lossOutput.textContent = snapshot.test ? snapshot.test.loss.toFixed(3) : "–";
    let maxInformation = 0;
    for (const value of mutualInformation) maxInformation = Math.max(maxInformation, value);
    // uPlot paints in a microtask queued by show(); one queued after it runs once the pixels are on the canvases.
    queueMicrotask(() => {
      const drawMs = performance.now() - started;
      const previous = this.hook.classification;
      this.hook.classification = {
        ...previous,
        accuracy: snapshot.test?.accuracy ?? null,
        loss: snapshot.test?.loss ?? null,
        heatmap: { cells: mutualInformation.length, maxMutualInformation: maxInformation },
        frames: [...previous.frames, { predictMs: snapshot.predictMs, drawMs }].slice(-FRAMES_KEPT),
      };
    });
  }
}
