/**
 * Lets queued messages (Stop) run. A MessageChannel task, not a zero timeout: nested timeouts are
 * clamped to 4 ms, which over hundreds of chunks would add up.
 */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
