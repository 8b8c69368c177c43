/**
 * A checked content pattern, ready to compile or to explain. checkPattern builds it from
 * the JSON the user wrote; every leaf list becomes a LeafNode of alternatives.
 */
export type PatternNode = LeafNode | ObjectNode;

export interface ObjectNode {
  kind: 'object';
  fields: { key: string; node: PatternNode }[];
  /** The branches of a `$or` at this level (empty when there is none). */
  or: ObjectNode[];
}

export interface LeafNode {
  kind: 'leaf';
  alternatives: Alternative[];
}

export type Literal = string | number | boolean | null;

export interface NumericBound {
  value: number;
  inclusive: boolean;
}

/** One item of a leaf list; the field matches if any item accepts it. */
export type Alternative =
  | { kind: 'literal'; value: Literal }
  | { kind: 'prefix'; text: string; ignoreCase: boolean }
  | { kind: 'suffix'; text: string; ignoreCase: boolean }
  | { kind: 'equals-ignore-case'; text: string }
  | { kind: 'wildcard'; source: string; parts: string[] }
  | { kind: 'numeric'; lower?: NumericBound; upper?: NumericBound; source: readonly unknown[] }
  | { kind: 'exists'; present: boolean }
  | { kind: 'anything-but'; excluded: Alternative[]; source: unknown };

export type AlternativeKind = Alternative['kind'];

/** The operator names a user may write inside a leaf list, in the order the docs list them. */
export const PATTERN_OPERATORS = [
  'prefix',
  'suffix',
  'anything-but',
  'numeric',
  'exists',
  'equals-ignore-case',
  'wildcard',
] as const;
export type PatternOperator = (typeof PATTERN_OPERATORS)[number];
