import { getEloPriceView } from '@/db/queries/get-elo-price';
import type { PriceInForceRow } from '@/db/queries/price-book';
import { getPricesInForce, listDiscounts, listPriceSheets } from '@/db/queries/price-book';
import { getSnapshotScores, listSnapshots } from '@/db/queries/quality';
import { listUploads } from '@/db/queries/uploads';
import { isCalendarDay, isUuid } from '@/lib/api/params';
import { today } from '@/lib/clock';
import type { EloPriceView } from '@/lib/models/elo-price-types';
import { eloPriceParamsSchema } from '@/lib/models/elo-price-params';
import type { ReportListItem } from '@/lib/reports/service';
import { listReports } from '@/lib/reports/service';
import { listScenarios } from '@/lib/whatif/service';
import { CliError } from './args';
import type { CliDb, ViaAppOrDirect } from './db';
import { apiGet, workspaceIdOf } from './db';
import type { ScenarioRow, UploadRow } from './read-tables';
import { modelsTable, pricesTable, reportsTable, scenariosTable, scoresTable, snapshotsTable, uploadsTable } from './read-tables';

/**
 * The CLI's read commands: what the UI shows, from the same db/queries the API routes call (through the app's API
 * with FRONTIER_API_KEY when it holds the embedded database). `--json` prints the API's answer with `ok: true`;
 * otherwise an aligned table goes to stdout.
 */
type Ctx = { viaAppOrDirect: ViaAppOrDirect; flag: (name: string) => string | undefined; json: boolean };
type Body = Record<string, unknown>;
type Read<T extends Body> = { viaApp: (url: string, key: string) => Promise<T>; direct: (h: CliDb) => Promise<T>; table: (body: T) => string; shape?: (body: T) => T };

const READS: Record<string, string[]> = { models: ['list'], prices: ['list'], quality: ['snapshots', 'show'], uploads: ['list'], scenarios: ['list'], reports: ['list'], report: ['list'] };

export function isReadCommand(cmd: string, sub: string | undefined): boolean {
  return Boolean(sub && READS[cmd]?.includes(sub));
}

/** A GET of the app's API with the workspace (a key belongs to one; naming another is refused there, as here). */
function get<T>(path: string, params: Record<string, string | undefined>) {
  const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  return (url: string, key: string) => apiGet<T>(url, key, qs.size ? `${path}?${qs}` : path);
}

async function run<T extends Body>(r: Read<T>, ctx: Ctx): Promise<Body> {
  const answer = await ctx.viaAppOrDirect(r.viaApp, r.direct);
  const body = r.shape ? r.shape(answer) : answer;
  if (!ctx.json) process.stdout.write(`${r.table(body)}\n`);
  return { ok: true, ...body };
}

export async function readCommand(cmd: string, sub: string, rest: string[], ctx: Ctx): Promise<Body> {
  const workspace = ctx.flag('workspace');
  const wsId = (h: CliDb) => workspaceIdOf(h, workspace);
  if (cmd === 'models') return run(modelsRead(ctx, workspace), ctx);
  if (cmd === 'prices') return run(pricesRead(ctx, workspace), ctx);
  if (cmd === 'quality' && sub === 'show') return run(snapshotRead(rest[0], workspace), ctx);
  if (cmd === 'quality') {
    return run<{ snapshots: Snapshot[] }>({
      viaApp: get('/api/v1/quality/snapshots', { workspace }),
      direct: async (h) => ({ snapshots: await listSnapshots(h.db, await wsId(h)) }),
      table: (b) => snapshotsTable(b.snapshots),
    }, ctx);
  }
  if (!workspace) throw new CliError('--workspace is required');
  if (cmd === 'uploads') {
    const limit = ctx.flag('limit') ?? '100';
    if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 500) throw new CliError('--limit is a whole number from 1 to 500');
    return run<{ uploads: UploadRow[] }>({
      viaApp: get('/api/v1/uploads', { workspace, limit }),
      direct: async (h) => ({ uploads: await listUploads(h.db, await wsId(h), Number(limit)) as UploadRow[] }),
      table: (b) => uploadsTable(b.uploads),
    }, ctx);
  }
  if (cmd === 'scenarios') {
    return run<{ scenarios: ScenarioRow[] }>({
      viaApp: get('/api/v1/whatif/scenarios', { workspace }),
      direct: async (h) => ({ scenarios: await listScenarios(h.db, await wsId(h)) }),
      table: (b) => scenariosTable(b.scenarios),
    }, ctx);
  }
  return run<{ reports: ReportListItem[] }>({
    viaApp: get('/api/v1/reports', { workspace }),
    direct: async (h) => ({ reports: await listReports(h.db, await wsId(h)) }),
    table: (b) => reportsTable(b.reports),
  }, ctx);
}

