import { parseBackendRequest, registeredBackends, resolveBackend } from "@rpf/core";

/** What a backend is chosen for: training, or inference only. */
type Job = "train" | "infer";

/**
 * The backend packages this CLI ships, with the priorities it registers them at ("auto" takes the
 * highest that can do the job). Each package is imported only when a command may use it: loading
 * tfjs and onnxruntime costs a few hundred milliseconds that a run on backend-matrix never needs.
 */
interface BuiltinPackage {
  readonly priority: Record<Job, number>;
  /** Registers the package's backends at `priority`. */
  register(priority: Record<Job, number>, matrixThreads?: number): Promise<void>;
}

const BUILTIN_PACKAGES: readonly BuiltinPackage[] = [
  {
    priority: { train: 10, infer: 10 },
    async register(priority, matrixThreads) {
      const { registerParallelMatrixBackend } = await import("@rpf/backend-matrix/node");
      registerParallelMatrixBackend({ priority: priority.train, threads: matrixThreads });
    },
  },
  {
    priority: { train: 5, infer: 5 },
    async register(priority) {
      const [tf, { registerTfjsBackend }] = await Promise.all([
        import("@tensorflow/tfjs-core"),
        import("@rpf/backend-tfjs"),
      ]);
      // The CLI owns its process: PROD mode skips tfjs' debug checks and its "install tfjs-node" banner.
      tf.env().set("PROD", true);
      registerTfjsBackend({ priority: priority.train });
    },
  },
  {
    // Inference below matrix: onnxruntime's outputs depend on the batch a point is in (README).
    priority: { train: 1, infer: 8 },
    async register(priority) {
      const { registerOnnxBackend } = await import("@rpf/backend-onnx");
      registerOnnxBackend({ priority: priority.train, priorityFor: { infer: priority.infer } });
    },
  },
];

const loaded = new Map<BuiltinPackage, Promise<void>>();

function load(entry: BuiltinPackage, matrixThreads: number | undefined): Promise<void> {
  let pending = loaded.get(entry);
  if (!pending) {
    pending = entry.register(entry.priority, matrixThreads);
    loaded.set(entry, pending);
  }
  return pending;
}

/**
 * Registers every backend this CLI ships with (once). backend-matrix trains members on
 * `matrixThreads` worker threads (default: one per core); a caller that already runs one job per
 * core, like reproduce's pool, passes 1.
 */
export async function registerBuiltinBackends(matrixThreads?: number): Promise<void> {
  await Promise.all(BUILTIN_PACKAGES.map((entry) => load(entry, matrixThreads)));
}

/**
 * Registers the backends that `request` ("auto", "matrix", "tfjs:wasm", …) may resolve to for
 * `job`, loading as few packages as gives the same choice as with all of them registered. For
 * "auto": the package ranked first for the job, if its best backend is available here; otherwise
 * all of them. For a name: packages in rank order until one registers that name; an unknown name
 * loads all, so the error lists every backend.
 * @throws InvalidArgumentError for a request not of the form NAME or NAME:DEVICE.
 */
export async function registerBackendsFor(request: string, job: Job, matrixThreads?: number): Promise<void> {
  const { backend: name } = parseBackendRequest(request);
  const ranked = [...BUILTIN_PACKAGES].sort((a, b) => b.priority[job] - a.priority[job]);
  if (name === "auto") {
    await load(ranked[0]!, matrixThreads);
    const best = registeredBackends(job)[0];
    const chosen = await resolveBackend(request, job).catch(() => null);
    if (chosen && chosen.backend === best) return;
  } else {
    for (const entry of ranked) {
      if (registeredBackends().some((backend) => backend.name === name)) return;
      await load(entry, matrixThreads);
    }
  }
  await registerBuiltinBackends(matrixThreads);
}
