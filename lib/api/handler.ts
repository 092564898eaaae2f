import type { z } from 'zod';
import { errorResponse, validationError } from './errors';

/** Parse a request's query string with a zod schema, or throw a 400 with every issue listed. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Wraps a route handler: errors become the one JSON envelope, never a stack trace. */
export function route<A extends unknown[]>(fn: (req: Request, ...rest: A) => Promise<Response>) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    try {
      return await fn(req, ...rest);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
