import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { Agent } from '../../../../test/support/agent.js';
import { buildUser, defaultPassword, signIn } from '../../../../test/support/factories.js';

const t = useTestApp();

describe('login and sessions', () => {
  it('logs in, answers me, and logs out ending the session', async () => {
    const user = await buildUser(t.database.db, { roles: [{ role: 'administrator' }] });
    const agent = new Agent(t.app);
    const login = await agent.post('/api/auth/login', { email: user.email.toUpperCase(), password: defaultPassword });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'inkludera_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect((await agent.get('/api/auth/me')).json()).toMatchObject({ email: user.email, roles: [{ role: 'administrator' }] });
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a wrong password with a translated message', async () => {
    const user = await buildUser(t.database.db);
    const agent = new Agent(t.app, { 'accept-language': 'en' });
    const response = await agent.post('/api/auth/login', { email: user.email, password: 'wrong password 123' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong email address or password.' } });
  });

  it('locks the account after five failures in a row, and opens it again later', async () => {
    const user = await buildUser(t.database.db);
    const agent = new Agent(t.app);
    for (let i = 0; i < 5; i++) {
      expect((await agent.post('/api/auth/login', { email: user.email, password: 'nope nope nope' })).statusCode).toBe(401);
    }
    const locked = await agent.post('/api/auth/login', { email: user.email, password: defaultPassword });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    t.clock.advance(16 * 60_000);
    expect((await agent.post('/api/auth/login', { email: user.email, password: defaultPassword })).statusCode).toBe(200);
  });

  it('needs the CSRF token on writes from a session, but not with a bearer token', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'employee');
    const withoutToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: agent.cookieHeader() },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe('csrf_invalid');
  });

  it('refuses a login posted from another origin', async () => {
    const user = await buildUser(t.database.db);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', host: 'localhost' },
      payload: { email: user.email, password: defaultPassword },
    });
    expect(response.statusCode).toBe(403);
  });

  it('changes the password and ends the other sessions', async () => {
    const user = await buildUser(t.database.db);
    const first = new Agent(t.app);
    await first.login(user.email, defaultPassword);
    const second = new Agent(t.app);
    await second.login(user.email, defaultPassword);
    const changed = await first.put('/api/auth/password', { currentPassword: defaultPassword, newPassword: 'a brand new password' });
    expect(changed.statusCode).toBe(200);
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    const again = new Agent(t.app);
    expect((await again.post('/api/auth/login', { email: user.email, password: defaultPassword })).statusCode).toBe(401);
  });
});

describe('first-run setup', () => {
  it('creates the first administrator once, and only once', async () => {
    const agent = new Agent(t.app);
    expect((await agent.get('/api/setup')).json()).toEqual({ needsSetup: true, demoAvailable: true });
    const created = await agent.post('/api/setup', { name: 'Henrik', email: 'henrik@example.se', password: 'a long password' });
    expect(created.statusCode).toBe(200);
    expect(created.json().roles[0].role).toBe('administrator');
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    const second = await new Agent(t.app).post('/api/setup', { name: 'X', email: 'x@example.se', password: 'a long password' });
    expect(second.statusCode).toBe(409);
    expect((await new Agent(t.app).get('/api/setup')).json()).toEqual({ needsSetup: false, demoAvailable: false });
  });
});

describe('a burst of logins from one address', () => {
  const limited = useTestApp({ config: { rateLimits: { login: 3, public: 60 } } });

  it('gets 429 with a translated message, while another address may still log in', async () => {
    const user = await buildUser(limited.database.db);
    const attempt = (address: string, password = 'wrong password 1') =>
      limited.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: address, payload: { email: user.email, password } });
    for (let i = 0; i < 3; i++) expect((await attempt('10.0.0.1')).statusCode).toBe(401);
    const refused = await attempt('10.0.0.1', defaultPassword);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: 'För många förfrågningar. Vänta en stund och försök igen.' } });
    expect((await attempt('10.0.0.2', defaultPassword)).statusCode).toBe(200);
  });
});
