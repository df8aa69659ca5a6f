import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app.js';
import { actorOf, permission, publicAccess } from '../../http/access.js';
import { AppError } from '../../http/errors.js';
import { localeOf, translate } from '../../http/i18n.js';
import { idParams } from '#shared/contracts/common';
import {
  actionMessages,
  actionMessagesQuery,
  exampleBody,
  linkActionBody,
  linkParams,
  linkableActions,
  linkableActionsQuery,
  publicExamples,
  answerBody,
  assignBody,
  hatefulBody,
  messageBody,
  messageDetail,
  messageForm,
  messageList,
  messageListQuery,
  messageReceipt,
  messageStatistics,
  messageStatisticsQuery,
  messageSubjects,
  noteBody,
  receiptCodeBody,
  retentionSettings,
  retentionSettingsBody,
} from '#shared/contracts/messages';
import { getRetentionSettings, updateRetentionSettings } from './retention.js';
import { messageStatistics as statisticsOf, statisticsCsv } from './statistics.js';
import {
  examplesPage,
  formPage,
  problemPage,
  sentPage,
  statusFormPage,
  statusPage,
  type FormErrors,
  type FormValues,
} from './pages.js';
import * as service from './service.js';
import { pageLocale, sendPublicPage } from '../../http/public-page.js';

const tags = ['messages'];

/**
 * Citizens' messages: the public form and receipt (as HTML pages that need no JavaScript, and as
 * JSON under /api/public), and the staff inbox. Nothing about the sender's connection is read
 * here: the rate limiter alone looks at the address, in memory, for its window.
 */
