// The parameters of the provisions and tax preferences (labels, values as text), from the policy
// API: what the calculator names when an amount is left to implementing rules or a step reads one.
// Loaded once by the result panel and handed down through a context.
import { createContext, useContext, useMemo } from 'react';
import type { ParameterView, ProvisionView, TaxPreferenceView } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';

export function useLoadParameters(): Map<string, ParameterView> {
  const provisions = useApi<ProvisionView[]>('/provisions');
  const tax = useApi<TaxPreferenceView[]>('/tax-preferences');
  return useMemo(() => {
    const map = new Map<string, ParameterView>();
    for (const item of [...(provisions.data ?? []), ...(tax.data ?? [])]) for (const p of item.parameters) map.set(p.id, p);
    return map;
  }, [provisions.data, tax.data]);
}

export const ParametersContext = createContext<Map<string, ParameterView>>(new Map());

export const useParameterLabels = (): Map<string, ParameterView> => useContext(ParametersContext);
