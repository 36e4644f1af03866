import { registerConformance } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { httpTransportChecks } from '../testing/http';
import { fetchTransport, type HttpTransport } from './transport';

registerConformance(
  'fetchTransport conforms to the HttpTransport port (local server on 127.0.0.1)',
  httpTransportChecks(() => fetchTransport({ timeoutMs: 10_000 })),
  { describe, it },
);

function checkNamed(transport: () => HttpTransport, words: string) {
  const found = httpTransportChecks(transport).find((check) => check.name.includes(words));
  if (found === undefined) throw new Error(`no check named with "${words}"`);
  return found;
}

describe('httpTransportChecks catches a broken transport', () => {
  const real = fetchTransport({ timeoutMs: 10_000 });

  it('that throws on a 4xx or 5xx instead of returning it', async () => {
    const throwing: HttpTransport = {
      async send(request) {
        const answer = await real.send(request);
        if (answer.status >= 400) throw new Error(`HTTP ${answer.status}`);
        return answer;
      },
    };
    await expect(checkNamed(() => throwing, '4xx and 5xx').run()).rejects.toMatchObject({
      code: 'malls.conformance_failed',
      message: expect.stringContaining('HTTP 400: the transport rejected'),
    });
  });

  it('that keeps response header names as the server wrote them', async () => {
    const keepsCase: HttpTransport = {
      async send(request) {
        const answer = await real.send(request);
        const headers = Object.fromEntries(
          Object.entries(answer.headers).map(([name, value]) => [name.replace(/^x-amzn-/, 'X-Amzn-'), value]),
        );
        return { ...answer, headers };
      },
    };
    await expect(checkNamed(() => keepsCase, 'lower-case names').run()).rejects.toMatchObject({
      message: expect.stringContaining('header names not in lower case'),
    });
  });

  it('that drops the query string or re-encodes the body', async () => {
    const noQuery: HttpTransport = {
      send: (request) => real.send({ ...request, url: request.url.split('?')[0] ?? request.url }),
    };
    await expect(checkNamed(() => noQuery, 'unchanged').run()).rejects.toMatchObject({
      message: expect.stringContaining('GET: path and query'),
    });
    const normalised: HttpTransport = {
      send: (request) =>
        real.send(
          request.body === undefined ? request : { ...request, body: request.body.normalize('NFKC') },
        ),
    };
    await expect(checkNamed(() => normalised, 'unchanged').run()).rejects.toMatchObject({
      message: expect.stringContaining('POST: body bytes'),
    });
  });

  it('that answers a refused connection with a made-up response', async () => {
    const swallowing: HttpTransport = {
      async send(request) {
        try {
          return await real.send(request);
        } catch {
          return { status: 599, headers: {}, body: '' };
        }
      },
    };
    await expect(checkNamed(() => swallowing, 'refused').run()).rejects.toMatchObject({
      message: 'a refused connection resolved with HTTP 599 instead of rejecting',
    });
  });
});
