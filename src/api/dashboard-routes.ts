// The leadership dashboard (领导驾驶舱): one summary as of a date, and the same as a workbook for the monthly
// report. Signed-in readers of targets only (leader, departments, policy, finance, audit, admin).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { articleProgress, dashboard } from '../services/dashboard.ts';
import { dashboardXlsx } from '../services/dashboard-xlsx.ts';
import { XLSX_MEDIA_TYPE } from '../services/payout-files.ts';
import { requireTargetReader } from '../services/targets.ts';
import { requireActor } from './auth-plugin.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';
import { TargetViewBody } from './target-routes.ts';

const tags = ['dashboard'];
const Yuan = z.number().int();
const Figures = { planned: Yuan, allocated: Yuan, reserved: Yuan, paid: Yuan };
const Query = z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional() });
const DashboardBody = z.object({
  asOf: z.string(),
  yearElapsed: z.number(),
  domains: z.array(z.object({
    id: z.string(), name: z.object({ zh: z.string(), en: z.string() }), lead: z.string(),
    targets: z.object({ met: z.number().int(), 'on-track': z.number().int(), 'at-risk': z.number().int(), behind: z.number().int(), 'no-report': z.number().int() }),
    budget: z.object({ lineId: z.string(), ...Figures }).nullable(),
    awardsPaid: z.object({ count: z.number().int(), amount: Yuan }),
  })),
  budgetLines: z.array(z.object({ id: z.string(), label: z.string(), ...Figures })),
  awardsByDepartment: z.array(z.object({ department: z.string(), count: z.number().int(), amount: Yuan })),
  lagging: z.array(TargetViewBody),
});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const readers = async (request: FastifyRequest) => {
  requireTargetReader(requireActor(request));
};

export function dashboardRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.get('/dashboard', {
      preValidation: readers,
      schema: { tags, summary: 'The 7 domains: targets by pace, budget execution, awards paid; budget lines; awards by department; lagging targets', querystring: Query, response: { 200: DashboardBody, ...errors } },
    }, async (request) => dashboard(db, pack, requireActor(request), request.query.asOf));

    app.get('/dashboard/articles/:id', {
      preValidation: readers,
      schema: {
        tags, summary: 'An article (A06) or a domain heading (d2): its text, targets with pace, provisions and their cases in aggregate',
        params: z.object({ id: z.string().min(1).max(4) }), querystring: Query,
        response: {
          200: z.object({
            id: z.string(), title: z.string(), text: z.string(), domain: z.string(), responsible: z.array(z.string()), targets: z.array(TargetViewBody),
            provisions: z.array(z.object({
              id: z.string(), catalogue: z.string(), title: z.object({ zh: z.string(), en: z.string() }), department: z.string(),
              cases: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()), paid: z.object({ count: z.number().int(), amount: Yuan }) }),
            })),
          }),
          ...errors, 404: ErrorBody,
        },
      },
    }, async (request) => articleProgress(db, pack, requireActor(request), request.params.id, request.query.asOf));

    app.get('/dashboard.xlsx', {
      preValidation: readers,
      schema: { tags, summary: 'The dashboard as a workbook: 领域概览, 目标进度, 预算执行, 兑现情况', querystring: Query, response: { 200: z.any().describe('XLSX workbook'), ...errors } },
    }, async (request, reply) => {
      const { asOf, bytes } = await dashboardXlsx(db, pack, requireActor(request), request.query.asOf);
      return reply.header('content-type', XLSX_MEDIA_TYPE).header('content-disposition', `attachment; filename="dashboard-${asOf}.xlsx"`).send(bytes);
    });
  };
}
