import { HakobuError } from '@hakobu/core';
import type { LimitUnit } from './fit';
import type { ColumnKind, ColumnSpec } from './spec';

/** Builds a column declaration; `unit` defaults to CP932 bytes. */
export function column<C>(
  no: number,
  header: string,
  max: number,
  kind: ColumnKind,
  extra: Partial<Pick<ColumnSpec<C>, 'required' | 'codes' | 'value'>> & { unit?: LimitUnit } = {},
): ColumnSpec<C> {
  const { unit = 'bytes', ...rest } = extra;
  return { no, header, max, unit, kind, ...rest };
}

/** Fills `slots` item-name columns: the names in order, the last slot saying how many more (他N点) when short. */
export function itemSlots(items: readonly string[], slots: number): string[] {
  if (items.length <= slots) return [...items, ...Array.from({ length: slots - items.length }, () => '')];
  return [...items.slice(0, slots - 1), `他${items.length - (slots - 1)}点`];
}

/** Checks that a layout's columns are numbered 1..n in order (a layout table error is a programmer error). */
export function assertNumbered<C>(columns: readonly ColumnSpec<C>[]): readonly ColumnSpec<C>[] {
  columns.forEach((spec, index) => {
    if (spec.no !== index + 1)
      throw new HakobuError(
        'carrier.layout_numbering',
        `layout column ${spec.header} is numbered ${spec.no}, expected ${index + 1}`,
      );
  });
  return columns;
}
