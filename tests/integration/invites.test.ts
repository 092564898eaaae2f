import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as members from '@/app/api/v1/members/route';
import { useDatabaseForTests } from '@/db';
import { createUser, listMembers, listMemberships } from '@/db/queries/accounts';
import type { WorkspaceRow } from '@/db/queries/accounts';
import { listAudit } from '@/db/queries/audit';
import { findSessionUser } from '@/db/queries/sessions';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { hashPassword, tokenHash } from '@/lib/auth/crypto';
import { acceptInviteAsUser, acceptInviteWithPassword, describeInvite, inviteMember } from '@/lib/auth/invites';
import { changeMemberRole, createWorkspaceForUser, setupFirstOwner, signIn } from '@/lib/auth/service';

/**
 * Invitations grant a membership and never a password over an account that has one: the two takeovers an
 * independent probe found (a stranger's workspace claiming another's pending member; an attacker's early link
 * resetting the victim's password later), both end to end through the members API and the accept step.
 */
const PW = 'correct horse battery staple';
const ATTACKER_PW = 'attacker chose this one';
const ORIGIN = 'http://frontier.test';

describe.each(testEngines())('invitations on %s', (engine) => {
  let t: TestDatabase;
  let acme: WorkspaceRow;
  let ownerA: { userId: string; label: string };
  let eve: { userId: string; label: string };
  let eveCookie: Record<string, string>;

  const session = async (email: string, password: string) => (await signIn(t.db, { email, password, ip: null, userAgent: 'vitest' })).token;
  const cookie = (token: string) => ({ cookie: `frontier_session=${token}`, origin: ORIGIN, host: 'frontier.test', 'content-type': 'application/json' });
  /** Invites through POST /api/v1/members as the given session, into the workspace named by the header. */
  async function inviteViaApi(headers: Record<string, string>, slug: string, email: string, role: string) {
    const res = await members.POST(new Request(`${ORIGIN}/api/v1/members`, { method: 'POST', headers: { ...headers, 'x-frontier-workspace': slug }, body: JSON.stringify({ email, role }) }));
    return { status: res.status, body: await res.json() as { email: string; invitePath: string } };
  }
  const tokenOf = (path: string) => path.replace('/invite/', '');
  const slugsOf = async (email: string) => {
    const [u] = (await t.db.execute(sql`select id from users where email = ${email}`) as unknown as { rows: { id: string }[] }).rows;
    return u ? (await listMemberships(t.db, u.id)).map((m) => `${m.slug}:${m.role}`) : [];
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    const setup = await setupFirstOwner(t.db, { email: 'owner@acme.test', password: PW, workspaceName: 'Acme', withDemo: false });
    acme = setup.workspace;
    ownerA = { userId: setup.user.id, label: 'owner@acme.test' };
    // Eve is only a viewer of Acme, and like any signed-in user she can make a workspace of her own (she owns it).
    const e = await createUser(t.db, { email: 'eve@evil.test', passwordHash: await hashPassword(ATTACKER_PW) });
    eve = { userId: e.id, label: 'eve@evil.test' };
    await t.db.execute(sql`insert into memberships (workspace_id, user_id, role) values (${acme.id}, ${e.id}, 'viewer')`);
    eveCookie = cookie(await session('eve@evil.test', ATTACKER_PW));
    await createWorkspaceForUser(t.db, e.id, 'eve@evil.test', 'Evil');
  });
  afterAll(async () => t?.destroy());

  test('(a) another workspace\'s owner invites Acme\'s pending editor and sets the password: no access to Acme', async () => {
    const acmeInvite = await inviteMember(t.db, acme.id, ownerA, { email: 'ana@example.com', role: 'editor' });
    // Pending: no account, no membership, until Ana opens the link.
    expect(await slugsOf('ana@example.com')).toEqual([]);
    expect((await listMembers(t.db, acme.id)).map((m) => m.email)).not.toContain('ana@example.com');
    const evilInvite = await inviteViaApi(eveCookie, 'evil', 'ana@example.com', 'viewer');
    expect(evilInvite.status).toBe(201);
    await acceptInviteWithPassword(t.db, tokenOf(evilInvite.body.invitePath), { name: 'not Ana', password: ATTACKER_PW });
    // Eve holds an account named ana@example.com, a member of Evil only: signing in as it reaches nothing of Acme.
    expect(await slugsOf('ana@example.com')).toEqual(['evil:viewer']);
    const s = await signIn(t.db, { email: 'ana@example.com', password: ATTACKER_PW, ip: null, userAgent: null });
    expect((await listMemberships(t.db, s.userId)).map((m) => m.slug)).toEqual(['evil']);
    // Acme's own link no longer sets a password (the account has one) and cannot be taken by another account.
    const acmeToken = acmeInvite.inviteToken;
    expect(await describeInvite(t.db, acmeToken)).toMatchObject({ email: 'ana@example.com', hasAccount: true, role: 'editor' });
    await expect(acceptInviteWithPassword(t.db, acmeToken, { name: 'x', password: 'another password 123' })).rejects.toThrow(/already has a Frontier account/);
    await expect(acceptInviteAsUser(t.db, acmeToken, { userId: eve.userId, email: 'eve@evil.test' })).rejects.toThrow(/This invitation is for ana@example.com/);
    expect(await slugsOf('ana@example.com')).toEqual(['evil:viewer']);
    expect(await signIn(t.db, { email: 'ana@example.com', password: 'another password 123', ip: null, userAgent: null }).catch((e: Error) => e.message)).toBe('Email or password is not right.');
  });

  test('(b) an attacker\'s early link cannot reset the password the victim set later, nor end her session', async () => {
    const early = await inviteViaApi(eveCookie, 'evil', 'bo@example.com', 'viewer');
    const real = await inviteMember(t.db, acme.id, ownerA, { email: 'bo@example.com', role: 'editor' });
    const bo = await acceptInviteWithPassword(t.db, real.inviteToken, { name: 'Bo', password: PW });
    const boSession = await session('bo@example.com', PW);
    expect(await slugsOf('bo@example.com')).toEqual(['acme:editor']);
    await expect(acceptInviteWithPassword(t.db, tokenOf(early.body.invitePath), { name: 'Bo?', password: ATTACKER_PW })).rejects.toThrow(/already has a Frontier account/);
    await expect(signIn(t.db, { email: 'bo@example.com', password: ATTACKER_PW, ip: null, userAgent: null })).rejects.toThrow('Email or password is not right.');
    expect((await session('bo@example.com', PW))).toMatch(/^fs_/);
    expect((await findSessionUser(t.db, tokenHash(boSession)))?.userId).toBe(bo.userId);
    // Bo, signed in, may still accept Evil's invitation: it is his to take, never Eve's to use.
    await expect(acceptInviteAsUser(t.db, tokenOf(early.body.invitePath), { userId: eve.userId, email: 'eve@evil.test' })).rejects.toThrow(/is for bo@example.com/);
    await acceptInviteAsUser(t.db, tokenOf(early.body.invitePath), { userId: bo.userId, email: 'bo@example.com' });
    expect(await slugsOf('bo@example.com')).toEqual(['acme:editor', 'evil:viewer']);
    expect(await describeInvite(t.db, tokenOf(early.body.invitePath))).toBeNull();
    const acmeLog = (await listAudit(t.db, acme.id)).filter((e) => e.target === 'bo@example.com').map((e) => e.action);
    expect(acmeLog).toEqual(expect.arrayContaining(['member.invited', 'member.joined', 'user.password_set']));
  });

  test('an invitation answers the same for an email with or without an account, and adds nobody by itself', async () => {
    const known = await inviteViaApi(eveCookie, 'evil', 'owner@acme.test', 'viewer');
    const unknown = await inviteViaApi(eveCookie, 'evil', 'nobody@example.com', 'viewer');
    expect([known.status, unknown.status]).toEqual([201, 201]);
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect(known.body.invitePath).toMatch(/^\/invite\/fi_/);
    expect(await slugsOf('owner@acme.test')).toEqual(['acme:owner']);
    expect(await slugsOf('nobody@example.com')).toEqual([]);
    // A second link for one email replaces the first.
    const again = await inviteViaApi(eveCookie, 'evil', 'nobody@example.com', 'editor');
    expect(await describeInvite(t.db, tokenOf(unknown.body.invitePath))).toBeNull();
    expect(await describeInvite(t.db, tokenOf(again.body.invitePath))).toMatchObject({ role: 'editor', hasAccount: false });
  });

  test('one link, used twice at once, makes one account', async () => {
    const inv = await inviteMember(t.db, acme.id, ownerA, { email: 'cy@example.com', role: 'viewer' });
    const results = await Promise.allSettled([1, 2, 3].map((i) => acceptInviteWithPassword(t.db, inv.inviteToken, { name: `Cy ${i}`, password: `${PW} ${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [n] = (await t.db.execute(sql`select count(*)::int as n from users where email = 'cy@example.com'`) as unknown as { rows: { n: number }[] }).rows;
    expect(n!.n).toBe(1);
  });

  test('an owner re-inviting their own email is refused, and the workspace keeps its owner', async () => {
    await expect(inviteMember(t.db, acme.id, ownerA, { email: 'OWNER@acme.test', role: 'viewer' })).rejects.toThrow(/already a member/);
    expect((await listMembers(t.db, acme.id)).filter((m) => m.role === 'owner').map((m) => m.email)).toEqual(['owner@acme.test']);
  });

  test('two owners demoting each other at once leave one owner, every time', async () => {
    const hash = await hashPassword(PW);
    for (let round = 0; round < 8; round++) {
      const ws = await createWorkspaceForUser(t.db, ownerA.userId, ownerA.label, `Pair ${round}`);
      const other = await createUser(t.db, { email: `co-owner-${round}@example.com`, passwordHash: hash });
      await t.db.execute(sql`insert into memberships (workspace_id, user_id, role) values (${ws.id}, ${other.id}, 'owner')`);
      const results = await Promise.allSettled([
        changeMemberRole(t.db, ws.id, ownerA, other.id, other.email, 'viewer'),
        changeMemberRole(t.db, ws.id, { userId: other.id, label: other.email }, ownerA.userId, ownerA.label, 'viewer'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((await listMembers(t.db, ws.id)).filter((m) => m.role === 'owner')).toHaveLength(1);
    }
  });
});
