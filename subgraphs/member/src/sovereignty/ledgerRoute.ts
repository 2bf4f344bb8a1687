import { bearerToken, type ServiceAppOptions, type ServiceTokenVerifier } from '@clustergraph/runtime';
import { DATA_CATEGORIES, type DataCategoryName } from '../db/sovereignty.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { UsageLedger } from './usageLedger.ts';
import { ledgerCsv, readDataUsage } from './ledgerQueries.ts';

type ExpressApp = Parameters<NonNullable<ServiceAppOptions<never>['configure']>>[0];

function instant(value: unknown): Date | null | 'invalid' {
  if (value === undefined || value === '') return null;
  const date = typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : 'invalid';
}

/**
 * GET /ledger.csv?from&to&readerId&category — the owner's usage ledger as CSV, for the
 * owner's own users, with the gateway-signed token like any other request (through the
 * gateway, the same CSV is Member.dataUsageCsv).
 */
export function mountLedgerCsvRoute(
  app: ExpressApp,
  deps: { memberId: string; verifier: ServiceTokenVerifier; db: MemberDatabase; ledger: UsageLedger },
): void {
  app.get('/ledger.csv', async (req, res) => {
    const auth = await deps.verifier.verify(bearerToken(req.headers.authorization));
    if (!auth) {
      res.status(401).json({ error: 'a valid gateway token is required' });
      return;
    }
    if (auth.viewer?.memberId !== deps.memberId) {
      res.status(403).json({ error: `the ledger is for ${deps.memberId}'s own users only` });
      return;
    }
    const from = instant(req.query['from']);
    const to = instant(req.query['to']);
    const readerId = typeof req.query['readerId'] === 'string' && req.query['readerId'] !== '' ? req.query['readerId'] : null;
    const categoryParam = typeof req.query['category'] === 'string' && req.query['category'] !== '' ? req.query['category'] : null;
    if (from === 'invalid' || to === 'invalid' || (categoryParam && !(DATA_CATEGORIES as readonly string[]).includes(categoryParam))) {
      res.status(400).json({ error: 'from/to must be ISO instants; category one of ' + DATA_CATEGORIES.join(', ') });
      return;
    }
    await deps.ledger.flush();
    const rows = await readDataUsage(deps.db, { from, to, readerId, category: categoryParam as DataCategoryName | null });
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${deps.memberId}-data-usage.csv"`);
    res.send(ledgerCsv(rows));
  });
}
