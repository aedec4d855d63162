import { byId } from "./dom.js";

export type EditAction = "add" | "remove";

/** A touch screen as the main pointer: tap, no shift key, no hover. */
const TOUCH_QUERY = "(pointer: coarse)";

const HINTS: Record<"touch" | "mouse", Record<EditAction, string>> = {
  touch: {
    add: "Tap the plot to add a point. To remove points, choose Remove points, then tap them.",
    remove: "Tap a point to remove it. Choose Add points to add again.",
  },
  mouse: {
    add: "Click the plot to add a point. Shift-click a point, or choose Remove points, to remove it.",
    remove: "Click a point to remove it. Choose Add points to add again.",
  },
};

/**
 * What a click (or tap) on the plot does, and what the x/y form does: add a point or remove one.
 * Shift-click removes too, but touch screens and keyboards have no shift-click, so the mode is a
 * toggle anyone can reach. The hint under the plot speaks of taps or clicks, as the device has.
 */
export class EditMode {
  private readonly radios = document.querySelectorAll<HTMLInputElement>('input[name="edit-mode"]');
  private readonly hint = byId<HTMLElement>("edit-hint");
  private readonly submit = byId<HTMLButtonElement>("point-submit");
  private readonly chart = byId<HTMLElement>("ensemble-chart");
  private readonly touch = window.matchMedia(TOUCH_QUERY);

  constructor() {
    for (const radio of this.radios) radio.addEventListener("change", () => this.sync());
    this.touch.addEventListener("change", () => this.sync());
    this.sync();
  }

  get action(): EditAction {
    return Array.from(this.radios).find((radio) => radio.checked)?.value === "remove" ? "remove" : "add";
  }

  private sync(): void {
    const action = this.action;
    this.hint.textContent = HINTS[this.touch.matches ? "touch" : "mouse"][action];
    this.submit.textContent = action === "add" ? "Add point" : "Remove point";
    // The cursor over the plot says which it is.
    this.chart.dataset.edit = action;
  }
}
