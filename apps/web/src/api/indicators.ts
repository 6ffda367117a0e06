import { useQuery } from '@tanstack/react-query';
import type { Language } from '../format/format';
import { getJson } from './client';
import type { IndicatorDefinition } from './types';

/** `GET /v1/indicators`: every indicator's names (vi, en) and unit, as the API defines them. */
export function useIndicatorDefinitions() {
  return useQuery({
    queryKey: ['indicator-definitions'],
    queryFn: async () => (await getJson<{ indicators: IndicatorDefinition[] }>('/v1/indicators')).indicators,
    staleTime: Infinity,
  });
}

export function indicatorName(definition: IndicatorDefinition | undefined, id: string, language: Language) {
  if (!definition) return id;
  return language === 'vi' ? definition.nameVi : definition.nameEn;
}
