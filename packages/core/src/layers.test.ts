import { describe, expect, it } from "vitest";
import { importsOf, shippedSources } from "./import-graph.fixture.js";

/**
 * Core's folders form layers: a folder may import from the folders below it, never from one above,
 * so that each can be read, tested and moved on its own (the order is in README.md, "Entry points
 * and layers"). This test reads the import graph of the shipped sources (tests and fixtures left
 * out: they may reach anywhere) and fails on any cycle between folders, naming the imports in it.
 */

/** The layer a source file belongs to: its top folder, or the file itself at the root of src/. */
function layerOf(file: string): string {
  return file.split("/")[0]!;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  /** The import that makes the edge, as "file → imported file". */
  readonly via: string;
}

/** Edges between layers from every relative import (type-only imports and re-exports included). */
function layerEdges(files: readonly string[]): Edge[] {
  const edges: Edge[] = [];
  for (const file of files) {
    for (const target of importsOf(file).files) {
      const from = layerOf(file);
      const to = layerOf(target);
      if (from !== to) edges.push({ from, to, via: `${file} → ${target}` });
    }
  }
  return edges;
}

/** Strongly connected components with more than one layer (Tarjan's algorithm): each is a cycle. */
function layerCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe("core's folder layers", () => {
  it("finds a cycle when one exists, and none in a chain", () => {
    const edge = (from: string, to: string): Edge => ({ from, to, via: `${from} → ${to}` });
    expect(layerCycles([edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("c", "d")])).toEqual([["a", "b", "c"]]);
    expect(layerCycles([edge("a", "b"), edge("b", "c"), edge("a", "c")])).toEqual([]);
  });

  it("has no import cycle between folders", () => {
    const edges = layerEdges(shippedSources());
    const cycles = layerCycles(edges).map((cycle) => {
      const inside = edges.filter((e) => cycle.includes(e.from) && cycle.includes(e.to)).map((e) => e.via);
      return `${cycle.join(" ↔ ")}: ${inside.join("; ")}`;
    });
    expect(cycles).toEqual([]);
  });
});
