// The back-office pages: the policy office's parameter editor, the auditor's log and the administrator's accounts.
export { ParameterEditorPage } from './ParameterEditorPage.tsx';
export { AuditLogPage } from './AuditLogPage.tsx';
export { AccountsPage } from './AccountsPage.tsx';
