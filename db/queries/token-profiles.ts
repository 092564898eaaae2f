import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { tokenProfiles } from '@/db/schema';
import type { ProfileInput, TokenProfile } from '@/lib/tokens/profile';

/**
 * Token profiles: measured target ÷ source token ratios (input and output, each with its bootstrap 95% range).
 * The what-if engine reads them through listTokenProfiles / getTokenProfile; ratios stay decimal strings.
 */
const columns = {
  id: tokenProfiles.id,
  name: tokenProfiles.name,
  sourceTokenizer: tokenProfiles.sourceTokenizer,
  targetTokenizer: tokenProfiles.targetTokenizer,
  samples: tokenProfiles.samples,
  inputRatio: tokenProfiles.inputRatio,
  inputLower: tokenProfiles.inputLower,
  inputUpper: tokenProfiles.inputUpper,
  outputRatio: tokenProfiles.outputRatio,
  outputLower: tokenProfiles.outputLower,
  outputUpper: tokenProfiles.outputUpper,
  detail: tokenProfiles.detail,
  createdAt: tokenProfiles.createdAt,
};

type Row = { [K in keyof typeof columns]: K extends 'createdAt' ? Date : K extends 'detail' ? unknown : K extends 'samples' ? number : string };

function toProfile(r: Row): TokenProfile {
  return { ...r, detail: (r.detail ?? {}) as Record<string, unknown>, createdAt: new Date(r.createdAt).toISOString() };
}

export async function listTokenProfiles(db: Db, workspaceId: string): Promise<TokenProfile[]> {
  const rs = await db.select(columns).from(tokenProfiles).where(eq(tokenProfiles.workspaceId, workspaceId)).orderBy(desc(tokenProfiles.createdAt), tokenProfiles.name);
  return rs.map(toProfile);
}

export async function getTokenProfile(db: Db, workspaceId: string, id: string): Promise<TokenProfile | null> {
  const [r] = await db.select(columns).from(tokenProfiles).where(and(eq(tokenProfiles.workspaceId, workspaceId), eq(tokenProfiles.id, id)));
  return r ? toProfile(r) : null;
}

export async function createTokenProfile(db: Db, workspaceId: string, p: ProfileInput, createdBy: string | null): Promise<TokenProfile> {
  const out = p.output ?? p.input;
  const [r] = await db.insert(tokenProfiles).values({
    workspaceId, name: p.name, sourceTokenizer: p.sourceTokenizer, targetTokenizer: p.targetTokenizer, samples: p.samples,
    inputRatio: p.input.ratio, inputLower: p.input.lower, inputUpper: p.input.upper,
    outputRatio: out.ratio, outputLower: out.lower, outputUpper: out.upper,
    detail: { ...(p.detail ?? {}), roles: p.output !== undefined }, createdBy,
  }).returning(columns);
  return toProfile(r!);
}

/** True when a profile was deleted. */
export async function deleteTokenProfile(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const rs = await db.delete(tokenProfiles).where(and(eq(tokenProfiles.workspaceId, workspaceId), eq(tokenProfiles.id, id))).returning({ id: tokenProfiles.id });
  return rs.length > 0;
}
