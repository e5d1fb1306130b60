// The back-office API's JSON as these pages read it: the server's view types (src/services/delivery-views.ts).
export type {
  AdminAccountView as AdminAccount, AuditRecord, AuditReport as AuditVerification, ParameterImpact, ParameterSettingView as ParameterSetting,
  ParameterView as Parameter,
} from '../../../../src/services/delivery-views.ts';
