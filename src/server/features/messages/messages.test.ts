import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '#server/app';
import { auditLog, citizenMessageActionLinks, citizenMessages, outbox } from '#server/db/schema/index';
import type { MessageDetail, MessageList, MessageReceipt } from '#shared/contracts/messages';
import { testConfig, useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildAdministration, buildUser, signIn } from '../../../../test/support/factories.js';
import { translate } from '../../http/i18n.js';
import { seededRandom } from '../demo/generator.js';
import { writeMessagesDemo, type MessagesDemoInput } from './demo.js';
import { addWorkingDays, easterSunday, swedishDaysOff } from './working-days.js';

/** Sending is limited to public / 6 = 2 messages per address in ten minutes. */
const t = useTestApp({ config: { rateLimits: { login: 30, public: 12 }, publicUrl: 'https://inkludera.example.se' } });
const db = () => t.database.db;

let addresses = 0;
/** A new address for each sender, so that the rate limit (kept across tests) counts only what a test means it to. */
const nextAddress = () => {
  addresses += 1;
  return `10.1.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

async function formToken(address = nextAddress()): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: '/api/public/messages/form', remoteAddress: address });
  expect(response.statusCode).toBe(200);
  expect(response.headers['set-cookie']).toBeUndefined();
  return response.json().formToken;
}

type Send = { address?: string; token?: string; wait?: number; headers?: Record<string, string> };

/** Fetches a form token, lets the clock pass the minimum time (5 s unless told), and sends the message as JSON. */
async function send(body: Record<string, unknown> = {}, options: Send = {}) {
  const address = options.address ?? nextAddress();
  const token = options.token ?? (await formToken(address));
  t.clock.advance(options.wait ?? 5000);
  return t.app.inject({
    method: 'POST',
    url: '/api/public/messages',
    remoteAddress: address,
    headers: options.headers,
    payload: {
      kind: 'problem',
      subject: 'hbtq',
      text: 'Skylten vid simhallens omklädningsrum exkluderar.',
      formToken: token,
      ...body,
    },
  });
}

async function sent(body: Record<string, unknown> = {}, options: Send = {}): Promise<MessageReceipt> {
  const response = await send(body, options);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const idOf = async (code: string) => (await db().select().from(citizenMessages).where(eq(citizenMessages.code, code)))[0];
const message = (code: string, locale: 'sv' | 'en' = 'sv') => translate(locale, `errors.${code}`);

/** A urlencoded form post, as a browser without JavaScript sends it. */
const formPost = (url: string, fields: Record<string, string>, address = nextAddress(), headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    remoteAddress: address,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });

const hiddenToken = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)![1];
const shownCode = (html: string) => /data-testid="receipt-code">([^<]+)</.exec(html)![1];

describe('sending a message', () => {
  it('stores what the sender gave and nothing about their connection: no address, no user agent, in the row, the audit log or the logs', async () => {
    const lines: string[] = [];
    const logged = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = testConfig({ rateLimits: { login: 30, public: 12 } });
    const app = await buildApp({ database: t.database, config, clock: t.clock, logger: { level: 'trace', stream: logged } });
    try {
      const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) SpårbarWebbläsare/1.0';
      const address = '203.0.113.77';
      const headers = { 'user-agent': userAgent, 'x-forwarded-for': '198.51.100.23', referer: 'https://example.org/secret-page' };
      const form = await app.inject({ method: 'GET', url: '/api/public/messages/form', remoteAddress: address, headers });
      t.clock.advance(10_000);
      const response = await app.inject({
        method: 'POST',
        url: '/api/public/messages',
        remoteAddress: address,
        headers,
        payload: {
          kind: 'wish',
          subject: 'gender_equality',
          text: 'Fler skötbord i herrarnas toaletter.',
          formToken: form.json().formToken,
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const receipt = response.json() as MessageReceipt;
      expect(receipt.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      expect(receipt).toEqual({
        code: receipt.code,
        kind: 'wish',
        subject: 'gender_equality',
        status: 'new',
        createdAt: t.clock.now().toISOString(),
        answer: null,
        answeredAt: null,
        closedAt: null,
      });
      const html = await app.inject({ method: 'GET', url: '/feedback', remoteAddress: address, headers });
      t.clock.advance(10_000);
      const page = await app.inject({
        method: 'POST',
        url: '/feedback',
        remoteAddress: address,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          kind: 'praise',
          subject: 'hbtq',
          text: 'Bra café!',
          formToken: hiddenToken(html.body),
        }).toString(),
      });
      expect(page.statusCode).toBe(201);

      const rows = await db().select().from(citizenMessages);
      expect(rows).toHaveLength(2);
      // The columns are exactly these: none could hold an address or a browser.
      expect(Object.keys(rows[0]).sort()).toEqual(
        [
          'id',
          'code',
          'kind',
          'subject',
          'administrationId',
          'text',
          'contactName',
          'contactEmail',
          'status',
          'hateful',
          'assignedUserId',
          'createdAt',
          'acknowledgeBy',
          'answerBy',
          'acknowledgedAt',
          'answer',
          'answeredAt',
          'answeredByName',
          'closedAt',
          'contactRemovedAt',
          'textRemovedAt',
        ].sort(),
      );
      const columns = await db().execute<{ column_name: string }>(
        sql`select column_name from information_schema.columns where table_name like 'citizen_message%'`,
      );
      expect(columns.rows.map((c) => c.column_name).filter((c) => /ip|agent|addr|host|referer/.test(c))).toEqual([]);
      const everything = JSON.stringify([rows, await db().select().from(auditLog)]);
      const logs = lines.join('');
      expect(logs.length).toBeGreaterThan(0);
      for (const trace of [address, '198.51.100.23', 'SpårbarWebbläsare', 'secret-page', '203.0.113', 'Mozilla']) {
        expect(everything).not.toContain(trace);
        expect(logs).not.toContain(trace);
      }
      // Nor what was written, in the logs or the audit log.
      expect(logs).not.toContain('skötbord');
      expect(JSON.stringify(await auditEntriesFor(db(), 'citizen_message'))).not.toContain('skötbord');
    } finally {
      await app.close();
    }
  });

  it('keeps a name and an email only when given, and trims blanks to nothing', async () => {
    const anonymous = await sent({ name: '  ', email: '' });
    const named = await sent({ name: 'Kim Berg', email: 'Kim.Berg@Example.se' });
    expect(await idOf(anonymous.code)).toMatchObject({ contactName: null, contactEmail: null });
    expect(await idOf(named.code)).toMatchObject({ contactName: 'Kim Berg', contactEmail: 'kim.berg@example.se' });
    const bad = await send({ email: 'inte en adress' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it('refuses a filled-in honeypot, a form sent too fast, a forged token and an expired one, each with a clear 400', async () => {
    const trap = await send({ website: 'http://spam.example' });
    expect(trap.statusCode).toBe(400);
    expect(trap.json().error).toMatchObject({ code: 'message_rejected', message: message('message_rejected') });

    const fast = await send({}, { wait: 1000 });
    expect(fast.statusCode).toBe(400);
    expect(fast.json().error).toMatchObject({ code: 'message_too_fast' });
    expect(fast.json().error.message).toContain('3');

    const token = await formToken();
    const [issued] = token.split('.');
    const forged = await send({}, { token: `${Number(issued) - 60_000}.${token.split('.')[1]}` });
    expect(forged.json().error.code).toBe('message_form_invalid');
    expect((await send({}, { token: 'not-a-token' })).json().error.code).toBe('message_form_invalid');

    const expired = await send({}, { token, wait: 25 * 3600 * 1000 });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('message_form_expired');

    expect(await db().select().from(citizenMessages)).toEqual([]);
    // The same token, sent in time, is accepted: a person who waits is never stuck.
    const address = nextAddress();
    const slow = await formToken(address);
    expect((await send({}, { token: slow, address, wait: 1000 })).statusCode).toBe(400);
    expect((await send({}, { token: slow, address, wait: 3000 })).statusCode).toBe(201);
  });

  it('limits one address, from the API and the HTML form together, and not the next', async () => {
    const address = nextAddress();
    expect((await send({}, { address })).statusCode).toBe(201);
    const page = await t.app.inject({ method: 'GET', url: '/feedback', remoteAddress: address });
    t.clock.advance(5000);
    const html = await formPost(
      '/feedback',
      { kind: 'wish', subject: 'other', text: 'Två', formToken: hiddenToken(page.body) },
      address,
    );
    expect(html.statusCode).toBe(201);
    const third = await send({}, { address });
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('rate_limited');
    const fourth = await formPost(
      '/feedback',
      { kind: 'wish', subject: 'other', text: 'Fyra', formToken: hiddenToken(page.body) },
      address,
    );
    expect(fourth.statusCode).toBe(429);
    expect(fourth.headers['content-type']).toContain('text/html');
    expect((await send({})).statusCode).toBe(201);
    expect(await db().select().from(citizenMessages)).toHaveLength(3);
  });

  it('refuses an administration that does not exist or is closed', async () => {
    const closed = await buildAdministration(db(), { active: false });
    for (const administrationId of [crypto.randomUUID(), closed.id]) {
      const response = await send({ administrationId });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details).toEqual([
        { path: 'body.administrationId', message: message('unknown_administration') },
      ]);
    }
  });
});

describe('the receipt', () => {
  it('shows the status and the answer by code, typed in any case and with dashes, and never the sender’s details', async () => {
    const receipt = await sent({ name: 'Kim Berg', email: 'kim@example.se' });
    const lookup = (code: string) =>
      t.app.inject({ method: 'POST', url: '/api/public/messages/receipt', payload: { code }, remoteAddress: nextAddress() });
    const typed = receipt.code.toLowerCase().match(/.{4}/g)!.join('-');
    const found = await lookup(typed);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual(receipt);
    expect(found.body).not.toContain('kim');
    expect((await lookup('ABCD-EFGH-JKMN-PQRS')).statusCode).toBe(404);
    expect((await lookup('short')).json().error.code).toBe('message_not_found');
  });
});

describe('the pages without JavaScript', () => {
  it('serve the form in Swedish or English, send it as a plain form post, and show the code, then the answer by code', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/feedback' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('<html lang="sv">');
    expect(page.body).toContain(translate('sv', 'messages.public.privacyTitle'));
    expect(page.body).not.toMatch(/<script/i);
    const english = await t.app.inject({ method: 'GET', url: '/feedback', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english.body).toContain('<html lang="en">');
    expect((await t.app.inject({ method: 'GET', url: '/feedback?lang=en' })).body).toContain(
      translate('en', 'messages.public.send'),
    );

    // Too soon: the form comes back with the text kept and a clear message.
    const fields = {
      kind: 'thought',
      subject: 'hbtq',
      administrationId: '',
      text: 'Regnbågsflagga <på> stadshuset',
      name: '',
      email: '',
      website: '',
      formToken: hiddenToken(page.body),
    };
    const fast = await formPost('/feedback', fields);
    expect(fast.statusCode).toBe(400);
    expect(fast.body).toContain('Regnbågsflagga &lt;på&gt; stadshuset');
    expect(fast.body).toContain(message('message_too_fast').replace('{{seconds}}', '3').slice(0, 30));

    // A missing choice: the field says so, and the rest is kept.
    t.clock.advance(5000);
    const missing = await formPost('/feedback', { ...fields, kind: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain(translate('sv', 'messages.public.errors.kind'));
    expect(missing.body).toContain('id="subject-hbtq" value="hbtq" checked');

    const done = await formPost('/feedback', fields);
    expect(done.statusCode, done.body).toBe(201);
    const code = shownCode(done.body);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const stored = await idOf(code.replaceAll('-', ''));
    expect(stored).toMatchObject({
      kind: 'thought',
      subject: 'hbtq',
      administrationId: null,
      text: 'Regnbågsflagga <på> stadshuset',
      contactName: null,
    });

    const trap = await formPost('/feedback', { ...fields, website: 'spam' });
    expect(trap.statusCode).toBe(400);
    expect(trap.body).toContain(message('message_rejected'));

    const status = await formPost('/feedback/status?lang=en', { code: code.toLowerCase() });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(translate('en', 'messages.publicStatuses.new'));
    expect(status.body).toContain(translate('en', 'messages.public.noAnswerYet'));
    // The answer to one's own message keeps the opener policy that the pages everyone reads go without.
    expect(status.headers['cross-origin-opener-policy']).toBe('same-origin');
    const unknown = await formPost('/feedback/status', { code: 'XXXX' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain(message('message_not_found'));
  });

  it('refuse a form posted from another site', async () => {
    const response = await formPost('/feedback', { text: 'x' }, nextAddress(), { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
  });
});

describe('the inbox', () => {
  async function organisation() {
    const [north, south] = [
      await buildAdministration(db(), { name: 'Norra förvaltningen' }),
      await buildAdministration(db(), { name: 'Södra förvaltningen' }),
    ];
    const admin = await signIn(t.app, db(), 'administrator', { name: 'Ada Admin' });
    const northLeader = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: north.id }], {
      name: 'Nora Norr',
    });
    const southLeader = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: south.id }], {
      name: 'Sam Söder',
    });
    return { north, south, admin, northLeader, southLeader };
  }

  it('routes a message to its administration’s process leader, else to the administrators, and scopes who sees it', async () => {
    const { north, south, admin, northLeader, southLeader } = await organisation();
    const toNorth = await idOf((await sent({ administrationId: north.id })).code);
    const toSouth = await idOf((await sent({ administrationId: south.id, kind: 'praise' })).code);
    const toNobody = await idOf((await sent({ subject: 'other' })).code);
    expect(toNorth.assignedUserId).toBe(northLeader.user.id);
    expect(toSouth.assignedUserId).toBe(southLeader.user.id);
    expect(toNobody.assignedUserId).toBeNull();

    const listOf = async (agent: typeof admin.agent, query = '') => {
      const response = await agent.get(`/api/messages${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as MessageList;
    };
    expect((await listOf(northLeader.agent)).items.map((m) => m.id)).toEqual([toNorth.id]);
    expect((await listOf(southLeader.agent)).items.map((m) => m.id)).toEqual([toSouth.id]);
    expect((await listOf(admin.agent)).total).toBe(3);
    expect((await listOf(admin.agent, `?administrationId=${north.id}`)).items.map((m) => m.id)).toEqual([toNorth.id]);
    expect((await listOf(admin.agent, '?kind=praise')).items.map((m) => m.id)).toEqual([toSouth.id]);
    expect((await listOf(admin.agent, '?subject=other')).items.map((m) => m.id)).toEqual([toNobody.id]);
    // Asking for another administration's messages gives none of them.
    expect((await listOf(northLeader.agent, `?administrationId=${south.id}`)).items).toEqual([]);

    expect((await northLeader.agent.get(`/api/messages/${toSouth.id}`)).statusCode).toBe(403);
    expect((await northLeader.agent.get(`/api/messages/${toNobody.id}`)).statusCode).toBe(403);
    expect((await northLeader.agent.post(`/api/messages/${toSouth.id}/answer`, { text: 'Nej' })).statusCode).toBe(403);
    const own = await northLeader.agent.get(`/api/messages/${toNorth.id}`);
    expect(own.statusCode).toBe(200);
    expect((own.json() as MessageDetail).assignable.map((p) => p.name)).toEqual(['Nora Norr', 'Ada Admin']);
    // Reading a message is audited; its creation is too, without its words.
    expect((await auditEntriesFor(db(), 'citizen_message', toNorth.id)).map((e) => e.action)).toEqual(['create', 'read']);

    // Each list read is logged with its filter and the messages shown, not their words.
    const listReads = await auditEntriesFor(db(), 'citizen_message', null);
    expect(listReads.length).toBeGreaterThan(0);
    expect(listReads.at(-1)!.after).toMatchObject({ filter: { administrationId: south.id }, shown: [] });
    expect(JSON.stringify(listReads)).not.toContain('Skylten');
    const unit = await signIn(t.app, db(), 'unit_manager');
    expect((await unit.agent.get('/api/messages')).statusCode).toBe(403);
  });

  it('assigns, notes, answers (mailed only when an email was left), closes and hides hateful messages', async () => {
    const { north, admin, northLeader } = await organisation();
    const withEmail = await sent({ administrationId: north.id, email: 'kim@example.se', name: 'Kim' });
    const anonymous = await sent({ administrationId: north.id });
    const a = (await idOf(withEmail.code)).id;
    const b = (await idOf(anonymous.code)).id;

    const reassigned = await admin.agent.put(`/api/messages/${a}/assignee`, { userId: admin.user.id });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    expect((reassigned.json() as MessageDetail).assignedTo?.name).toBe('Ada Admin');
    expect((reassigned.json() as MessageDetail).status).toBe('in_progress');
    const outsider = await signIn(t.app, db(), 'training_coordinator');
    const wrong = await admin.agent.put(`/api/messages/${a}/assignee`, { userId: outsider.user.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].message).toBe(message('message_not_assignable'));

    const noted = await northLeader.agent.post(`/api/messages/${a}/notes`, { text: 'Kolla med fastighetsavdelningen.' });
    expect((noted.json() as MessageDetail).notes.map((n) => [n.text, n.authorName])).toEqual([
      ['Kolla med fastighetsavdelningen.', 'Nora Norr'],
    ]);

    const answered = await northLeader.agent.post(`/api/messages/${a}/answer`, { text: 'Tack! Skylten byts i maj.' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'answered',
      answer: 'Tack! Skylten byts i maj.',
      answeredByName: 'Nora Norr',
    });
    const mails = await db().select().from(outbox);
    expect(mails).toHaveLength(1);
    expect(mails[0].toAddress).toBe('kim@example.se');
    expect(mails[0].body).toContain('Tack! Skylten byts i maj.');
    expect(mails[0].body).toContain(withEmail.code.match(/.{4}/g)!.join('-'));
    expect(mails[0].body).toContain('https://inkludera.example.se/feedback/status');

    await northLeader.agent.post(`/api/messages/${b}/answer`, { text: 'Tack för tipset.' });
    expect(await db().select().from(outbox)).toHaveLength(1);

    // The sender reads the answer with the code, and nothing of the notes.
    const receipt = await t.app.inject({
      method: 'POST',
      url: '/api/public/messages/receipt',
      payload: { code: anonymous.code },
      remoteAddress: nextAddress(),
    });
    expect(receipt.json()).toMatchObject({ status: 'answered', answer: 'Tack för tipset.' });
    const page = await formPost('/feedback/status', { code: withEmail.code });
    expect(page.body).toContain('Tack! Skylten byts i maj.');
    expect(page.body).not.toContain('fastighetsavdelningen');
    expect(page.body).not.toContain('Nora');

    const closed = await northLeader.agent.post(`/api/messages/${a}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const late = await northLeader.agent.post(`/api/messages/${a}/answer`, { text: 'Igen' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('message_closed');

    const hateful = await northLeader.agent.put(`/api/messages/${b}/hateful`, { hateful: true });
    expect(hateful.json()).toMatchObject({ hateful: true });
    expect(((await northLeader.agent.get('/api/messages')).json() as MessageList).items.map((m) => m.id)).toEqual([a]);
    expect(((await northLeader.agent.get('/api/messages?hateful=true')).json() as MessageList).items.map((m) => m.id)).toEqual([
      b,
    ]);
    const hidden = await t.app.inject({
      method: 'POST',
      url: '/api/public/messages/receipt',
      payload: { code: anonymous.code },
      remoteAddress: nextAddress(),
    });
    expect(hidden.json().answer).toBeNull();
    // The audit log says it was answered and by whom, not with which words.
    const entries = await auditEntriesFor(db(), 'citizen_message', a);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update']);
    expect(JSON.stringify(entries)).not.toContain('Skylten');
  });

  it('counts the targets in working days and flags what is overdue', async () => {
    const { admin } = await organisation();
    t.clock.set('2026-03-06T08:59:55Z'); // a Friday; the message arrives five seconds later
    const receipt = await sent({});
    const row = await idOf(receipt.code);
    // Friday + 2 working days is Tuesday; + 10 is the Friday two weeks on.
    expect(row.acknowledgeBy.toISOString().slice(0, 10)).toBe('2026-03-10');
    expect(row.answerBy.toISOString().slice(0, 10)).toBe('2026-03-20');

    const list = async (query = '') => {
      const response = await admin.agent.get(`/api/messages${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as MessageList).items;
    };
    expect((await list())[0].overdue).toBeNull();
    expect(await list('?overdue=true')).toEqual([]);
    t.clock.set('2026-03-10T10:00:00Z');
    expect((await list('?overdue=true')).map((m) => m.overdue)).toEqual(['acknowledge']);
    await admin.agent.post(`/api/messages/${row.id}/acknowledge`);
    expect(await list('?overdue=true')).toEqual([]);
    t.clock.set('2026-03-20T10:00:00Z');
    // Two weeks on the session has run out: sign in again.
    admin.agent = (await signIn(t.app, db(), 'administrator')).agent;
    expect((await list('?overdue=true')).map((m) => m.overdue)).toEqual(['answer']);
    await admin.agent.post(`/api/messages/${row.id}/answer`, { text: 'Svar' });
    expect((await list())[0].overdue).toBeNull();
  });
});

