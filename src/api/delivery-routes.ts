// The delivery routes (兑现): each area in its own file; all of them need the database and sessions.
import type { FastifyInstance } from 'fastify';
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import type { Calculator } from '../services/evaluation.ts';
import { accountRoutes } from './account-routes.ts';
import { applicationRoutes } from './application-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { beneficiaryRoutes } from './beneficiary-routes.ts';
import { budgetRoutes } from './budget-routes.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { demoRoutes } from './demo-routes.ts';
import { entitlementRoutes } from './entitlement-routes.ts';
import { importRoutes } from './import-routes.ts';
import { noticeRoutes } from './notice-routes.ts';
import { parameterRoutes } from './parameter-routes.ts';
import { payoutRoutes } from './payout-routes.ts';
import { simulationRoutes } from './simulation-routes.ts';
import { editionRoutes } from './edition-routes.ts';
import { targetRoutes } from './target-routes.ts';

export interface DeliveryContext {
  db: Db;
  pack: Pack;
  calculator: Calculator;
  /** Where evidence files are kept; outside every served folder. */
  evidenceDir?: string;
  /** Demo mode (ZHIDA_DEMO is not 0): adds the demo routes (demo-routes.ts). */
  demo?: boolean;
  /** Sends the mail outbox (after a commit that wrote to it); absent: no e-mail configured. */
  flushMail?: () => Promise<void>;
}

export async function deliveryRoutes(app: FastifyInstance, context: DeliveryContext): Promise<void> {
  const prefix = '/api/v1';
  await app.register(authRoutes(context), { prefix });
  await app.register(accountRoutes(context), { prefix });
  await app.register(beneficiaryRoutes(context), { prefix });
  await app.register(applicationRoutes(context), { prefix });
  await app.register(budgetRoutes(context), { prefix });
  await app.register(payoutRoutes(context), { prefix });
  await app.register(noticeRoutes(context), { prefix });
  await app.register(parameterRoutes(context), { prefix });
  await app.register(auditRoutes(context), { prefix });
  await app.register(targetRoutes(context), { prefix });
  await app.register(dashboardRoutes(context), { prefix });
  await app.register(importRoutes(context), { prefix });
  await app.register(entitlementRoutes(context), { prefix });
  await app.register(simulationRoutes(context), { prefix });
  await app.register(editionRoutes(context), { prefix });
  if (context.demo) await app.register(demoRoutes(context), { prefix });
}
