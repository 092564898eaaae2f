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
import { addMembership, createUser, findUserByEmail, getWorkspaceBySlug } from '@/db/queries/accounts';
import { audit } from '@/db/queries/audit';
import { hashPassword, passwordProblem } from '@/lib/auth/crypto';
import type { KeyRole, Role } from '@/lib/auth/roles';
import { KEY_ROLES, ROLES } from '@/lib/auth/roles';
import { createApiKey } from '@/lib/auth/service';
import { CliError, parseArgs } from '@/lib/cli/args';

const HELP = `Usage: npm run frontier -- <command> [options]

Commands:
  migrate                         apply database migrations
  seed [--force]                  load the model catalog, price sheets and Arena snapshots
  workspace create <slug> [--name "Name"]
                                  create a workspace
  user create --email E --password-stdin [--name N] [--workspace slug --role owner|editor|viewer]
                                  create a user (password read from standard input), optionally a member
  apikey create --workspace slug --role editor|viewer [--name N]
                                  create an API key; prints it once

Options:
  --json                          print one JSON object on stdout
Environment:
  DATABASE_URL                    Postgres connection string (unset: embedded PGlite)
  PGLITE_DIR                      embedded database folder (default .data/pglite)`;

const args = parseArgs(process.argv.slice(2));
const json = args.flags.json === true;
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const flag = (name: string): string | undefined => (typeof args.flags[name] === 'string' ? (args.flags[name] as string) : undefined);

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('--password-stdin expects the password on standard input (e.g. echo "$PW" | …)');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

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
    case 'user': {
      if (sub !== 'create') throw new CliError(`unknown user command "${sub ?? ''}" (expected: create)`);
      const email = flag('email');
      if (!email) throw new CliError('--email is required');
      if (args.flags['password-stdin'] !== true) throw new CliError('pass the password on standard input with --password-stdin');
      const password = (await readStdin()).replace(/\r?\n$/, '');
      const problem = passwordProblem(password);
      if (problem) throw new CliError(problem);
      const slug = flag('workspace');
      const role = flag('role') ?? (slug ? 'viewer' : undefined);
      if (role && !(ROLES as readonly string[]).includes(role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
      return withDb(async (h) => {
        await migrateDatabase(h);
        if (await findUserByEmail(h.db, email)) throw new CliError(`a user with email ${email.toLowerCase()} already exists`);
        const ws = slug ? await getWorkspaceBySlug(h.db, slug) : null;
        if (slug && !ws) throw new CliError(`no workspace "${slug}"`);
        const user = await createUser(h.db, { email, name: flag('name') ?? '', passwordHash: await hashPassword(password) });
        if (ws && role) {
          await addMembership(h.db, ws.id, user.id, role as Role);
          await audit(h.db, ws.id, { label: 'cli' }, 'member.added', user.email, { role });
        }
        log(`created user ${user.email}${ws ? ` (${role} in ${ws.slug})` : ''}`);
        return { ok: true, user: { id: user.id, email: user.email }, membership: ws ? { workspace: ws.slug, role } : null };
      });
    }
    case 'apikey': {
      if (sub !== 'create') throw new CliError(`unknown apikey command "${sub ?? ''}" (expected: create)`);
      const slug = flag('workspace');
      const role = flag('role');
      if (!slug) throw new CliError('--workspace is required');
      if (!role || !(KEY_ROLES as readonly string[]).includes(role)) throw new CliError(`--role must be one of ${KEY_ROLES.join(', ')}`);
      return withDb(async (h) => {
        await migrateDatabase(h);
        const ws = await getWorkspaceBySlug(h.db, slug);
        if (!ws) throw new CliError(`no workspace "${slug}"`);
        const k = await createApiKey(h.db, ws.id, { label: 'cli' }, { name: flag('name') ?? `cli-${new Date().toISOString().slice(0, 10)}`, role: role as KeyRole });
        log(`created ${role} key "${k.name}" for ${slug}; it is shown once`);
        if (!json) process.stdout.write(`${k.key}\n`);
        return { ok: true, key: k.key, id: k.id, prefix: k.prefix, name: k.name, role: k.role, workspace: slug };
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
