import { describe, expect, it } from 'vitest';
import { buildShipment } from '../testing';
import { LabelShipment } from './label-shipment';

describe('LabelShipment', () => {
  it('accepts every plain shipment, and the label-only fields', () => {
    expect(LabelShipment.safeParse(buildShipment()).success).toBe(true);
    const parsed = LabelShipment.parse({
      ...buildShipment(),
      parcels: 3,
      handling: ['fragile', 'thisSideUp'],
      holdAtBranch: '031234',
      paymentAgency: { amount: 5400 },
    });
    expect([parsed.parcels, parsed.handling, parsed.paymentAgency?.amount]).toEqual([
      3,
      ['fragile', 'thisSideUp'],
      5400,
    ]);
  });

  it('refuses a parcel count below 1 or fractional, an unknown mark and a zero 収納代行 amount', () => {
    const paths = (input: unknown) => {
      const result = LabelShipment.safeParse(input);
      return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
    };
    expect(paths({ ...buildShipment(), parcels: 0 })).toEqual(['parcels']);
    expect(paths({ ...buildShipment(), parcels: 1.5 })).toEqual(['parcels']);
    expect(paths({ ...buildShipment(), handling: ['breakable'] })).toEqual(['handling.0']);
    expect(paths({ ...buildShipment(), paymentAgency: { amount: 0 } })).toEqual(['paymentAgency.amount']);
  });
});
