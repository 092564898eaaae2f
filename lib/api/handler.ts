import type { z } from 'zod';
import { getDb } from '@/db';
import type { Db } from '@/db/client';
import type { Access } from '@/lib/auth/guard';
import { authorize } from '@/lib/auth/guard';
import type { Role } from '@/lib/auth/roles';
import { BadRequestError, errorResponse, validationError } from './errors';

/** Postgres text cannot hold U+0000: a value carrying one would fail in the database (a 500), so refuse it here. */
function assertNoNul(v: unknown, where: string): void {
  if (typeof v === 'string') {
    if (v.includes('\u0000')) throw new BadRequestError(`${where} contains a NUL character`);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => assertNoNul(x, `${where}.${i}`));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) assertNoNul(x, where ? `${where}.${k}` : k);
  }
}

/** Parse a request's query string with a zod schema, or throw a 400 with every issue listed. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  // Empty parameters (`from=` from a GET form) mean "not set".
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ''));
  delete params.workspace;
  assertNoNul(params, '');
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Parse a JSON body with a zod schema (400 on bad JSON or bad fields). */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new BadRequestError('The request body is not valid JSON.');
  }
  assertNoNul(body, 'body');
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * Every API answer is one caller's view of one workspace (or why they may not see it): no browser, proxy or shared
 * cache may keep it, the answers to a refused request included. A header list that cannot be changed is copied.
 */
function noStore(res: Response): Response {
  if (/\bno-store\b/.test(res.headers.get('cache-control') ?? '')) return res;
  try {
    res.headers.set('cache-control', 'no-store');
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.set('cache-control', 'no-store');
    return copy;
  }
}

/** Wraps a route handler: errors become the one JSON envelope, never a stack trace; nothing is cacheable. */
export function route<A extends unknown[]>(fn: (req: Request, ...rest: A) => Promise<Response>) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    try {
      return noStore(await fn(req, ...rest));
    } catch (e) {
      return noStore(errorResponse(e));
    }
  };
}

export type RouteContext<P> = { params: Promise<P> };
export type Handler<P> = (args: { req: Request; db: Db; access: Access; params: P }) => Promise<Response>;

/**
 * Every data route goes through here: resolves the caller (session or `Authorization: Bearer` key), the
 * workspace and role, refuses with 401/403, checks Origin on cookie-authenticated mutations, maps errors.
 */
export function withAccess<P = Record<string, never>>(minRole: Role, fn: Handler<P>, opts: { allowKeys?: boolean } = {}) {
  return route(async (req: Request, ctx?: RouteContext<P>) => {
    const db = await getDb();
    const access = await authorize(db, req, minRole, opts);
    const params = ctx?.params ? await ctx.params : ({} as P);
    return fn({ req, db, access, params });
  });
}
