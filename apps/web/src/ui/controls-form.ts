import { FIELDS, type FieldDefinition, type FieldKey, type FieldValues } from "../settings/fields.js";
import type { FieldErrors } from "../settings/validate-settings.js";

type Control = HTMLInputElement | HTMLSelectElement;

/** Puts a value in a control; a select gets the field's options, and the value as one more if the list lacks it. */
function showValue(control: Control, field: FieldDefinition, value: string): void {
  const { input } = field;
  if (control instanceof HTMLSelectElement && input.kind === "select") {
    const options = input.options.some((o) => o.value === value)
      ? input.options
      : // A value from a shared link or a model file that the list lacks stays visible, and its message says why.
        [...input.options, { value, label: value }];
    control.replaceChildren(...options.map((option) => new Option(option.label, option.value)));
  }
  control.value = value;
}

function createControl(field: FieldDefinition, value: string): Control {
  const { input } = field;
  if (input.kind === "select") {
    const select = document.createElement("select");
    showValue(select, field, value);
    return select;
  }
  const element = document.createElement("input");
  if (input.kind === "number") {
    element.type = "number";
    element.min = String(input.min);
    if (input.max !== undefined) element.max = String(input.max);
    element.step = input.integer ? "1" : "any";
    element.inputMode = input.integer ? "numeric" : "decimal";
  } else {
    element.type = "text";
    element.placeholder = input.placeholder;
    element.spellcheck = false;
  }
  element.value = value;
  return element;
}

/**
 * The settings form, built from the field table: each control has a <label for>, a hint, and a
 * message slot that shows core's validation message next to it.
 */
export class ControlsForm {
  private readonly values: FieldValues;
  private readonly controls = new Map<FieldKey, Control>();
  private readonly messages = new Map<FieldKey, HTMLElement>();

  constructor(
    form: HTMLFormElement,
    initial: FieldValues,
    private readonly onChange: (values: FieldValues) => void,
  ) {
    this.values = { ...initial };
    for (const field of FIELDS) {
      const id = `field-${field.key}`;
      const wrapper = document.createElement("div");
      wrapper.className = "field";
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = field.label;
      const control = createControl(field, this.values[field.key]);
      control.id = id;
      control.name = field.param;
      const hint = document.createElement("small");
      hint.id = `${id}-hint`;
      hint.className = "hint";
      hint.textContent = field.hint;
      const message = document.createElement("small");
      message.id = `${id}-error`;
      message.className = "error";
      message.hidden = true;
      control.setAttribute("aria-describedby", `${hint.id} ${message.id}`);
      control.addEventListener(control instanceof HTMLSelectElement ? "change" : "input", () => {
        this.values[field.key] = control.value;
        this.onChange(this.current);
      });
      wrapper.append(label, control, hint, message);
      form.append(wrapper);
      this.controls.set(field.key, control);
      this.messages.set(field.key, message);
    }
  }

  /** Shows these values (a loaded model's settings) and reports them as a change. */
  setValues(values: FieldValues): void {
    for (const field of FIELDS) {
      this.values[field.key] = values[field.key];
      showValue(this.controls.get(field.key)!, field, values[field.key]);
    }
    this.onChange(this.current);
  }

  get current(): FieldValues {
    return { ...this.values };
  }

  showErrors(errors: FieldErrors): void {
    for (const field of FIELDS) {
      const message = errors[field.key] ?? null;
      const slot = this.messages.get(field.key)!;
      slot.textContent = message ?? "";
      slot.hidden = message === null;
      this.controls.get(field.key)!.setAttribute("aria-invalid", String(message !== null));
    }
  }

  focusFirstError(errors: FieldErrors): void {
    const first = FIELDS.find((field) => errors[field.key]);
    if (first) this.controls.get(first.key)!.focus();
  }
}
