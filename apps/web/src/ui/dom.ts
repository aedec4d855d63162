/** An element the page's HTML must have; a missing one is a bug in index.html, said plainly. */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element #${id}`);
  return element as T;
}

/** Shows a message in an error element, or hides it when the message is null. */
export function showError(element: HTMLElement, message: string | null): void {
  element.textContent = message ?? "";
  element.hidden = message === null;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
