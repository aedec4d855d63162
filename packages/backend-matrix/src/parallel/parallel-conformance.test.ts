import { FLOAT64_TOLERANCES } from "@rpf/core/testing";
import { describeConformance } from "@rpf/core/testing/vitest";
import { createParallelMatrixBackend } from "../node.js";

describeConformance("matrix on 2 worker threads (float64)", {
  backend: createParallelMatrixBackend(2),
  tolerances: FLOAT64_TOLERANCES,
  skip: {
    "create, fit, predict and dispose leak no live objects":
      "nothing to count: plain typed arrays in worker threads, which dispose() terminates",
  },
});
