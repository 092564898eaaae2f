import type { z } from 'zod';

/** Domain errors carry a code; only the HTTP edge maps them to a status. */
export class AppError extends Error {
  readonly status: number = 500;
  /** Headers the answer carries (a `retry-after` on 429 and 503). */
  headers?: Record<string, string>;
  constructor(readonly code: string, message: string, readonly issues?: unknown) {
    super(message);
  }
}
export class BadRequestError extends AppError {
  override readonly status = 400;
  constructor(message: string, issues?: unknown) { super('bad_request', message, issues); }
}
export class NotFoundError extends AppError {
  override readonly status = 404;
  constructor(message: string) { super('not_found', message); }
}
export class UnavailableError extends AppError {
  override readonly status = 503;
  constructor(message: string, retryAfterSeconds?: number) {
    super('unavailable', message);
    if (retryAfterSeconds) this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}

export function validationError(err: z.ZodError): BadRequestError {
  const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return new BadRequestError(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues);
}

const DOWN_CODES = new Set(['database_locked', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/**
 * True when the database is unreachable or restarting rather than the request being wrong. Drivers and drizzle wrap
 * the socket error ("Failed query: …" with the original as `cause`, AggregateError for several addresses), so the
 * whole chain is looked at.
 */
export function isDatabaseDown(err: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length) {
    const e = stack.pop();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const x = e as { code?: unknown; cause?: unknown; errors?: unknown; message?: unknown };
    if (typeof x.code === 'string' && DOWN_CODES.has(x.code)) return true;
    if (typeof x.message === 'string' && /Connection terminated|connect ECONNREFUSED|the database system is (starting up|shutting down)/.test(x.message)) return true;
    stack.push(x.cause);
    if (Array.isArray(x.errors)) stack.push(...x.errors);
  }
  return false;
}

/** One error envelope for every API answer: `{ error: { code, message, issues } }`. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return Response.json({ error: { code: err.code, message: err.message, issues: err.issues } }, { status: err.status, headers: err.headers });
  }
  if (isDatabaseDown(err)) {
    return Response.json({ error: { code: 'unavailable', message: 'The database is not reachable right now. Try again shortly.' } }, { status: 503 });
  }
  console.error('[api] unexpected error:', err);
  return Response.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, { status: 500 });
}

export class UnauthorizedError extends AppError {
  override readonly status = 401;
  constructor(message = 'Sign in or send an API key (Authorization: Bearer …).') { super('unauthorized', message); }
}
export class ForbiddenError extends AppError {
  override readonly status = 403;
  constructor(message = 'You do not have access to this.') { super('forbidden', message); }
}
export class ConflictError extends AppError {
  override readonly status = 409;
  constructor(message: string) { super('conflict', message); }
}
export class TooManyRequestsError extends AppError {
  override readonly status = 429;
  constructor(message: string, retryAfterSeconds?: number) {
    super('too_many_requests', message);
    if (retryAfterSeconds) this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}
