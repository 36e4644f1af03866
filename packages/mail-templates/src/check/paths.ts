import type { z } from 'zod';

/** The shape of a template-visible value, read from a zod schema (変数の型). */
export type PathNode =
  | { readonly kind: 'object'; readonly fields: ReadonlyMap<string, PathNode> }
  | { readonly kind: 'array'; readonly element: PathNode }
  | { readonly kind: 'scalar'; readonly type: string };

interface ZodDefLike {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
}

function defOf(schema: z.ZodType): ZodDefLike {
  return (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;
}

/**
 * Reads the tree of paths a template may use from a zod object schema: objects by key, arrays by element;
 * nullable, optional and default wrappers are looked through.
 *
 * @example
 * ```ts
 * const tree = pathTree(MailContext);
 * resolvePath(tree, ['order', 'number']).ok; // true
 * ```
 */
export function pathTree(schema: z.ZodType): PathNode {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const fields = new Map<string, PathNode>();
      for (const [key, value] of Object.entries(def.shape ?? {})) fields.set(key, pathTree(value));
      return { kind: 'object', fields };
    }
    case 'array':
      return { kind: 'array', element: pathTree(def.element as z.ZodType) };
    case 'nullable':
    case 'optional':
    case 'default':
    case 'readonly':
      return pathTree(def.innerType as z.ZodType);
    default:
      return { kind: 'scalar', type: def.type };
  }
}

/** The loop object of `for` (`forloop.index` …). */
export const FORLOOP_NODE: PathNode = {
  kind: 'object',
  fields: new Map<string, PathNode>(
    ['index', 'index0', 'rindex', 'rindex0', 'length', 'first', 'last', 'name'].map((key) => [
      key,
      { kind: 'scalar', type: key === 'first' || key === 'last' ? 'boolean' : 'number' },
    ]),
  ),
};

/** A segment of a variable path: a key, an index, or a dynamic lookup (`lines[i]`). */
export type PathSegment = string | number | { readonly dynamic: string };

/** The outcome of {@link resolvePath}. */
export type PathResolution =
  | { readonly ok: true; readonly node: PathNode }
  | { readonly ok: false; readonly at: number; readonly known: readonly string[] };

const NUMBER: PathNode = { kind: 'scalar', type: 'number' };

/**
 * Follows a path through a {@link PathNode} tree: object keys must exist (own keys only, so `constructor`
 * or `__proto__` never resolve); arrays take an index, `first`, `last` or `size`; strings take `size`.
 *
 * @example
 * ```ts
 * resolvePath(pathTree(MailContext), ['order', 'constructor']).ok; // false
 * ```
 */
export function resolvePath(root: PathNode, segments: readonly PathSegment[]): PathResolution {
  let node = root;
  for (let at = 0; at < segments.length; at += 1) {
    const segment = segments[at] as PathSegment;
    const next = step(node, segment);
    if (next === undefined) return { ok: false, at, known: knownKeys(node) };
    node = next;
  }
  return { ok: true, node };
}

function step(node: PathNode, segment: PathSegment): PathNode | undefined {
  if (node.kind === 'object') {
    return typeof segment === 'string' ? node.fields.get(segment) : undefined;
  }
  if (node.kind === 'array') {
    if (typeof segment === 'number' || typeof segment === 'object') return node.element;
    if (segment === 'first' || segment === 'last') return node.element;
    if (segment === 'size') return NUMBER;
    return undefined;
  }
  if (node.type === 'string' && segment === 'size') return NUMBER;
  return undefined;
}

function knownKeys(node: PathNode): string[] {
  if (node.kind === 'object') return [...node.fields.keys()];
  if (node.kind === 'array') return ['first', 'last', 'size', '[番号]'];
  return node.type === 'string' ? ['size'] : [];
}
