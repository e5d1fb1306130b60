// The colours of the pace statuses and the ledger figures, shared by the charts, the status bars and
// the tags' legend (kept apart from Chart.tsx so that pages without a chart do not load ECharts).
export const CHART_COLORS = {
  met: '#52c41a', 'on-track': '#1677ff', 'at-risk': '#faad14', behind: '#f5222d', 'no-report': '#bfbfbf',
  planned: '#d9d9d9', allocated: '#91caff', reserved: '#faad14', paid: '#b0131d',
} as const;
