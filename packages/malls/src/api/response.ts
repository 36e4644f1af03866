import { createIssue, type Issue } from '@hakobu/core';
import type { HttpResponse } from '../http/transport';
import { asList, asRecord } from '../pipeline/json-fields';

/** The longest excerpt of an error response body kept in an issue's `data` (never in its message). */
const BODY_EXCERPT = 500;

/** True for a 2xx status. */
export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status <= 299;
}

/** The issue for a response whose status is not 2xx, the start of its body kept in `data` for support. */
export function statusIssue(response: HttpResponse, operation: string): Issue {
  return createIssue(
    'malls.api.http_status',
    `${operation} がHTTP ${response.status} を返しました${response.status === 401 || response.status === 403 ? '（認証情報・権限を確認してください）' : ''}`,
    { data: { operation, status: response.status, body: response.body.slice(0, BODY_EXCERPT) } },
  );
}

/** The body parsed as JSON; `undefined` for an empty body, an issue for text that is not JSON. */
export function jsonBody(response: HttpResponse, operation: string): { value: unknown; issues: Issue[] } {
  if (response.body.trim() === '') return { value: undefined, issues: [] };
  try {
    return { value: JSON.parse(response.body), issues: [] };
  } catch {
    return {
      value: undefined,
      issues: [
        createIssue('malls.api.invalid_json', `${operation} の応答をJSONとして読めませんでした`, {
          data: { operation, status: response.status, body: response.body.slice(0, BODY_EXCERPT) },
        }),
      ],
    };
  }
}

/**
 * The `errors: [{ code, message }]` list some APIs answer a refused request with (楽天 在庫API, and the
 * shape a host's SP-API client commonly sees), each as an issue; nothing when the body has no such list.
 */
export function errorListIssues(value: unknown, operation: string, code: string): Issue[] {
  return asList(asRecord(value).errors).map((entry, index) => {
    const error = asRecord(entry);
    const errorCode = typeof error.code === 'string' ? error.code : '';
    const message = typeof error.message === 'string' ? error.message : '';
    const propertyPath = asRecord(error.metadata).propertyPath;
    const where = typeof propertyPath === 'string' ? `（${propertyPath}）` : '';
    return createIssue(code, `${operation}: ${errorCode ? `[${errorCode}] ` : ''}${message}${where}`, {
      path: ['errors', index],
      data: {
        operation,
        code: errorCode,
        message,
        ...(typeof propertyPath === 'string' ? { propertyPath } : {}),
      },
    });
  });
}
