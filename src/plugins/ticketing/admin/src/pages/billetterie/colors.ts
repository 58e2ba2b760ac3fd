import { useTheme } from 'styled-components';
import type { SaleStatus } from './model';

/**
 * The timeline's colours, from the admin's theme (light or dark): one per status, and distinct
 * ones for the « now » line, the chosen-instant line and the selection outline.
 */
export interface TimelineColors {
  status: Record<SaleStatus, string>;
  now: string;
  at: string;
  selection: string;
  changed: string;
  text: string;
  muted: string;
  border: string;
  rowBorder: string;
  headerBackground: string;
  selectedBackground: string;
  changedBackground: string;
  background: string;
}

type Palette = Record<string, string>;

export function useTimelineColors(): TimelineColors {
  // The design system's theme (DefaultTheme) has every token; read as a plain palette with fallbacks.
  const c = (useTheme()?.colors ?? {}) as unknown as Palette;
  const pick = (key: string, fallback: string) => c[key] ?? fallback;
  return {
    status: {
      ON_SALE: pick('success500', '#5cb176'),
      SOON_ON_SALE: pick('secondary500', '#0c75af'),
      TEMPORARILY_UNAVAILABLE: pick('warning500', '#f29d41'),
      SALES_ENDED: pick('neutral400', '#a5a5ba'),
      NOT_ON_SALE: pick('danger500', '#ee5e52'),
      // Deep violet in the light theme, pale in the dark one: never the chosen-instant line's violet.
      SOLD_OUT: pick('alternative700', '#8312d1'),
    },
    now: pick('neutral800', '#32324d'),
    // alternative500: the dark theme gives alternative600 the same value.
    at: pick('alternative500', '#ac73e6'),
    selection: pick('primary600', '#4945ff'),
    changed: pick('warning700', '#be5d01'),
    text: pick('neutral800', '#32324d'),
    muted: pick('neutral500', '#8e8ea9'),
    border: pick('neutral200', '#dcdce4'),
    rowBorder: pick('neutral150', '#eaeaef'),
    headerBackground: pick('neutral100', '#f6f6f9'),
    selectedBackground: pick('primary100', '#f0f0ff'),
    changedBackground: pick('warning100', '#fdf4dc'),
    background: pick('neutral0', '#ffffff'),
  };
}
