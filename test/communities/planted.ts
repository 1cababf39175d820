// A planted-partition graph: groups known in advance, for detection tests.
import { type EdgeList, seededRandom } from '../../src/communities/detect.ts';

/** `groups` groups of `size` nodes; an edge inside a group with pIn, across with pOut. */
export function plantedPartition(groups: number, size: number, pIn: number, pOut: number, seed = 7) {
  const random = seededRandom(seed);
  const nodes = groups * size;
  const source: number[] = [];
  const target: number[] = [];
  for (let a = 0; a < nodes; a++)
    for (let b = a + 1; b < nodes; b++) {
      const same = Math.floor(a / size) === Math.floor(b / size);
      if (random() < (same ? pIn : pOut)) {
        source.push(a);
        target.push(b);
      }
    }
  const planted = Int32Array.from({ length: nodes }, (_, i) => Math.floor(i / size));
  const edges: EdgeList = { nodes, source: Int32Array.from(source), target: Int32Array.from(target) };
  return { edges, planted };
}
