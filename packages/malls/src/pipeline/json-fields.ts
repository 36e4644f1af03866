import type { Issue } from '@hakobu/core';
import { FieldReader } from './fields';

/** A value as an object, or an empty one (a missing sub-model reads as empty fields). */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * A list that XML-to-JSON conversion may have turned into a single object (Yahoo! single-item orders) or
 * left out: always an array.
 */
export function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null || value === '') return [];
  return [value];
}

/** A JSON path as text: `OrderModelList[0].PackageModelList[1]`. */
export function pathText(path: readonly (string | number)[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

function walk(record: Record<string, unknown>, field: string): unknown {
  if (!field.includes('.')) return record[field];
  let value: unknown = record;
  for (const part of field.split('.')) value = asRecord(value)[part];
  return value;
}

/**
 * A {@link FieldReader} over one JSON object at `path`, naming the record `label`. Dotted fields
 * (`OrderTotal.Amount`) read nested objects. `issues` is the list its issues go to, when the readers of one
 * record share one.
 */
export function jsonReader(
  value: unknown,
  path: readonly (string | number)[],
  label: string,
  issues?: Issue[],
): FieldReader {
  const record = asRecord(value);
  return new FieldReader(
    (field) => walk(record, field),
    {
      path: (field) => [...path, ...field.split('.')],
      record: () => `${pathText(path)} (${label})`,
    },
    undefined,
    issues,
  );
}
