import type { ProviderModule } from '../provider-module';
import type { ProviderName } from '../types';
import { altdentifier } from './altdentifier';
import { gofundo } from './gofundo';
import { mijnklantportaal } from './mijnklantportaal';
import { petjeaf } from './petjeaf';

/** The four provider stand-ins by name. */
export const PROVIDER_MODULES: Readonly<Record<ProviderName, ProviderModule>> = {
  petjeaf,
  gofundo,
  mijnklantportaal,
  altdentifier,
};
