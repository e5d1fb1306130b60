// PLACEHOLDER written by helper WEB so the routes compile: helper PARAMS replaces this file with the real
// ParameterEditorPage, AuditLogPage and AccountsPage (same export names).
import { createElement } from 'react';

const placeholder = (title: string, testId: string) => function Placeholder() {
  return createElement('div', { 'data-testid': testId }, createElement('h1', { className: 'page-title' }, title));
};

export const ParameterEditorPage = placeholder('参数设置 Parameters', 'parameters-page');
export const AuditLogPage = placeholder('审计日志 Audit log', 'audit-page');
export const AccountsPage = placeholder('账号管理 Accounts', 'accounts-page');
