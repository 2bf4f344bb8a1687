import type { Catalogues } from '@clustergraph/i18n';
import allocationsEn from './locales/en/allocations.json' with { type: 'json' };
import allocationsKo from './locales/ko/allocations.json' with { type: 'json' };
import capacityEn from './locales/en/capacity.json' with { type: 'json' };
import capacityKo from './locales/ko/capacity.json' with { type: 'json' };
import commonEn from './locales/en/common.json' with { type: 'json' };
import commonKo from './locales/ko/common.json' with { type: 'json' };
import joiningEn from './locales/en/joining.json' with { type: 'json' };
import joiningKo from './locales/ko/joining.json' with { type: 'json' };
import linesEn from './locales/en/lines.json' with { type: 'json' };
import linesKo from './locales/ko/lines.json' with { type: 'json' };
import loginEn from './locales/en/login.json' with { type: 'json' };
import loginKo from './locales/ko/login.json' with { type: 'json' };
import membersEn from './locales/en/members.json' with { type: 'json' };
import membersKo from './locales/ko/members.json' with { type: 'json' };
import ordersEn from './locales/en/orders.json' with { type: 'json' };
import ordersKo from './locales/ko/orders.json' with { type: 'json' };
import sharingEn from './locales/en/sharing.json' with { type: 'json' };
import sharingKo from './locales/ko/sharing.json' with { type: 'json' };
import spreadsheetsEn from './locales/en/spreadsheets.json' with { type: 'json' };
import spreadsheetsKo from './locales/ko/spreadsheets.json' with { type: 'json' };
import watchEn from './locales/en/watch.json' with { type: 'json' };
import watchKo from './locales/ko/watch.json' with { type: 'json' };

/**
 * The CLI's catalogues, bundled into the one-file binary. One namespace per area, each a pair of
 * files `locales/{ko,en}/<namespace>.json`; a new command adds its pair and one line per language
 * here (keep the lists sorted, so that parallel additions merge cleanly).
 */
export const CLI_CATALOGUES: Catalogues = {
  ko: {
    allocations: allocationsKo,
    capacity: capacityKo,
    common: commonKo,
    joining: joiningKo,
    lines: linesKo,
    login: loginKo,
    members: membersKo,
    orders: ordersKo,
    sharing: sharingKo,
    spreadsheets: spreadsheetsKo,
    watch: watchKo,
  },
  en: {
    allocations: allocationsEn,
    capacity: capacityEn,
    common: commonEn,
    joining: joiningEn,
    lines: linesEn,
    login: loginEn,
    members: membersEn,
    orders: ordersEn,
    sharing: sharingEn,
    spreadsheets: spreadsheetsEn,
    watch: watchEn,
  },
};