export async function messageRoutes(app: AppInstance) {
  // A plain HTML form posts application/x-www-form-urlencoded; only this feature's routes accept it.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  const limits = app.appContext.config.rateLimits;
  /** One limit for sending, shared by the HTML form and the JSON route: a handful per address in ten minutes. */
  const sendLimiter = app.createRateLimit({ max: Math.max(1, Math.floor(limits.public / 6)), timeWindow: '10 minutes' });
  const lookupLimiter = app.createRateLimit({ max: limits.public, timeWindow: '1 minute' });
  const limited = async (limiter: typeof sendLimiter, request: FastifyRequest) => {
    const result = await limiter(request);
    return !result.isAllowed && result.isExceeded;
  };

  // The form posts back to this server: a browser sends the page's origin with it (checked, as for
  // login) only when the policy allows it for the same origin.
  const html = (reply: FastifyReply, status: number, page: string) => sendPublicPage(reply, status, page, 'no-store');

  // ---- The public pages (no JavaScript needed)
  const page = { config: { access: publicAccess, csrf: 'origin' as const }, schema: { hide: true } };

  app.get('/feedback', page, async (request, reply) => {
    const locale = pageLocale(request);
    const form = await service.messageForm(request.ctx);
    // ?subject=accessibility (the accessibility statement's link) chooses the subject beforehand.
    const asked = (request.query as { subject?: unknown } | undefined)?.subject;
    const subject = messageSubjects.find((s) => s === asked);
    return html(
      reply,
      200,
      formPage(locale, {
        formToken: form.formToken,
        administrations: form.administrations,
        retention: form.retention,
        values: subject ? { subject } : undefined,
      }),
    );
  });

  app.post('/feedback', page, async (request, reply) => {
    const locale = pageLocale(request);
    const t = (key: string, values?: Record<string, string | number>) => translate(locale, key, values);
    if (await limited(sendLimiter, request)) {
      return html(reply, 429, problemPage(locale, t('messages.public.limitedTitle'), t('errors.rate_limited'), '/feedback'));
    }
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
    const values: FormValues = {
      kind: text('kind'),
      subject: text('subject'),
      administrationId: text('administrationId'),
      text: text('text'),
      name: text('name'),
      email: text('email'),
    };
    const again = async (status: number, errors: FormErrors, problem?: string, keepToken?: string) => {
      const form = await service.messageForm(request.ctx);
      return html(
        reply,
        status,
        formPage(locale, {
          formToken: keepToken ?? form.formToken,
          administrations: form.administrations,
          retention: form.retention,
          values,
          errors,
          problem,
        }),
      );
    };
    const parsed = messageBody.safeParse({ ...values, website: text('website'), formToken: text('formToken') ?? '' });
    if (!parsed.success) {
      const errors: FormErrors = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof FormErrors;
        if (field in formFieldErrors) errors[field] ??= t(formFieldErrors[field]);
      }
      return again(400, errors, Object.keys(errors).length === 0 ? t('errors.message_form_invalid') : undefined);
    }
    try {
      const receipt = await service.submitMessage(request.ctx, parsed.data);
      return html(reply, 201, sentPage(locale, receipt));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'message_rejected') {
        return html(
          reply,
          400,
          problemPage(locale, t('messages.public.rejectedTitle'), t('errors.message_rejected'), '/feedback'),
        );
      }
      if (error.code === 'validation_failed') return again(400, { administrationId: t('errors.unknown_administration') });
      // Too soon: the same form may be sent again in a moment, as it is.
      const keep = error.code === 'message_too_fast' ? parsed.data.formToken : undefined;
      return again(400, {}, t(`errors.${error.code}`, error.values), keep);
    }
  });

  app.get('/feedback/examples', page, async (request, reply) =>
    html(reply, 200, examplesPage(pageLocale(request), (await service.publishedExamples(request.ctx)).items)),
  );

  app.get('/feedback/status', page, async (request, reply) => html(reply, 200, statusFormPage(pageLocale(request))));

  app.post('/feedback/status', page, async (request, reply) => {
    const locale = pageLocale(request);
    if (await limited(lookupLimiter, request)) {
      return html(
        reply,
        429,
        problemPage(
          locale,
          translate(locale, 'messages.public.limitedTitle'),
          translate(locale, 'errors.rate_limited'),
          '/feedback/status',
        ),
      );
    }
    const code = String((request.body as { code?: unknown } | undefined)?.code ?? '').slice(0, 64);
    try {
      return html(reply, 200, statusPage(locale, await service.receipt(request.ctx, code)));
    } catch (error) {
      if (error instanceof AppError && error.code === 'message_not_found')
        return html(reply, 404, statusFormPage(locale, { code, error: translate(locale, 'errors.message_not_found') }));
      throw error;
    }
  });

  // ---- The public API
  app.get(
    '/api/public/messages/form',
    {
      schema: {
        tags,
        summary: 'A form token (the time the form was handed out, signed) and the administrations a message may concern',
        response: { 200: messageForm },
      },
      config: { access: publicAccess, rateLimit: { max: limits.public * 5, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.messageForm(request.ctx);
    },
  );

  app.post(
    '/api/public/messages',
    {
      schema: {
        tags,
        summary:
          'Send a message (no login). Leave website empty (a trap for robots) and send formToken from /api/public/messages/form, at least a few seconds old. Rate-limited. Answers the receipt with its code.',
        body: messageBody,
        response: { 201: messageReceipt },
      },
      config: { access: publicAccess, csrf: 'origin' },
    },
    async (request, reply) => {
      if (await limited(sendLimiter, request)) throw new AppError(429, 'rate_limited');
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send(await service.submitMessage(request.ctx, request.body));
    },
  );

  app.post(
    '/api/public/messages/receipt',
    {
      schema: {
        tags,
        summary:
          'A message’s status and answer, by its receipt code (in the body, so that it stays out of addresses and logs); rate-limited',
        body: receiptCodeBody,
        response: { 200: messageReceipt },
      },
      config: { access: publicAccess, csrf: 'origin' },
    },
    async (request, reply) => {
      if (await limited(lookupLimiter, request)) throw new AppError(429, 'rate_limited');
      reply.header('cache-control', 'no-store');
      return service.receipt(request.ctx, request.body.code);
    },
  );

  app.get(
    '/api/public/messages/examples',
    {
      schema: {
        tags,
        summary:
          'Answers published as examples, newest first: the public wording of the question and the answer, the kind and subject; never a name or an email',
        response: { 200: publicExamples },
      },
      config: { access: publicAccess },
    },
    async () => service.publishedExamples(app.appContext),
  );

  // ---- Links to plan actions (registered before /api/messages/:id, though static paths win anyway)
  app.get(
    '/api/messages/linkable-actions',
    {
      schema: {
        tags,
        summary:
          'Actions of draft and adopted plans a message may be linked to, by plan, goal or action name (administrators: every plan; process leaders: the municipality’s and their administrations’)',
        querystring: linkableActionsQuery,
        response: { 200: linkableActions },
      },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.linkableActions(request.ctx, actorOf(request), request.query.q),
  );

  app.get(
    '/api/messages/action-links',
    {
      schema: {
        tags,
        summary:
          'The messages linked to each action of a plan version (through the action’s lineage): the count, and the messages (no text) the reader may read in the inbox',
        querystring: actionMessagesQuery,
        response: { 200: actionMessages },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => service.actionMessages(request.ctx, actorOf(request), request.query.planId),
  );

  // ---- Statistics and retention (registered before /api/messages/:id, though static paths win anyway)
  app.get(
    '/api/messages/statistics',
    {
      schema: {
        tags,
        summary:
          'Counts of messages per kind, subject, status, administration and month (from/to as YYYY-MM), and the share answered within the target; no text. Process leaders: their administration’s.',
        querystring: messageStatisticsQuery,
        response: { 200: messageStatistics },
      },
      config: { access: permission('read', 'citizen_message') },
    },
    async (request) => statisticsOf(request.ctx, actorOf(request), request.query),
  );

  app.get(
    '/api/messages/statistics.csv',
    {
      schema: { tags, summary: 'The statistics as CSV (semicolons): counts only, no text', querystring: messageStatisticsQuery },
      config: { access: permission('read', 'citizen_message') },
    },
    async (request, reply) => {
      const stats = await statisticsOf(request.ctx, actorOf(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="messages-statistics-${stats.from}-${stats.to}.csv"`)
        .header('cache-control', 'no-store')
        .send(statisticsCsv(stats, localeOf(request)));
    },
  );

  app.get(
    '/api/messages/retention',
    {
      schema: {
        tags,
        summary: 'How many days after closing the contact details, and the text with its answer and notes, are kept',
        response: { 200: retentionSettings },
      },
      config: { access: permission('read', 'citizen_message_settings') },
    },
    async (request) => getRetentionSettings(request.ctx, actorOf(request)),
  );

  app.put(
    '/api/messages/retention',
    {
      schema: {
        tags,
        summary: 'Set the retention periods in whole days (the text at least as long as the contact details); audited',
        body: retentionSettingsBody,
        response: { 200: retentionSettings },
      },
      config: { access: permission('update', 'citizen_message_settings') },
    },
    async (request) => updateRetentionSettings(request.ctx, actorOf(request), request.body),
  );

  // ---- The staff inbox
  app.get(
    '/api/messages',
    {
      schema: {
        tags,
        summary:
          'The inbox: messages newest first, filtered; process leaders see their administration’s. Hateful ones only with hateful=true.',
        querystring: messageListQuery,
        response: { 200: messageList },
      },
      config: { access: permission('read', 'citizen_message') },
    },
    async (request) => service.listMessages(request.ctx, actorOf(request), request.query),
  );

  app.get(
    '/api/messages/:id',
    {
      schema: {
        tags,
        summary: 'One message with its notes (the read is audited)',
        params: idParams,
        response: { 200: messageDetail },
      },
      config: { access: permission('read', 'citizen_message') },
    },
    async (request) => service.getMessage(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/messages/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge a new message: it is being handled',
        params: idParams,
        response: { 200: messageDetail },
      },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.acknowledgeMessage(request.ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/api/messages/:id/assignee',
    {
      schema: {
        tags,
        summary: 'Assign the message to an administrator or its administration’s process leader (null: nobody)',
        params: idParams,
        body: assignBody,
        response: { 200: messageDetail },
      },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.assignMessage(request.ctx, actorOf(request), request.params.id, request.body.userId),
  );

  app.post(
    '/api/messages/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add an internal note (never shown to the sender)',
        params: idParams,
        body: noteBody,
        response: { 200: messageDetail },
      },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.addNote(request.ctx, actorOf(request), request.params.id, request.body.text),
  );

  app.post(
    '/api/messages/:id/answer',
    {
      schema: {
        tags,
        summary: 'Answer: shown on the receipt page, and mailed through the outbox when the sender left an email',
        params: idParams,
        body: answerBody,
        response: { 200: messageDetail },
      },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.answerMessage(request.ctx, actorOf(request), request.params.id, request.body.text),
  );

  app.post(
    '/api/messages/:id/close',
    {
      schema: { tags, summary: 'Close the message', params: idParams, response: { 200: messageDetail } },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.closeMessage(request.ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/api/messages/:id/hateful',
    {
      schema: {
        tags,
        summary: 'Mark (or unmark) the message as hateful: hidden from the inbox and never answered',
        params: idParams,
        body: hatefulBody,
        response: { 200: messageDetail },
      },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.markHateful(request.ctx, actorOf(request), request.params.id, request.body.hateful),
  );

  app.post(
    '/api/messages/:id/links',
    {
      schema: {
        tags,
        summary: 'Link the message to an action of a draft or adopted plan (kept through the plan’s versions); audited',
        params: idParams,
        body: linkActionBody,
        response: { 200: messageDetail },
      },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.linkAction(request.ctx, actorOf(request), request.params.id, request.body.actionId),
  );

  app.delete(
    '/api/messages/:id/links/:linkId',
    {
      schema: { tags, summary: 'Remove a link to a plan action; audited', params: linkParams, response: { 200: messageDetail } },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.unlinkAction(request.ctx, actorOf(request), request.params.id, request.params.linkId),
  );

  app.put(
    '/api/messages/:id/example',
    {
      schema: {
        tags,
        summary:
          'Publish the answer among the examples on the public site, in an edited public wording of the question and the answer (no name or email; never a hateful message); again to change the wording',
        params: idParams,
        body: exampleBody,
        response: { 200: messageDetail },
      },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.publishExample(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/messages/:id/example',
    {
      schema: { tags, summary: 'Take the example off the public site', params: idParams, response: { 200: messageDetail } },
      config: { access: permission('update', 'citizen_message') },
    },
    async (request) => service.unpublishExample(request.ctx, actorOf(request), request.params.id),
  );
}

/** The message shown beside each field of the HTML form when its value is missing or wrong. */
const formFieldErrors: Record<keyof FormErrors, string> = {
  kind: 'messages.public.errors.kind',
  subject: 'messages.public.errors.subject',
  administrationId: 'errors.unknown_administration',
  text: 'messages.public.errors.text',
  name: 'messages.public.errors.name',
  email: 'messages.public.errors.email',
};
