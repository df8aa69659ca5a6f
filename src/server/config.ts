import path from 'node:path';
import { z } from 'zod';

/** Every environment variable Inkludera reads. Each one is documented in README.md. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Inkludera <noreply@localhost>'),
  INKLUDERA_ADMIN_EMAIL: z.string().email().optional(),
  INKLUDERA_ADMIN_PASSWORD: z.string().min(12).optional(),
  INKLUDERA_DEMO: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  COOKIE_SECURE: z
    .enum(['true', 'false', 'auto'])
    .default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  /** undefined: every address, IPv6 and IPv4 where the machine has both. */
  host: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  sessionDays: number;
  /** Load the demo municipality at start-up when the database is empty. */
  demo: boolean;
  trustProxy: boolean;
  cookieSecure: boolean | 'auto';
  logLevel: string;
  /** Where the built web app is; absent in API-only tests. */
  webRoot: string | undefined;
  /** Login throttling: failed attempts before the account is locked, and for how long. */
  lockout: { maxFailures: number; minutes: number };
  /** Per-address limits for login and the public endpoints (requests per minute). */
  rateLimits: { login: number; public: number };
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO=) means unset, as in most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.INKLUDERA_ADMIN_EMAIL === undefined) !== (e.INKLUDERA_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Set both INKLUDERA_ADMIN_EMAIL and INKLUDERA_ADMIN_PASSWORD, or neither.');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    adminEmail: e.INKLUDERA_ADMIN_EMAIL,
    adminPassword: e.INKLUDERA_ADMIN_PASSWORD,
    sessionDays: e.SESSION_DAYS,
    demo: e.INKLUDERA_DEMO,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    logLevel: e.LOG_LEVEL,
    webRoot: path.resolve('dist/web'),
    lockout: { maxFailures: 5, minutes: 15 },
    rateLimits: { login: 30, public: 60 },
  };
}
