// TODO(notice): routes of this area — being written.
import type { FastifyPluginAsync } from 'fastify';
import type { DeliveryContext } from './delivery-routes.ts';

export function noticeRoutes(context: DeliveryContext): FastifyPluginAsync {
  void context;
  return async () => {};
}