describe('working days', () => {
  it('skip Sweden’s public holidays and the eves that are days off', () => {
    expect([2024, 2026, 2027].map((year) => easterSunday(year).toISOString().slice(0, 10))).toEqual([
      '2024-03-31',
      '2026-04-05',
      '2027-03-28',
    ]);
    expect([...swedishDaysOff(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-06-06',
      '2026-06-19',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]);
    expect(swedishDaysOff(2027).has('2027-06-25')).toBe(true); // Midsummer Eve: the Friday between 19 and 25 June
    // Maundy Thursday + 2: not Good Friday, not Easter Monday.
    expect(addWorkingDays(new Date('2026-04-02T09:00:00Z'), 2).toISOString()).toBe('2026-04-08T09:00:00.000Z');
    // Over Christmas: 24, 25 (and the weekend) are off.
    expect(addWorkingDays(new Date('2026-12-23T09:00:00Z'), 2).toISOString()).toBe('2026-12-29T09:00:00.000Z');
  });

  it('skip Saturdays and Sundays in Stockholm', () => {
    expect(addWorkingDays(new Date('2026-03-06T09:00:00Z'), 2).toISOString()).toBe('2026-03-10T09:00:00.000Z');
    expect(addWorkingDays(new Date('2026-03-07T09:00:00Z'), 1).toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(addWorkingDays(new Date('2026-03-02T09:00:00Z'), 10).toISOString()).toBe('2026-03-16T09:00:00.000Z');
    // Friday 23:30 UTC is already Saturday in Stockholm: one working day on is Sunday 23:30 UTC, Monday in Stockholm.
    expect(addWorkingDays(new Date('2026-03-06T23:30:00Z'), 1).toISOString()).toBe('2026-03-08T23:30:00.000Z');
  });
});

describe('the demo messages', () => {
  it('are a hundred, every kind in every state, routed to the process leaders, two hateful ones hidden', async () => {
    const administrations: MessagesDemoInput['administrations'] = [];
    for (const name of ['Bildningsförvaltningen', 'Socialförvaltningen']) {
      const administration = await buildAdministration(db(), { name });
      const leader = await buildUser(db(), {
        roles: [{ role: 'process_leader', administrationId: administration.id }],
        name: `Processledare ${name}`,
      });
      administrations.push({ id: administration.id, leader: { userId: leader.id, name: leader.name } });
    }
    const admin = await signIn(t.app, db(), 'administrator', { name: 'Kim Strateg' });
    // Plans whose actions the messages are linked to: the municipality's, and one administration's.
    const actionLineages: string[] = [];
    for (const place of [{ scope: 'municipality' }, { scope: 'administration', administrationId: administrations[0].id }]) {
      const plan = (
        await admin.agent.post('/api/action-plans', {
          area: 'both',
          name: `Plan ${place.scope}`,
          startYear: 2026,
          endYear: 2027,
          ...place,
        })
      ).json();
      const goal = (await admin.agent.post(`/api/action-plans/${plan.id}/goals`, { title: 'Ett mål' })).json();
      const action = (await admin.agent.post(`/api/plan-goals/${goal.id}/actions`, { title: 'En åtgärd' })).json();
      actionLineages.push(action.lineageId);
    }
    const counts = await db().transaction((tx) =>
      writeMessagesDemo(tx, {
        administrations,
        administrator: { userId: admin.user.id, name: admin.user.name },
        now: t.clock.now(),
        random: seededRandom(7),
      }),
    );
    expect(counts.citizenMessages).toBe(100);
    expect(counts.citizenMessageLinks).toBeGreaterThan(10);
    expect(counts.citizenMessageExamples).toBeGreaterThan(0);
    const rows = await db().select().from(citizenMessages);
    expect(new Set(rows.map((r) => `${r.kind}/${r.status}`)).size).toBe(16);
    expect(rows.filter((r) => r.hateful)).toHaveLength(2);
    expect(rows.filter((r) => r.subject === 'accessibility')).toHaveLength(10);
    expect(rows.every((r) => r.createdAt <= t.clock.now() && (r.closedAt ?? r.createdAt) <= t.clock.now())).toBe(true);
    for (const row of rows.filter((r) => r.administrationId && r.subject !== 'accessibility')) {
      expect(row.assignedUserId).toBe(administrations.find((a) => a.id === row.administrationId)!.leader.userId);
    }
    for (const row of rows.filter((r) => r.subject === 'accessibility')) {
      expect([null, admin.user.id]).toContain(row.assignedUserId);
    }
    // Links only to the plans within the message's reach: the other administration's messages only to the municipality's.
    const links = await db().select().from(citizenMessageActionLinks);
    expect(links).toHaveLength(counts.citizenMessageLinks);
    expect(new Set(links.map((l) => l.actionLineageId))).toEqual(new Set(actionLineages));
    for (const link of links.filter((l) => l.actionLineageId === actionLineages[1])) {
      expect(rows.find((r) => r.id === link.messageId)!.administrationId).toBe(administrations[0].id);
    }
    const examples = (await t.app.inject({ method: 'GET', url: '/api/public/messages/examples' })).json().items;
    expect(examples).toHaveLength(counts.citizenMessageExamples);
    const list = (await admin.agent.get('/api/messages?pageSize=200')).json() as MessageList;
    expect(list.total).toBe(98);
    expect(list.items.some((m) => m.overdue !== null)).toBe(true);
  });
});
