// graphology-layout-forceatlas2 ships its iteration and helpers (what forceAtlas2.assign runs on a
// graphology graph) without types; lib/layout runs them on matrices it builds itself.
declare module "graphology-layout-forceatlas2/iterate.js" {
  /** One ForceAtlas2 iteration over the node matrix (10 numbers per node) and edge matrix (3 per edge), in place. */
  const iterate: (settings: Record<string, unknown>, nodes: Float32Array, edges: Float32Array) => void;
  export default iterate;
}
declare module "graphology-layout-forceatlas2/helpers.js" {
  export function assign<T extends object>(target: T, ...sources: object[]): T & Record<string, unknown>;
  export function validateSettings(settings: Record<string, unknown>): { message: string } | null;
}
declare module "graphology-layout-forceatlas2/defaults.js" {
  const defaults: Record<string, unknown>;
  export default defaults;
}
