// The entitlement API's JSON (免申即享), the server's own view types.
export type {
  CaseOrigin, EntitlementDetail, EntitlementStatus, EntitlementView as Entitlement, InboxMessageView as InboxMessage,
} from '../../../../src/services/entitlement-views.ts';
