import fs from 'node:fs';
import path from 'node:path';

/** Every route handler under app/api/v1, found on disk, so a test over them covers a new route without being told. */
export const API_DIR = path.resolve(__dirname, '../../../app/api/v1');
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];
export type RouteFn = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type LoadedRoute = { urlPath: string; method: Method; fn: RouteFn; idParams: string[] };

export function routeFiles(dir = API_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === 'route.ts' ? [p] : [];
  }).sort();
}

export const urlPathOf = (file: string) => `/api/v1/${path.relative(API_DIR, path.dirname(file)).split(path.sep).join('/')}`;

export async function loadRoutes(): Promise<LoadedRoute[]> {
  const out: LoadedRoute[] = [];
  for (const file of routeFiles()) {
    const mod = (await import(file)) as Partial<Record<Method, RouteFn>>;
    const urlPath = urlPathOf(file);
    const idParams = [...urlPath.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
    for (const method of METHODS) if (mod[method]) out.push({ urlPath, method, fn: mod[method]!, idParams });
  }
  return out;
}
