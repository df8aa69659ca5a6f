import compress from '@fastify/compress';
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../app.js';
import { actorOf, permission, publicAccess } from '../../http/access.js';
import { AppError } from '../../http/errors.js';
import { translate } from '../../http/i18n.js';
import { pageLocale, sendPublicPage } from '../../http/public-page.js';
import { idParams } from '#shared/contracts/common';
import {
  publicPlan as publicPlanSchema,
  publicPlanList,
  publicSiteContent,
  publicSiteSettings,
  publicSiteSettingsBody,
} from '#shared/contracts/public-site';
import { publicActivities } from '../activities/service.js';
import { publicRegister, verifyUnitCertificate } from '../certification/service.js';
import { publicPlan, publicPlans } from '../plans/public.js';
import {
  accessibilityPage,
  activitiesPage,
  certificatesPage,
  contactsPage,
  notFoundPage,
  planPage,
  plansPage,
  startPage,
  type CodeCheck,
} from './pages.js';
import * as service from './service.js';

const tags = ['public-site'];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The public site (issue 7, item 1): server-rendered pages under /public that anyone reads without
 * logging in and without JavaScript, in Swedish and English; the same content as JSON under
 * /api/public; and the administrator's settings. The pages are compressed (this plugin's routes
 * only) and may be cached for a minute; they vary with the language the browser asks for.
 */
export async function publicSiteRoutes(app: AppInstance) {
  await app.register(compress, { globalDecompression: false, encodings: ['br', 'gzip'] });

  const limits = app.appContext.config.rateLimits;
  /** The certificate check looks a code up: as limited as the API's check by code. */
  const lookupLimiter = app.createRateLimit({ max: limits.public, timeWindow: '1 minute' });
  const jsonLimit = { max: limits.public * 5, timeWindow: '1 minute' };

  const html = (reply: FastifyReply, status: number, page: string, cache = 'public, max-age=60') =>
    sendPublicPage(reply, status, page, cache);

  const page = { config: { access: publicAccess }, schema: { hide: true } };

  app.get('/public', page, async (request, reply) => {
    const ctx = request.ctx;
    const data = await service.startPageData(ctx, async () => {
      const [settings, activities, plans, register] = await Promise.all([
        service.siteSettings(ctx),
        publicActivities(ctx, {}),
        publicPlans(ctx),
        publicRegister(ctx),
      ]);
      return { settings, activities: activities.items, plans, register };
    });
    return html(reply, 200, startPage(pageLocale(request), data));
  });

  app.get('/public/activities', page, async (request, reply) =>
    html(reply, 200, activitiesPage(pageLocale(request), await publicActivities(request.ctx, {}))),
  );

  app.get('/public/plans', page, async (request, reply) =>
    html(reply, 200, plansPage(pageLocale(request), await publicPlans(request.ctx))),
  );

  app.get('/public/plans/:id', page, async (request, reply) => {
    const locale = pageLocale(request);
    const { id } = request.params as { id: string };
    const path = `/public/plans/${encodeURIComponent(id)}`;
    if (!uuidPattern.test(id)) return html(reply, 404, notFoundPage(locale, path), 'no-store');
    try {
      return html(reply, 200, planPage(locale, await publicPlan(request.ctx, id)));
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 404) return html(reply, 404, notFoundPage(locale, path), 'no-store');
      throw error;
    }
  });

  app.get('/public/certificates', page, async (request, reply) => {
    const locale = pageLocale(request);
    const raw = (request.query as { code?: unknown }).code;
    const code = typeof raw === 'string' ? raw.trim().slice(0, 64) : '';
    let check: CodeCheck = { kind: 'none' };
    let status = 200;
    if (code) {
      const result = await lookupLimiter(request);
      if (!result.isAllowed && result.isExceeded) {
        check = { kind: 'error', code, message: translate(locale, 'errors.rate_limited') };
        status = 429;
      } else {
        try {
          check = { kind: 'found', code, result: await verifyUnitCertificate(request.ctx, code) };
        } catch (error) {
          if (!(error instanceof AppError && error.statusCode === 404)) throw error;
          check = { kind: 'error', code, message: translate(locale, 'publicSite.certificates.notFound') };
        }
      }
    }
    const register = await publicRegister(request.ctx);
    // A page with a code on it is never kept by a cache: the code is the visitor's business.
    return html(reply, status, certificatesPage(locale, register, check), code ? 'no-store' : undefined);
  });

  app.get('/public/contacts', page, async (request, reply) =>
    html(reply, 200, contactsPage(pageLocale(request), await service.siteSettings(request.ctx))),
  );

  app.get('/public/accessibility', page, async (request, reply) =>
    html(reply, 200, accessibilityPage(pageLocale(request), await service.siteSettings(request.ctx))),
  );

  // A path under /public that is none of the pages: the site's own 404 page, in the shell.
  app.get('/public/*', page, async (request, reply) =>
    html(reply, 404, notFoundPage(pageLocale(request), '/public'), 'no-store'),
  );

  // ---- The same content as JSON, for other front ends (no login, rate limited)
  app.get(
    '/api/public/site',
    {
      schema: {
        tags,
        summary: 'The public site’s texts (Swedish and English), accessibility statement and contact persons; no login',
        response: { 200: publicSiteContent },
      },
      config: { access: publicAccess, rateLimit: jsonLimit },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return service.publicContent(request.ctx);
    },
  );

  app.get(
    '/api/public/plans',
    {
      schema: {
        tags,
        summary: 'The adopted action plans marked public (id: the plan’s series, stable across versions); no login',
        response: { 200: publicPlanList },
      },
      config: { access: publicAccess, rateLimit: jsonLimit },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return { items: await publicPlans(request.ctx) };
    },
  );

  app.get(
    '/api/public/plans/:id',
    {
      schema: {
        tags,
        summary: 'A public plan’s adopted version: goals, actions (no responsible person) and indicators; 404 otherwise',
        params: idParams,
        response: { 200: publicPlanSchema },
      },
      config: { access: publicAccess, rateLimit: jsonLimit },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return publicPlan(request.ctx, request.params.id);
    },
  );

  // ---- The administrator's settings
  app.get(
    '/api/public-site/settings',
    {
      schema: {
        tags,
        summary: 'The public site’s texts, accessibility statement and contact persons (administrators)',
        response: { 200: publicSiteSettings },
      },
      config: { access: permission('read', 'public_site') },
    },
    async (request) => service.getSettings(request.ctx, actorOf(request)),
  );

  app.put(
    '/api/public-site/settings',
    {
      schema: {
        tags,
        summary:
          'Save the texts (Swedish and English), the accessibility statement and the contact persons in their order; audited',
        body: publicSiteSettingsBody,
        response: { 200: publicSiteSettings },
      },
      config: { access: permission('update', 'public_site') },
    },
    async (request) => service.updateSettings(request.ctx, actorOf(request), request.body),
  );
}
