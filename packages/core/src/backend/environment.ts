/** Where rpf runs: Node.js (native runtimes, the file system) or a browser (or a web worker). */
export type Environment = "node" | "browser";

/** True in Node.js (and runtimes that report a Node version, such as Bun); false in browsers and web workers. */
export const isNode: boolean = typeof process !== "undefined" && typeof process.versions?.node === "string";

/** The environment this module was loaded in. */
export const currentEnvironment: Environment = isNode ? "node" : "browser";
