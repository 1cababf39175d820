// Circles on a planted-partition graph: the groups planted are the groups found.
import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  connectedComponents,
  labelPropagation,
  louvainPartition,
  seededRandom,
} from '../../src/communities/detect.ts';
import { plantedPartition } from './planted.ts';

describe('circles (Louvain)', () => {
  it('recovers planted groups (adjusted Rand index ≥ 0.9)', () => {
    const { edges, planted } = plantedPartition(6, 50, 0.25, 0.01);
    const found = louvainPartition(edges);
    expect(found.count).toBe(6);
    expect(adjustedRandIndex(planted, found.labels)).toBeGreaterThanOrEqual(0.9);
    expect(found.modularity).toBeGreaterThan(0.5);
  });

  it('gives the same circles for the same graph', () => {
    const { edges } = plantedPartition(4, 30, 0.3, 0.02, 11);
    expect([...louvainPartition(edges).labels]).toEqual([...louvainPartition(edges).labels]);
  });

  it('the naive methods find one giant component where Louvain finds the groups', () => {
    const { edges, planted } = plantedPartition(6, 50, 0.25, 0.01);
    const components = connectedComponents(edges);
    expect(components.count).toBe(1);
    expect(adjustedRandIndex(planted, components.labels)).toBeLessThan(0.1);
    const propagated = labelPropagation(edges);
    expect(propagated.count).toBeGreaterThanOrEqual(1);
    expect(propagated.modularity).toBeLessThanOrEqual(louvainPartition(edges).modularity + 1e-9);
  });

  it('adjusted Rand index: 1 for the same partition renamed, about 0 for unrelated ones', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9])).toBe(1);
    const random = seededRandom(3);
    const a = Array.from({ length: 2000 }, () => Math.floor(random() * 5));
    const b = Array.from({ length: 2000 }, () => Math.floor(random() * 5));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.05);
  });

  it('an empty graph has no circles and nothing breaks', () => {
    const found = louvainPartition({ nodes: 0, source: new Int32Array(), target: new Int32Array() });
    expect(found.count).toBe(0);
  });
});
