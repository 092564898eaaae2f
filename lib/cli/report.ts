import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { readLock } from '@/db/lock';
import { getWorkspaceBySlug } from '@/db/queries/accounts';
import { reports } from '@/db/schema';
import { env } from '@/lib/env';
import type { ExportFormat } from '@/lib/reports/export';
import { EXPORT_FORMATS, renderExport } from '@/lib/reports/export';
import { closePrinter } from '@/lib/reports/pdf-printer';
import type { ReportOrigin } from '@/lib/reports/origin';
import { createReport, getReport } from '@/lib/reports/service';
import { createShare } from '@/lib/reports/shares';
import { CliError } from './args';
import type { ViaAppOrDirect } from './db';

/**
 * `report create|share|export` for the CLI. Like the other commands, when the app holds the embedded database it
 * goes through the app's API (FRONTIER_API_KEY, an editor key), else it opens the database itself.
 */
type Ctx = {
  viaAppOrDirect: ViaAppOrDirect;
  log: (m: string) => void;
  json: boolean;
};
type Flags = Record<string, string | true>;

const str = (flags: Flags, name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function api<T>(url: string, key: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  if (!res.ok) {
    const body = await res.json().catch(() => null) as { error?: { message?: string } } | null;
    throw new CliError(body?.error?.message ?? `HTTP ${res.status}`);
  }
  return res.json() as Promise<T>;
}

/** The address people open share links at: FRONTIER_PUBLIC_URL, else the running app's, else localhost. */
function publicBase(): string {
  const fromEnv = process.env.FRONTIER_PUBLIC_URL || process.env.FRONTIER_URL;
  if (fromEnv) return fromEnv.replace(/\/$/, '');
  const holder = env().DATABASE_URL ? null : readLock(env().pgliteDir);
  return (holder?.url ?? `http://localhost:${env().PORT}`).replace(/\/$/, '');
}

async function workspaceOfReport(h: DbHandle, id: string, slug: string | undefined): Promise<string> {
  if (!UUID.test(id)) throw new CliError(`"${id}" is not a report id`);
  if (slug) {
    const ws = await getWorkspaceBySlug(h.db, slug);
    if (!ws) throw new CliError(`no workspace "${slug}"`);
    return ws.id;
  }
  const [r] = await h.db.select({ ws: reports.workspaceId }).from(reports).where(eq(reports.id, id));
  if (!r) throw new CliError(`no report ${id}`);
  return r.ws;
}

function parseExpiry(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^(\d{1,4})d?$/.exec(v.trim());
  if (!m) throw new CliError(`--expires is a number of days, e.g. 30d, not "${v}"`);
  return Number(m[1]);
}

export async function reportCommand(sub: string | undefined, positionals: string[], flags: Flags, ctx: Ctx): Promise<Record<string, unknown>> {
  // `-o file` is not a --flag: take it out of the positionals wherever it stands.
  const oAt = positionals.indexOf('-o');
  const rest = oAt >= 0 ? [...positionals.slice(0, oAt), ...positionals.slice(oAt + 2)] : positionals;
  const outFlag = oAt >= 0 ? positionals[oAt + 1] : undefined;
  if (sub === 'create') {
    const slug = str(flags, 'workspace');
    if (!slug) throw new CliError('--workspace is required');
    const fromScenario = str(flags, 'from-scenario');
    const from = str(flags, 'from');
    let source: ReportOrigin;
    let title = str(flags, 'title');
    if (fromScenario) {
      if (fs.existsSync(fromScenario)) {
        let spec: unknown;
        try { spec = JSON.parse(fs.readFileSync(fromScenario, 'utf8')); } catch (e) { throw new CliError(`${fromScenario} is not JSON: ${(e as Error).message}`); }
        source = { kind: 'whatif', spec };
        title ??= typeof (spec as { name?: unknown })?.name === 'string' ? `What-if: ${(spec as { name: string }).name}` : 'What-if scenario';
      } else if (UUID.test(fromScenario)) {
        source = { kind: 'whatif', spec: undefined, scenarioId: fromScenario };
        title ??= 'What-if scenario';
      } else {
        throw new CliError(`--from-scenario takes a scenario JSON file or a saved scenario id; "${fromScenario}" is neither`);
      }
    } else if (from === 'overview') {
      source = { kind: 'overview' };
      title ??= 'Spend overview';
    } else if (from === 'usage') {
      source = { kind: 'usage', params: str(flags, 'params') ?? '' };
      title ??= 'Usage';
    } else {
      throw new CliError('say what to report on: --from overview|usage or --from-scenario <file|id>');
    }
    const body = { title, note: str(flags, 'note') ?? '', source };
    const r = await ctx.viaAppOrDirect(
      (url, key) => api<{ id: string; title: string; version: number; asOf: string }>(url, key, '/api/v1/reports', { method: 'POST', body: JSON.stringify(body) }),
      async (h) => {
        const ws = await getWorkspaceBySlug(h.db, slug);
        if (!ws) throw new CliError(`no workspace "${slug}"`);
        return createReport(h.db, ws.id, null, body);
      },
    );
    ctx.log(`saved report "${r.title}" (${r.id}), version ${r.version}`);
    if (!ctx.json) process.stdout.write(`${r.id}\n`);
    return { ok: true, report: r };
  }
  if (sub === 'share') {
    const id = rest[0];
    if (!id) throw new CliError('name the report: report share <id>');
    const expiresInDays = parseExpiry(str(flags, 'expires'));
    const s = await ctx.viaAppOrDirect(
      (url, key) => api<{ id: string; path: string; expiresAt: string }>(url, key, `/api/v1/reports/${encodeURIComponent(id)}/shares`, { method: 'POST', body: JSON.stringify({ expiresInDays }) }),
      async (h) => {
        return createShare(h.db, await workspaceOfReport(h, id, str(flags, 'workspace')), id, null, { expiresInDays });
      },
    );
    const url = `${publicBase()}${s.path}`;
    ctx.log(`share link for ${id}, expires ${s.expiresAt}; it is shown once`);
    if (!ctx.json) process.stdout.write(`${url}\n`);
    return { ok: true, id: s.id, url, expiresAt: s.expiresAt };
  }
  if (sub === 'export') {
    const id = rest[0];
    if (!id) throw new CliError('name the report: report export <id> --format csv|xlsx|pdf -o <file>');
    const format = str(flags, 'format');
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const out = str(flags, 'out') ?? outFlag;
    if (!out) throw new CliError('-o <file> is required');
    const version = str(flags, 'version') ? Number(str(flags, 'version')) : undefined;
    if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new CliError('--version is a whole number');
    const bytes = await ctx.viaAppOrDirect(
      async (url, key) => {
        const res = await fetch(`${url}/api/v1/reports/${encodeURIComponent(id)}/export?format=${format}${version ? `&version=${version}` : ''}`, { headers: { authorization: `Bearer ${key}` } });
        if (!res.ok) throw new CliError(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`);
        return Buffer.from(await res.arrayBuffer());
      },
      async (h) => {
        const r = await getReport(h.db, await workspaceOfReport(h, id, str(flags, 'workspace')), id, version);
        try {
          return (await renderExport(r.snapshot, { title: r.title, note: r.note, version: r.version }, format as ExportFormat)).body;
        } finally {
          await closePrinter(); // the shared browser would otherwise keep the command from exiting
        }
      },
    );
    fs.writeFileSync(out, bytes);
    ctx.log(`wrote ${out} (${bytes.length.toLocaleString('en-US')} bytes)`);
    return { ok: true, file: out, bytes: bytes.length, format };
  }
  throw new CliError(`unknown report command "${sub ?? ''}" (expected: create, share, export)`);
}
