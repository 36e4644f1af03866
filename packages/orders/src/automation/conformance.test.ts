import { describe, expect, it } from 'vitest';
import { registerConformance } from '../testing';
import { mailPortChecks, warehousePortChecks } from './conformance';
import { createInMemoryMailPort, createInMemoryWarehouse } from './doubles';
import type { MailPort } from './ports';

registerConformance(
  'in-memory mail port',
  mailPortChecks(() => {
    const port = createInMemoryMailPort();
    return { port, deliveries: async () => port.delivered.length };
  }),
  { describe, it },
);
registerConformance(
  'in-memory warehouse',
  warehousePortChecks(() => {
    const port = createInMemoryWarehouse();
    return { port, deliveries: async () => port.delivered.length };
  }),
  { describe, it },
);

describe('mailPortChecks', () => {
  it('catches a port that sends a repeated key again', async () => {
    let sent = 0;
    const naive: MailPort = {
      send: async () => {
        sent += 1;
        return { ok: true, value: {}, issues: [] };
      },
    };
    const checks = mailPortChecks(() => {
      sent = 0;
      return { port: naive, deliveries: async () => sent };
    });
    await expect(checks[0]!.run()).resolves.toBeUndefined();
    await expect(checks[1]!.run()).rejects.toThrow('a repeated key was delivered again');
  });
});
