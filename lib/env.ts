import path from 'node:path';
import { z } from 'zod';

/** Process configuration, parsed once. Server-side only (the db module and the CLI read it). */
const schema = z.object({
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  PGLITE_DIR: z.string().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof schema> & { pgliteDir: string };

let cached: Env | null = null;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.parse(process.env);
  cached = { ...parsed, pgliteDir: path.resolve(parsed.PGLITE_DIR || path.join(process.cwd(), '.data', 'pglite')) };
  return cached;
}
