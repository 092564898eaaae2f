/**
 * The Frontier CLI: `npm run frontier -- <command> [--json]`. Shares lib/ and db/ with the app.
 * With --json it prints exactly one JSON object on stdout (logs go to stderr) and exits non-zero on failure
 * with a one-line reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { DatabaseLockedError } from '@/db/lock';
import { workspaces } from '@/db/schema';
import { seedReference } from '@/db/seed';
import { addMembership, createUser, findUserByEmail, getWorkspaceBySlug } from '@/db/queries/accounts';
import { audit } from '@/db/queries/audit';
import { hashPassword, passwordProblem } from '@/lib/auth/crypto';
import { resetPassword } from '@/lib/auth/passwords';
import type { KeyRole, Role } from '@/lib/auth/roles';
import { KEY_ROLES, ROLES } from '@/lib/auth/roles';
import { createApiKey } from '@/lib/auth/service';
import { CliError, parseArgs } from '@/lib/cli/args';
import { importPriceFile, previewReprice, repriceWorkspace } from '@/lib/pricing/service';
import { fitByCategory } from '@/lib/quality/bradley-terry';
import { parseJudgments } from '@/lib/quality/judgments';
import { flagWarnings } from '@/lib/quality/flags';
import { importArenaFile } from '@/lib/quality/service';
import { ingestFilesDirect, ingestFilesViaApp } from '@/lib/cli/ingest-files';
import { parseMapSpec } from '@/lib/ingest/formats/generic-csv';
import { GROUP_BY, getUsageSummary } from '@/db/queries/get-usage-summary';
import type { GroupBy } from '@/db/queries/get-usage-summary';
import type { WhatIfRun } from '@/lib/whatif/service';
import { parseScenario, runScenario } from '@/lib/whatif/service';
import { reportCommand } from '@/lib/cli/report';
import { viaAppOrDirect as viaAppOrDirectWith, withDb } from '@/lib/cli/db';
import { isReadCommand, readCommand } from '@/lib/cli/read';
import { tokensCompareCommand } from '@/lib/tokens/cli';

const HELP = `Usage: npm run frontier -- <command> [options]

Commands:
  migrate                         apply database migrations and load the reference data (every command that
                                  opens the database does both first, as the app does at start)
  seed [--force]                  load the model catalog, price sheets and Arena snapshots (--force: load again)
  workspace create <slug> [--name "Name"]
                                  create a workspace
  user create --email E --password-stdin [--name N] [--workspace slug --role owner|editor|viewer]
  user reset-password --email E --password-stdin     (ends every session of the account)
                                  create a user (password read from standard input), optionally a member
  apikey create --workspace slug --role editor|viewer [--name N]
                                  create an API key; prints it once
  ingest <file…> --workspace slug [--format f] [--map spec]
                                  ingest usage exports (CSV, TSV, JSON, JSONL, gzip); --map reads a generic CSV,
                                  e.g. --map time=date,model=engine,input=prompt_tokens,output=completion_tokens
  usage summary --workspace slug [--from d] [--to d] [--group-by model|provider|project|key|day]
                                  spend and volume; unpriced usage is computedCostUsd null (never 0) with unpricedRows
  prices import <file> [--workspace slug] [--effective-from d]
                                  import a LiteLLM price map (JSON) or a CSV sheet; without --workspace it becomes
                                  a reference sheet for every workspace. Prints the re-pricing it implies.
  quality fit <judgments> [--anchor model=elo] [--rounds n] [--seed n]
                                  fit pairwise judgments (CSV/JSONL) to Elo with bootstrap 95% CIs (no database)
  quality import <file> [--workspace slug] [--as-of d]
                                  import an Arena leaderboard CSV, LMArena catalog JSON or leaderboard_table CSV
  prices reprice --workspace slug [--apply]
                                  preview (or apply) re-pricing the workspace's usage with the prices in force
  whatif <scenario.json> --workspace slug
                                  run a what-if scenario over the workspace's usage; the same JSON in and out as
                                  POST /api/v1/whatif (see README "What-if")
  report create --from overview|usage [--params 'query-string'] --workspace slug [--title T] [--note N]
  report create --from-scenario <file.json|scenario-id> --workspace slug [--title T]
                                  save a report (a frozen snapshot) of the Overview, a Usage view or a what-if
  report share <id> [--expires 30d]
                                  create a read-only share link; prints its URL (FRONTIER_PUBLIC_URL sets the base)
  report export <id> --format csv|xlsx|pdf -o <file> [--version n]
                                  write a report version to a file
  tokens compare <file> [--from cl100k_base] [--to llama3] [--tokenizers a,b] [--format auto|jsonl|lines|blocks]
                                  count samples (plain text or chat JSONL) with real tokenizers: target/source
                                  ratio with a bootstrap 95% range, input and output apart (no database).
                                  Tokenizers: cl100k_base, o200k_base, llama3, llama2, mistral

Read commands (what the UI shows; an aligned table, or with --json the API's answer):
  models list [--workspace slug] [--elo d|id] [--prices d] [--mix 3:1]
                                  models with their Arena Elo and blended price per 1M tokens (the Models view)
  prices list --workspace slug [--on d] [--model m] [--provider p]
                                  prices in force on a day (default today), negotiated prices and discounts applied;
                                  --model matches an id or name in part, --provider an id or name
  quality snapshots --workspace slug
                                  the Arena and own snapshots the workspace sees
  quality show <id|as-of date|name> --workspace slug
                                  one snapshot's scores with 95% intervals
  uploads list --workspace slug [--limit n]
                                  uploads, newest first, with rows in and computed cost (unpriced is never $0)
  scenarios list --workspace slug saved what-if scenarios
  reports list --workspace slug   saved reports with versions and active share links

Options:
  --json                          print one JSON object on stdout
Environment:
  DATABASE_URL                    Postgres connection string (unset: embedded PGlite)
  PGLITE_DIR                      embedded database folder (default .data/pglite)
  FRONTIER_API_KEY                an editor key: when the app holds the embedded database, ingest and usage
                                  commands go through its API with this key (FRONTIER_URL overrides its address)`;

const args = parseArgs(process.argv.slice(2));
const json = args.flags.json === true;
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const viaAppOrDirect = viaAppOrDirectWith(log);
const flag = (name: string): string | undefined => (typeof args.flags[name] === 'string' ? (args.flags[name] as string) : undefined);

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('--password-stdin expects the password on standard input (e.g. echo "$PW" | …)');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function run(): Promise<Record<string, unknown>> {
  const [cmd, sub, ...rest] = args.positionals;
  if (!cmd || args.flags.help) {
    process.stdout.write(`${HELP}\n`);
    return { ok: true };
  }
  if (isReadCommand(cmd, sub)) return readCommand(cmd, sub!, rest, { viaAppOrDirect, flag, json });
  switch (cmd) {
    case 'migrate':
      return withDb(async (h) => {
        log(`migrations applied and reference data at version ${h.reference.version} (${h.kind}: ${h.label})`);
        return { ok: true, database: h.kind, reference: h.reference };
      });
    case 'seed':
      return withDb(async (h) => {
        // Opening the database already loaded what was missing; --force loads it again.
        const report = args.flags.force === true ? await seedReference(h.db, { force: true }) : h.reference;
        log(report.skipped ? `reference data already at version ${report.version}` : `seeded ${report.models} models, ${report.priceSheets.length} price sheets, ${report.snapshots.length} Arena snapshots`);
        return { ok: true, database: h.kind, ...report };
      });
    case 'workspace': {
      if (sub !== 'create') throw new CliError(`unknown workspace command "${sub ?? ''}" (expected: create)`);
      const slug = rest[0];
      if (!slug || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) throw new CliError('workspace slug must be 2–63 characters: lower-case letters, digits and dashes');
      const name = typeof args.flags.name === 'string' ? args.flags.name : slug;
      return withDb(async (h) => {
        const existing = await h.db.select().from(workspaces).where(eq(workspaces.slug, slug));
        if (existing[0]) throw new CliError(`workspace "${slug}" already exists`);
        const [w] = await h.db.insert(workspaces).values({ slug, name }).returning();
        log(`created workspace ${slug}`);
        return { ok: true, workspace: { id: w!.id, slug: w!.slug, name: w!.name } };
      });
    }
    case 'user': {
      if (sub !== 'create' && sub !== 'reset-password') throw new CliError(`unknown user command "${sub ?? ''}" (expected: create, reset-password)`);
      const email = flag('email');
      if (!email) throw new CliError('--email is required');
      if (args.flags['password-stdin'] !== true) throw new CliError('pass the password on standard input with --password-stdin');
      const password = (await readStdin()).replace(/\r?\n$/, '');
      const problem = passwordProblem(password);
      if (problem) throw new CliError(problem);
      if (sub === 'reset-password') {
        return withDb(async (h) => {
          const r = await resetPassword(h.db, email, password).catch((e: Error) => { throw new CliError(e.message); });
          log(`password of ${email.trim().toLowerCase()} reset; ${r.sessionsEnded} session(s) ended`);
          return { ok: true, email: email.trim().toLowerCase(), sessionsEnded: r.sessionsEnded };
        });
      }
      const slug = flag('workspace');
      const role = flag('role') ?? (slug ? 'viewer' : undefined);
      if (role && !(ROLES as readonly string[]).includes(role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
      return withDb(async (h) => {
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
        const ws = await getWorkspaceBySlug(h.db, slug);
        if (!ws) throw new CliError(`no workspace "${slug}"`);
        const k = await createApiKey(h.db, ws.id, { label: 'cli' }, { name: flag('name') ?? `cli-${new Date().toISOString().slice(0, 10)}`, role: role as KeyRole });
        log(`created ${role} key "${k.name}" for ${slug}; it is shown once`);
        if (!json) process.stdout.write(`${k.key}\n`);
        return { ok: true, key: k.key, id: k.id, prefix: k.prefix, name: k.name, role: k.role, workspace: slug };
      });
    }
    case 'ingest': {
      const files = [sub, ...rest].filter((f): f is string => Boolean(f));
      const slug = flag('workspace');
      if (files.length === 0) throw new CliError('name at least one file: npm run frontier -- ingest <file…> --workspace slug');
      if (!slug) throw new CliError('--workspace is required');
      for (const f of files) if (!fs.existsSync(f)) throw new CliError(`no such file: ${f}`);
      const mapSpec = flag('map');
      const opts = { format: flag('format'), mapping: mapSpec ? parseMapSpec(mapSpec) : null };
      const results = await viaAppOrDirect(
        (url, key) => ingestFilesViaApp(url, key, files, opts),
        async (h) => {
          const ws = await getWorkspaceBySlug(h.db, slug);
          if (!ws) throw new CliError(`no workspace "${slug}"`);
          return ingestFilesDirect(h, ws.id, files, opts);
        },
      );
      for (const r of results) log(`${r.file}: ${r.status}${r.format ? ` as ${r.format}` : ''}, ${r.rowsIngested} rows in, ${r.duplicateRows} duplicate, ${r.rowsRejected} rejected${r.error ? ` — ${r.error}` : ''}`);
      const failed = results.some((r) => r.status === 'failed');
      if (failed) process.exitCode = 1;
      return { ok: !failed, files: results };
    }
    case 'usage': {
      if (sub !== 'summary') throw new CliError(`unknown usage command "${sub ?? ''}" (expected: summary)`);
      const slug = flag('workspace');
      if (!slug) throw new CliError('--workspace is required');
      const groupBy = flag('group-by');
      if (groupBy && !(GROUP_BY as readonly string[]).includes(groupBy)) throw new CliError(`--group-by must be one of ${GROUP_BY.join(', ')}`);
      for (const d of [flag('from'), flag('to')]) if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new CliError(`dates are YYYY-MM-DD, not "${d}"`);
      const params = { from: flag('from'), to: flag('to'), groupBy: groupBy as GroupBy | undefined };
      const summary = await viaAppOrDirect(
        async (url, key) => {
          const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v) as [string, string][]);
          const res = await fetch(`${url}/api/v1/usage/summary?${qs}`, { headers: { authorization: `Bearer ${key}` } });
          const body = await res.json();
          if (!res.ok) throw new CliError(body?.error?.message ?? `HTTP ${res.status}`);
          return body;
        },
        async (h) => {
          const ws = await getWorkspaceBySlug(h.db, slug);
          if (!ws) throw new CliError(`no workspace "${slug}"`);
          return getUsageSummary(h.db, ws.id, params);
        },
      );
      const t = summary.totals;
      log(`computed cost ${t.computedCostUsd === null ? 'unpriced' : `${t.computedCostUsd} USD`}${t.unpricedRows ? ` (${t.unpricedRows} usage rows unpriced)` : ''} over ${summary.from ?? '—'} … ${summary.to ?? '—'}`);
      return { ok: true, ...summary };
    }
    case 'prices': {
      if (sub === 'import') {
        const file = rest[0];
        if (!file || !fs.existsSync(file)) throw new CliError(file ? `no such file: ${file}` : 'name the price sheet: prices import <file>');
        const slug = flag('workspace');
        const eff = flag('effective-from');
        if (eff && !/^\d{4}-\d{2}-\d{2}$/.test(eff)) throw new CliError(`--effective-from is YYYY-MM-DD, not "${eff}"`);
        return withDb(async (h) => {
          const ws = slug ? await getWorkspaceBySlug(h.db, slug) : null;
          if (slug && !ws) throw new CliError(`no workspace "${slug}"`);
          const r = await importPriceFile(h, { workspaceId: ws?.id ?? null, filename: path.basename(file), text: fs.readFileSync(file, 'utf8'), effectiveFrom: eff, actor: { label: 'cli' } });
          const preview = ws ? await previewReprice(h, ws.id) : null;
          log(`imported ${r.sheets.reduce((n, x) => n + x.prices, 0)} prices in ${r.sheets.length} sheet(s); ${r.rejects.length} rows rejected; ${r.unmapped.length} names not in the catalog`);
          return { ok: true, ...r, preview };
        });
      }
      if (sub === 'reprice') {
        const slug = flag('workspace');
        if (!slug) throw new CliError('--workspace is required');
        return withDb(async (h) => {
          const ws = await getWorkspaceBySlug(h.db, slug);
          if (!ws) throw new CliError(`no workspace "${slug}"`);
          if (args.flags.apply === true) return { ok: true, applied: await repriceWorkspace(h, ws.id, { label: 'cli' }) };
          return { ok: true, preview: await previewReprice(h, ws.id) };
        });
      }
      throw new CliError(`unknown prices command "${sub ?? ''}" (expected: import, reprice)`);
    }
    case 'quality': {
      const file = rest[0];
      if (!file || !fs.existsSync(file)) throw new CliError(file ? `no such file: ${file}` : `name the file: quality ${sub ?? 'fit'} <file>`);
      const text = fs.readFileSync(file, 'utf8');
      if (sub === 'fit') {
        const anchorSpec = flag('anchor');
        const at = anchorSpec ? anchorSpec.lastIndexOf('=') : -1;
        if (anchorSpec && (at <= 0 || !Number.isFinite(Number(anchorSpec.slice(at + 1))))) throw new CliError('--anchor is model=elo, e.g. --anchor gpt-3.5-turbo-0125=1104');
        const anchor = anchorSpec ? { model: anchorSpec.slice(0, at), elo: Number(anchorSpec.slice(at + 1)) } : undefined;
        const rounds = flag('rounds') ? Number(flag('rounds')) : 100;
        if (!Number.isInteger(rounds) || rounds < 100) throw new CliError('--rounds is a whole number, at least 100');
        const parsed = parseJudgments(text);
        if (parsed.rejects.length) throw new CliError(`${parsed.rejects.length} rows cannot be read; line ${parsed.rejects[0]!.line}: ${parsed.rejects[0]!.reason}`);
        const started = performance.now();
        const byCategory = fitByCategory(parsed.judgments, { anchor, rounds, seed: flag('seed') ? Number(flag('seed')) : 0 });
        log(`fitted ${parsed.judgments.length} judgments, ${rounds} bootstrap rounds, in ${Math.round(performance.now() - started)} ms`);
        // A null bound is open (the model never won or never lost); the flags say which, and why the Elo is shaky.
        const pick = (r: ReturnType<typeof fitByCategory>[string][number]) => ({ model: r.model, elo: r.elo, ciLower: r.ciLower, ciUpper: r.ciUpper, battles: r.battles, flags: r.flags });
        for (const w of flagWarnings(byCategory.overall ?? Object.values(byCategory)[0] ?? [])) log(w);
        return { ok: true, ratings: (byCategory.overall ?? Object.values(byCategory)[0] ?? []).map(pick), categories: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, v.map(pick)])) };
      }
      if (sub === 'import') {
        const slug = flag('workspace');
        const asOf = flag('as-of') ?? new Date().toISOString().slice(0, 10);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CliError(`--as-of is YYYY-MM-DD, not "${asOf}"`);
        return withDb(async (h) => {
          const ws = slug ? await getWorkspaceBySlug(h.db, slug) : null;
          if (slug && !ws) throw new CliError(`no workspace "${slug}"`);
          const r = await importArenaFile(h, { workspaceId: ws?.id ?? null, filename: path.basename(file), text, asOf, actor: { label: 'cli' } });
          log(r.message ?? `imported ${r.snapshots.length} snapshot(s)`);
          return { ok: true, ...r };
        });
      }
      throw new CliError(`unknown quality command "${sub ?? ''}" (expected: fit, import)`);
    }
    case 'whatif': {
      const file = sub;
      if (!file || !fs.existsSync(file)) throw new CliError(file ? `no such file: ${file}` : 'name the scenario file: whatif <scenario.json>');
      const slug = flag('workspace');
      if (!slug) throw new CliError('--workspace is required');
      let body: unknown;
      try {
        body = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (e) {
        throw new CliError(`${file} is not valid JSON: ${(e as Error).message}`);
      }
      const result = await viaAppOrDirect(
        async (url, key) => {
          const res = await fetch(`${url}/api/v1/whatif`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
          const out = await res.json();
          if (!res.ok) throw new CliError(out?.error?.message ?? `HTTP ${res.status}`);
          return out as WhatIfRun;
        },
        async (h) => {
          const ws = await getWorkspaceBySlug(h.db, slug);
          if (!ws) throw new CliError(`no workspace "${slug}"`);
          return runScenario(h.db, ws.id, parseScenario(body));
        },
      );
      log(result.summary);
      return result as unknown as Record<string, unknown>;
    }
    case 'report':
      return reportCommand(sub, rest, args.flags, { viaAppOrDirect, log, json });
    case 'tokens':
      if (sub !== 'compare') throw new CliError(`unknown tokens command "${sub ?? ''}" (expected: compare)`);
      return tokensCompareCommand(rest[0], flag, log);
    default:
      throw new CliError(`unknown command "${cmd}". Run \`npm run frontier -- --help\`.`);
  }
}

run().then(
  (result) => {
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(process.exitCode ?? 0);
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
