import { describe, expect, it } from "vitest";
import { staleReason } from "./stale-results.js";

describe("staleReason", () => {
  const made = { settings: "?members=9", data: 3 };

  it("is null while the inputs are those the results came from", () => {
    expect(staleReason(made, { settings: "?members=9", data: 3 })).toBeNull();
  });

  it("names the settings or the data, the data first", () => {
    expect(staleReason(made, { settings: "?members=5", data: 3 })).toBe("settings");
    expect(staleReason(made, { settings: "?members=9", data: 4 })).toBe("data");
    expect(staleReason(made, { settings: "?members=5", data: 4 })).toBe("data");
  });

  it("is null for results no inputs produced (none shown, or a loaded model file)", () => {
    expect(staleReason(null, { settings: "?members=5", data: 4 })).toBeNull();
  });
});
