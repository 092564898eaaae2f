import type { TestDatabase } from '@/db/testing';
import { createTestDatabase } from '@/db/testing';
import type { EngineName } from '@/db/testing';

/**
 * POST /api/v1/uploads called as the app calls it: an editor key, a streamed body (no content-length, 64 KB at a
 * time, as a browser or curl sends a large file). Imported after the caller has set any FRONTIER_* limit it needs.
 */
export type UploadRoute = {
  t: TestDatabase;
  ws: string;
  send: (name: string, body: Uint8Array, headers?: Record<string, string>) => Promise<{ status: number; body: Record<string, any> }>;
  post: (req: Request) => Promise<Response>;
  key: string;
};

export function streamed(buf: Uint8Array, size = 64 * 1024): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= buf.length) return c.close();
      c.enqueue(new Uint8Array(buf.subarray(at, at + size)));
      at += size;
    },
  });
}

export async function openUploadRoute(engine: EngineName): Promise<UploadRoute> {
  const t = await createTestDatabase(engine);
  const { seedReference } = await import('@/db/seed');
  const { useDatabaseForTests } = await import('@/db');
  const { setupFirstOwner, createApiKey } = await import('@/lib/auth/service');
  await seedReference(t.db);
  useDatabaseForTests(t);
  const setup = await setupFirstOwner(t.db, { email: 'owner@example.com', password: 'correct horse battery staple', workspaceName: 'Acme', withDemo: false });
  const ws = setup.workspace.id;
  const key = (await createApiKey(t.db, ws, { userId: setup.user.id, label: 'test' }, { name: 'ci', role: 'editor' })).key;
  const post = (await import('@/app/api/v1/uploads/route')).POST as unknown as (req: Request) => Promise<Response>;
  const send = async (name: string, body: Uint8Array, headers: Record<string, string> = {}) => {
    const req = new Request(`http://frontier.test/api/v1/uploads?filename=${encodeURIComponent(name)}`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv', ...headers }, body: streamed(body), duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const res = await post(req);
    return { status: res.status, body: await res.json() };
  };
  return { t, ws, send, post, key };
}
