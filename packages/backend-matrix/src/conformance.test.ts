import { FLOAT64_TOLERANCES } from "@rpf/core/testing";
import { describeConformance } from "@rpf/core/testing/vitest";
import { matrixBackend } from "./index.js";

describeConformance("matrix (float64)", {
  backend: matrixBackend,
  tolerances: FLOAT64_TOLERANCES,
  skip: {
    "create, fit, predict and dispose leak no live objects":
      "nothing to count: plain typed arrays are garbage-collected; there are no tensors or native sessions",
  },
});
