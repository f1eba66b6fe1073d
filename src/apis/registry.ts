import type { ApiName } from '../spec/load.js';
import { dirtylemon } from './dirtylemon/index.js';
import { estoka } from './estoka/index.js';
import { retailops } from './retailops/index.js';
import { sfox } from './sfox/index.js';
import type { ApiModule } from './types.js';

/** Every API ordermock serves, by the name used in URLs (`/dirtylemon/...`) and the admin API. */
export const API_MODULES: Record<ApiName, ApiModule> = { dirtylemon, estoka, sfox, retailops };
