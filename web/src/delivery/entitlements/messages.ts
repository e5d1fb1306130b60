// Words of the 免申即享 pages (entitlements, the inbox), zh-CN first and en-US; kept apart from the shared
// delivery dictionary so that these pages can grow without touching it.
import { useI18n } from '../../i18n.ts';

const ZH = {
  'ent.section': '待确认（免申即享）',
  'ent.sectionHint': '以下奖励由主管部门根据认定名单直接兑现，无需申报：核对金额与依据，确认收款账户并作出信用承诺即可。',
  'ent.none': '暂无待确认的免申即享奖励',
  'ent.inbox': '消息',
  'ent.unread': '{n} 条未读',
  'ent.open': '去确认',
  'ent.title': '免申即享确认',
  'ent.amount': '奖励金额',
  'ent.why': '依据（逐条）',
  'ent.evidence': '名单依据',
  'ent.origin': '免申即享 · 名单导入 {file} {date}',
  'ent.importedBy': '导入人',
  'ent.bankName': '开户行',
  'ent.bankAccount': '收款账号',
  'ent.email': '联系邮箱（可选，用于接收通知）',
  'ent.pledge': '信用承诺',
  'ent.pledgeAccept': '本单位已阅读并作出上述信用承诺',
  'ent.pledgeRequired': '请勾选信用承诺',
  'ent.confirm': '确认领取',
  'ent.confirmed': '已确认，已生成申报件并提交审核',
  'ent.decline': '放弃',
  'ent.declineReason': '放弃理由',
  'ent.declined': '已放弃',
  'ent.case': '查看申报件',
  'ent.status.offered': '待确认',
  'ent.status.confirmed': '已确认',
  'ent.status.declined': '已放弃',
  'ent.status.lapsed': '已失效',
  'ent.reason': '说明',
  'inbox.title': '消息中心',
  'inbox.none': '暂无消息',
  'inbox.read': '标为已读',
  'inbox.open': '查看',
  'inbox.kind.entitlement': '免申即享',
  'inbox.kind.newly-eligible': '新可申报',
  'rev.title': '免申即享名单',
  'rev.intro': '名单导入后系统自动向名单企业推送的奖励及其确认情况。',
  'rev.import': '名单导入',
  'rev.all': '全部',
  'rev.enterprise': '企业',
  'rev.case': '申报件',
  'rev.count': '共 {n} 条',
} as const;

export type EntitlementKey = keyof typeof ZH;

const EN: Record<EntitlementKey, string> = {
  'ent.section': 'To confirm (no application needed)',
  'ent.sectionHint': 'The department pays these awards from its official list, no application needed: check the amount and why, confirm the bank account and give the credit pledge.',
  'ent.none': 'No award waiting for your confirmation',
  'ent.inbox': 'Messages',
  'ent.unread': '{n} unread',
  'ent.open': 'Confirm',
  'ent.title': 'Confirm an award (no application needed)',
  'ent.amount': 'Amount',
  'ent.why': 'Why, clause by clause',
  'ent.evidence': 'From the official list',
  'ent.origin': 'No application needed · list import {file} {date}',
  'ent.importedBy': 'Imported by',
  'ent.bankName': 'Bank',
  'ent.bankAccount': 'Account number',
  'ent.email': 'Contact e-mail (optional, for notices)',
  'ent.pledge': 'Credit pledge',
  'ent.pledgeAccept': 'We have read and give the credit pledge above',
  'ent.pledgeRequired': 'Tick the credit pledge',
  'ent.confirm': 'Confirm',
  'ent.confirmed': 'Confirmed: the application is created and submitted for review',
  'ent.decline': 'Decline',
  'ent.declineReason': 'Why do you decline?',
  'ent.declined': 'Declined',
  'ent.case': 'Open the application',
  'ent.status.offered': 'To confirm',
  'ent.status.confirmed': 'Confirmed',
  'ent.status.declined': 'Declined',
  'ent.status.lapsed': 'Lapsed',
  'ent.reason': 'Note',
  'inbox.title': 'Messages',
  'inbox.none': 'No messages',
  'inbox.read': 'Mark read',
  'inbox.open': 'Open',
  'inbox.kind.entitlement': 'No application needed',
  'inbox.kind.newly-eligible': 'Newly open',
  'rev.title': 'Awards offered from lists',
  'rev.intro': 'The awards offered to listed enterprises after a list import, and whether they confirmed.',
  'rev.import': 'List import',
  'rev.all': 'All',
  'rev.enterprise': 'Enterprise',
  'rev.case': 'Application',
  'rev.count': '{n} in all',
};

export type Et = (key: EntitlementKey, vars?: Record<string, string | number>) => string;

export function useEt(): Et {
  const { lang } = useI18n();
  return (key, vars) => {
    const message: string = lang === 'en-US' ? EN[key] : ZH[key];
    return vars ? message.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : message;
  };
}
