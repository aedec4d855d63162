import { FLOAT32_TOLERANCES, FLOAT64_TOLERANCES } from "@rpf/core/testing";
import { describeConformance } from "@rpf/core/testing/vitest";
import { matrixBackend, matrixFloat32Backend, matrixTypescriptBackend } from "./index.js";

const NO_PROBE = "nothing to count: plain typed arrays are garbage-collected; there are no tensors or native sessions";

describeConformance("matrix (float64, wasm SIMD trainer)", {
  backend: matrixBackend,
  tolerances: FLOAT64_TOLERANCES,
  skip: { "create, fit, predict and dispose leak no live objects": NO_PROBE },
});

describeConformance("matrix (float64, TypeScript trainer)", {
  backend: matrixTypescriptBackend,
  tolerances: FLOAT64_TOLERANCES,
  skip: { "create, fit, predict and dispose leak no live objects": NO_PROBE },
});

describeConformance("matrix-f32 (float32 storage)", {
  backend: matrixFloat32Backend,
  tolerances: FLOAT32_TOLERANCES,
  skip: { "create, fit, predict and dispose leak no live objects": NO_PROBE },
});
