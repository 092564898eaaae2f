/**
 * The Frontier CLI: `npm run frontier -- <command> [--json]`. Shares lib/ and db/ with the app.
 * With --json it prints exactly one JSON object on stdout (logs go to stderr) and exits non-zero on failure
 * with a one-line reason.
 */
import { eq } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { migrateDatabase, openDatabase } from '@/db/client';
import { DatabaseLockedError } from '@/db/lock';
import { workspaces } from '@/db/schema';
import { seedReference } from '@/db/seed';
import { CliError, parseArgs } from '@/lib/cli/args';

const HELP = `Usage: npm run frontier -- <command> [options]

Commands:
  migrate                         apply database migrations
  seed [--force]                  load the model catalog, price sheets and Arena snapshots
  workspace create <slug> [--name "Name"]
                                  create a workspace

Options:
  --json                          print one JSON object on stdout
Environment:
  DATABASE_URL                    Postgres connection string (unset: embedded PGlite)
  PGLITE_DIR                      embedded database folder (default .data/pglite)`;

const args = parseArgs(process.argv.slice(2));
const json = args.flags.json === true;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

async function withDb<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = await openDatabase({ purpose: 'cli' });
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

async function run(): Promise<Record<string, unknown>> {
  const [cmd, sub, ...rest] = args.positionals;
  if (!cmd || args.flags.help) {
    process.stdout.write(`${HELP}\n`);
    return { ok: true };
  }
  switch (cmd) {
    case 'migrate':
      return withDb(async (h) => {
        await migrateDatabase(h);
        log(`migrations applied (${h.kind}: ${h.label})`);
        return { ok: true, database: h.kind };
      });
    case 'seed':
      return withDb(async (h) => {
        await migrateDatabase(h);
        const report = await seedReference(h.db, { force: args.flags.force === true });
        log(report.skipped ? `reference data already at version ${report.version}` : `seeded ${report.models} models, ${report.priceSheets.length} price sheets, ${report.snapshots.length} Arena snapshots`);
        return { ok: true, database: h.kind, ...report };
      });
    case 'workspace': {
      if (sub !== 'create') throw new CliError(`unknown workspace command "${sub ?? ''}" (expected: create)`);
      const slug = rest[0];
      if (!slug || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) throw new CliError('workspace slug must be 2–63 characters: lower-case letters, digits and dashes');
      const name = typeof args.flags.name === 'string' ? args.flags.name : slug;
      return withDb(async (h) => {
        await migrateDatabase(h);
        const existing = await h.db.select().from(workspaces).where(eq(workspaces.slug, slug));
        if (existing[0]) throw new CliError(`workspace "${slug}" already exists`);
        const [w] = await h.db.insert(workspaces).values({ slug, name }).returning();
        log(`created workspace ${slug}`);
        return { ok: true, workspace: { id: w!.id, slug: w!.slug, name: w!.name } };
      });
    }
    default:
      throw new CliError(`unknown command "${cmd}". Run \`npm run frontier -- --help\`.`);
  }
}

run().then(
  (result) => {
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    const message = e instanceof DatabaseLockedError
      ? `${e.message} The CLI does not open a database another process holds.`
      : (e as Error).message.split('\n')[0]!;
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  },
);