/** `models list`: the Models view (Elo against blended price); without --workspace, the reference data alone. */
function modelsRead(ctx: Ctx, workspace: string | undefined): Read<EloPriceView> {
  const parsed = eloPriceParamsSchema.safeParse({ elo: ctx.flag('elo'), prices: ctx.flag('prices'), mix: ctx.flag('mix') });
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const p = parsed.data;
  return {
    viaApp: get('/api/v1/models/elo-price', { workspace, elo: p.elo, prices: p.prices, mix: p.mix }),
    direct: async (h) => getEloPriceView(h.db, p, workspace ? await workspaceIdOf(h, workspace) : undefined),
    table: modelsTable,
  };
}

/** `--model` matches a model id or name in part, `--provider` a provider id or name whole (both ignoring case). */
export function priceMatches(p: PriceInForceRow, f: { model?: string; provider?: string }): boolean {
  const m = f.model?.toLowerCase();
  const v = f.provider?.toLowerCase();
  return (!m || p.modelId.toLowerCase().includes(m) || p.modelName.toLowerCase().includes(m))
    && (!v || p.providerId.toLowerCase() === v || p.providerName.toLowerCase() === v);
}

type PriceBook = { date: string; prices: PriceInForceRow[]; sheets: unknown[]; discounts: unknown[] };

function pricesRead(ctx: Ctx, workspace: string | undefined): Read<PriceBook> {
  if (!workspace) throw new CliError('--workspace is required (its negotiated prices and discounts apply)');
  const on = ctx.flag('on');
  if (on && !isCalendarDay(on)) throw new CliError(`--on is a date as YYYY-MM-DD, not "${on}"`);
  const filter = { model: ctx.flag('model'), provider: ctx.flag('provider') };
  return {
    viaApp: get('/api/v1/prices', { workspace, date: on }),
    // The same three reads as GET /api/v1/prices.
    direct: async (h) => {
      const ws = await workspaceIdOf(h, workspace);
      const date = on ?? today();
      const [prices, sheets, discounts] = await Promise.all([getPricesInForce(h.db, ws, date), listPriceSheets(h.db, ws), listDiscounts(h.db, ws)]);
      return { date, prices, sheets, discounts };
    },
    // The filters apply to either answer, so direct and through the app print the same rows.
    shape: (b) => ({ ...b, prices: b.prices.filter((p) => priceMatches(p, filter)) }),
    table: (b) => pricesTable(b.date, b.prices),
  };
}

type Snapshot = Awaited<ReturnType<typeof listSnapshots>>[number];
type Scores = Awaited<ReturnType<typeof getSnapshotScores>>;

/** A snapshot by id, or by its as-of date or name (the overall category first when a board has several). */
export function pickSnapshot(list: Snapshot[], ref: string): Snapshot | undefined {
  const hits = isUuid(ref) ? list.filter((s) => s.id === ref) : list.filter((s) => s.as_of === ref || s.name === ref);
  return hits.find((s) => s.category === 'overall') ?? hits[0];
}

/** `quality show <snapshot>`: one snapshot's scores, as GET /api/v1/quality/snapshots/:id. */
function snapshotRead(ref: string | undefined, workspace: string | undefined): Read<{ snapshot: Snapshot; scores: Scores }> {
  if (!ref) throw new CliError('name the snapshot: quality show <id|as-of date|name> (quality snapshots lists them)');
  const pick = (list: Snapshot[]) => {
    const s = pickSnapshot(list, ref);
    if (!s) throw new CliError(`no snapshot "${ref}" in this workspace or the reference data (quality snapshots lists them)`);
    return s;
  };
  return {
    viaApp: async (url, key) => {
      const snapshot = pick((await get<{ snapshots: Snapshot[] }>('/api/v1/quality/snapshots', { workspace })(url, key)).snapshots);
      const { scores } = await get<{ scores: Scores }>(`/api/v1/quality/snapshots/${snapshot.id}`, { workspace })(url, key);
      return { snapshot, scores };
    },
    direct: async (h) => {
      const ws = await workspaceIdOf(h, workspace);
      const snapshot = pick(await listSnapshots(h.db, ws));
      return { snapshot, scores: await getSnapshotScores(h.db, ws, snapshot.id) };
    },
    table: (b) => scoresTable(b.snapshot, b.scores),
  };
}
