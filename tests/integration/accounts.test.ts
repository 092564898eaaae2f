import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listMembers, listMemberships } from '@/db/queries/accounts';
import { listAudit } from '@/db/queries/audit';
import { findSessionUser } from '@/db/queries/sessions';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { tokenHash } from '@/lib/auth/crypto';
import { acceptInviteWithPassword, describeInvite, inviteMember } from '@/lib/auth/invites';
import { bootstrapFromEnv, changeMemberRole, MAX_FAILURES_PER_ACCOUNT, setupFirstOwner, signIn } from '@/lib/auth/service';

const PW = 'correct horse battery staple';

describe.each(testEngines())('accounts on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
  });
  afterAll(async () => t?.destroy());

  test('first run: owner, workspace and a demo workspace with four projects of usage; setup refuses a second time', async () => {
    const r = await setupFirstOwner(t.db, { email: ' Owner@Example.com ', password: PW, workspaceName: 'Acme Corp' });
    expect(r.user.email).toBe('owner@example.com');
    expect(r.workspace.slug).toBe('acme-corp');
    expect(r.demo).toMatchObject({ slug: 'demo', isDemo: true });
    const ms = await listMemberships(t.db, r.user.id);
    expect(ms.map((m) => [m.slug, m.role])).toEqual([['acme-corp', 'owner'], ['demo', 'owner']]);
    const [u] = (await t.db.execute(sql`select count(distinct project)::int as projects, count(distinct model_id)::int as models,
      count(*) filter (where cost is null)::int as uncosted, min(day)::text as first, max(day)::text as last
      from usage where workspace_id = ${r.demo!.id}`) as unknown as { rows: { projects: number; models: number; uncosted: number; first: string; last: string }[] }).rows;
    expect(u).toMatchObject({ projects: 4, models: 6, uncosted: 0 });
    expect((Date.parse(u!.last) - Date.parse(u!.first)) / 86_400_000).toBe(119);
    await expect(setupFirstOwner(t.db, { email: 'x@example.com', password: PW, workspaceName: 'X' })).rejects.toThrow(/already set up/);
    expect(await bootstrapFromEnv(t.db, { FRONTIER_ADMIN_EMAIL: 'y@example.com', FRONTIER_ADMIN_PASSWORD: PW })).toBe('exists');
  });

  test('FRONTIER_ADMIN_EMAIL / _PASSWORD create the owner on an empty database', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      await seedReference(fresh.db);
      expect(await bootstrapFromEnv(fresh.db, {})).toBe('none');
      expect(await bootstrapFromEnv(fresh.db, { FRONTIER_ADMIN_EMAIL: 'admin@example.com', FRONTIER_ADMIN_PASSWORD: PW, FRONTIER_ADMIN_WORKSPACE: 'Ops' })).toBe('created');
      const s = await signIn(fresh.db, { email: 'admin@example.com', password: PW, ip: null, userAgent: null });
      expect((await listMemberships(fresh.db, s.userId)).map((m) => m.slug)).toEqual(['ops', 'demo']);
    } finally {
      await fresh.destroy();
    }
  });

  test('sign-in: right password opens a fresh session each time; wrong ones are limited per account with one message', async () => {
    const a = await signIn(t.db, { email: 'owner@example.com', password: PW, ip: '10.1.1.1', userAgent: 'ua' });
    const b = await signIn(t.db, { email: 'OWNER@example.com', password: PW, ip: '10.1.1.1', userAgent: 'ua' });
    expect(a.token).not.toBe(b.token);
    expect((await findSessionUser(t.db, tokenHash(a.token)))?.email).toBe('owner@example.com');
    const wrong = (email: string) => signIn(t.db, { email, password: 'nope nope nope', ip: '10.2.2.2', userAgent: 'ua' });
    await expect(wrong('owner@example.com')).rejects.toThrow('Email or password is not right.');
    await expect(wrong('nobody@example.com')).rejects.toThrow('Email or password is not right.'); // no enumeration
    for (let i = 1; i < MAX_FAILURES_PER_ACCOUNT; i++) await wrong('owner@example.com').catch(() => {});
    // Locked now, even with the right password, and the message does not reveal whether the account exists.
    await expect(signIn(t.db, { email: 'owner@example.com', password: PW, ip: '10.3.3.3', userAgent: 'ua' })).rejects.toThrow(/Too many failed sign-ins/);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await wrong('nobody@example.com').catch(() => {});
    await expect(wrong('nobody@example.com')).rejects.toThrow(/Too many failed sign-ins/);
  });

  test('invite: a one-time link; the new member\'s account and membership exist once they set a password', async () => {
    const [ws] = (await t.db.execute(sql`select id from workspaces where slug = 'acme-corp'`) as unknown as { rows: { id: string }[] }).rows;
    const [owner] = (await t.db.execute(sql`select id from users where email = 'owner@example.com'`) as unknown as { rows: { id: string }[] }).rows;
    const actor = { userId: owner!.id, label: 'owner@example.com' };
    const inv = await inviteMember(t.db, ws!.id, actor, { email: 'ana@example.com', role: 'editor' });
    expect(inv.inviteToken).toMatch(/^fi_/);
    expect(await describeInvite(t.db, inv.inviteToken!)).toEqual({ email: 'ana@example.com', workspaceName: 'Acme Corp', role: 'editor', hasAccount: false });
    await expect(signIn(t.db, { email: 'ana@example.com', password: PW, ip: '10.9.9.9', userAgent: 'ua' })).rejects.toThrow('Email or password is not right.');
    await acceptInviteWithPassword(t.db, inv.inviteToken!, { name: 'Ana', password: PW });
    expect(await describeInvite(t.db, inv.inviteToken!)).toBeNull();
    await expect(acceptInviteWithPassword(t.db, inv.inviteToken!, { name: 'Eve', password: PW })).rejects.toThrow(/expired or was already used/);
    expect((await signIn(t.db, { email: 'ana@example.com', password: PW, ip: '10.9.9.9', userAgent: 'ua' })).token).toMatch(/^fs_/);
    expect((await listMembers(t.db, ws!.id)).map((m) => [m.email, m.role])).toEqual([['ana@example.com', 'editor'], ['owner@example.com', 'owner']]);
    await expect(changeMemberRole(t.db, ws!.id, actor, owner!.id, 'owner@example.com', 'viewer')).rejects.toThrow(/at least one owner/);
    const log = await listAudit(t.db, ws!.id);
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['workspace.created', 'member.invited', 'member.joined']));
  });
});
