import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";

describe("canonicalJson", () => {
  it("does not depend on key order, at any depth", () => {
    const a = { b: 1, a: { y: [1, { q: 2, p: 3 }], x: "s" } };
    const b = { a: { x: "s", y: [1, { p: 3, q: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"s","y":[1,{"p":3,"q":2}]},"b":1}');
  });

  it("keeps array order", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("drops undefined fields as JSON.stringify does, and keeps null", () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(JSON.parse(canonicalJson({ a: undefined, b: null }))).toEqual(JSON.parse(JSON.stringify({ b: null })));
  });

  it("agrees with JSON.stringify on scalars and escapes keys", () => {
    for (const value of [0, -1.5, 1e-8, 'a"b', true, null]) expect(canonicalJson(value)).toBe(JSON.stringify(value));
    expect(canonicalJson({ 'k"': 1 })).toBe('{"k\\"":1}');
  });

  it("is stable across a JSON round trip", () => {
    const value = { lr: 0.03, eps: 1e-8, list: [0.1, 0.2], nested: { z: 1, a: 2 } };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });
});
