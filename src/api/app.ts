// The HTTP application: built here, listened elsewhere, so tests call app.inject() with no socket.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Pack } from '../core/pack.ts';
import type { ProvisionRule } from '../core/engine/engine.ts';
import { loadRules } from '../pack/rules.ts';
import { Calculator } from '../services/evaluation.ts';
import { evaluateRoutes } from './evaluate-routes.ts';
import { effectiveCalculator } from '../services/parameter-settings.ts';
import { PolicyLibrary } from '../services/policy-library.ts';
import type { ErrorBody } from './errors.ts';
import { ApiError, fromLedgerError, fromServiceError } from './errors.ts';
import fastifyCookie from '@fastify/cookie';
import type { Db } from '../store/database.ts';
import { ServiceError } from '../services/errors.ts';
import { LedgerError } from '../services/ledger.ts';
import { installAuth } from './auth-plugin.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import { policyRoutes } from './policy-routes.ts';

export interface AppOptions {
  pack: Pack;
  /** The pack's executable rules; loaded from the pack when absent. */
  rules?: readonly ProvisionRule[];
  /** Built web app to serve at /, with index.html for client-side routes. */
  webDir?: string;
  logger?: boolean;
  /** The migrated database: with it, the delivery routes (accounts, applications, budget, payout, notices). */
  db?: Db;
  /** Where evidence files are kept (outside every served folder); default <data dir>/evidence. */
  evidenceDir?: string;
  /** Demo mode: the demo-only routes (demo-routes.ts). */
  demo?: boolean;
  /**
   * E-mail (ZHIDA_SMTP_URL): sends the outbox, called after an import commits (mail.ts outboxFlusher). The
   * server's retry timer calls the same one, so two deliveries never run at once and send a message twice.
   */
  flushMail?: () => Promise<void>;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false, bodyLimit: 1024 * 1024,
    // The router's own refusals (a bad %-escape, a path parameter over its length) in the one error shape.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(error.statusCode ?? 400).send({ error: { code: 'invalid_request', message: error.message } } satisfies ErrorBody);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send(error.body());
    if (error instanceof ServiceError) {
      const apiError = fromServiceError(error);
      return reply.code(apiError.status).send(apiError.body());
    }
    if (error instanceof LedgerError) {
      const apiError = fromLedgerError(error);
      return reply.code(apiError.status).send(apiError.body());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'request'}${v.instancePath && v.instancePath !== '/' ? v.instancePath.replace(/\//g, '.') : ''}`,
        message: v.message ?? 'invalid',
      }));
      return reply.code(400).send({ error: { code: 'invalid_request', message: `invalid ${error.validationContext ?? 'request'}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details } } satisfies ErrorBody);
    }
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : status === 404 ? 'not_found' : 'invalid_request';
      const message = status === 415 ? `${(error as Error).message} ${request.headers['content-type'] ?? '(none)'}: send application/json (multipart/form-data for file uploads)` : (error as Error).message;
      return reply.code(status).send({ error: { code, message } } satisfies ErrorBody);
    }
    request.log.error(error);
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error' } } satisfies ErrorBody);
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Zhida API', description: 'Zhida (直达): policy library and delivery of 杭高新〔2025〕3号', version: '0.1.0' },
      tags: [
        { name: 'policy', description: 'The policy library (read-only, public)' },
        { name: 'calculator', description: 'The policy calculator: which provisions fit a beneficiary, how much, and why' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const library = new PolicyLibrary(options.pack);
  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true, edition: options.pack.meta.edition }));
  await app.register(policyRoutes(library), { prefix: '/api/v1/policy' });
  const calculator = new Calculator(options.pack, options.rules ?? (await loadRules(options.pack)));
  const db = options.db;
  // With a database, the calculator sees the parameter values the policy office has set (parameter_settings).
  await app.register(evaluateRoutes(db ? () => effectiveCalculator(db, calculator) : calculator), { prefix: '/api/v1' });
  if (options.db) {
    await app.register(fastifyCookie);
    installAuth(app, options.db);
    await deliveryRoutes(app, { db: options.db, pack: options.pack, calculator, evidenceDir: options.evidenceDir, demo: options.demo, flushMail: options.flushMail });
  }

  const webDir = options.webDir;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/docs')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
    });
  } else {
    app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }));
  }
  return app;
}
