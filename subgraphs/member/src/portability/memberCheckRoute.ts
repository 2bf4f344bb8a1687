import { sql } from 'drizzle-orm';
import { graphql, type GraphQLSchema } from 'graphql';
import type { Logger, ServiceAppOptions } from '@clustergraph/runtime';
import type { MemberDatabase } from '../db/database.ts';
import { queryRows } from './sqlRows.ts';
import { readTransferStatus } from './transferState.ts';

type ExpressApp = Parameters<NonNullable<ServiceAppOptions<never>['configure']>>[0];

/** Beside `/graphql`: the member server at `…/graphql` answers its check at `…/member-check`. */
export const MEMBER_CHECK_PATH = '/member-check';

const sdlOf = new WeakMap<GraphQLSchema, Promise<string>>();

/** What `{ _service { sdl } }` answers on this server: the same schema object, asked the same way. */
function serviceSdl(schema: GraphQLSchema): Promise<string> {
  let sdl = sdlOf.get(schema);
  if (!sdl) {
    sdl = graphql({ schema, source: '{ _service { sdl } }' }).then((result) => {
      const value = (result.data?.['_service'] as { sdl?: unknown } | undefined)?.sdl;
      if (typeof value !== 'string') throw new Error('the schema serves no _service { sdl }');
      return value;
    });
    sdlOf.set(schema, sdl);
  }
  return sdl;
}

/**
 * GET /member-check — what the cluster registry checks before it routes a firm to this server
 * (approving a SELF_HOSTED application, switching an endpoint after a move): which firm this
 * server is for (its MEMBER_ID), the SDL its `_service { sdl }` serves, and where it stands in a
 * move (SERVING, MOVING, MOVED) with its last line-event seq. No token: the registry cannot sign
 * one the server accepts (only the gateway can), and nothing here is the firm's data — the id is
 * public in the registry, the SDL is the standard, and the seq is a count (`/health` shows the
 * last delivered one already). Two small reads per call, like `/health`.
 */
export function mountMemberCheckRoute(app: ExpressApp, deps: { memberId: string; db: MemberDatabase; schema: GraphQLSchema; logger: Logger }): void {
  app.get(MEMBER_CHECK_PATH, async (_req, res) => {
    try {
      const transfer = await readTransferStatus(deps.db);
      const [counter] = await queryRows<{ last_seq: number | string }>(deps.db, sql`select last_seq from line_event_counter where id = 1`);
      res.setHeader('cache-control', 'no-store');
      res.json({
        memberId: deps.memberId,
        sdl: await serviceSdl(deps.schema),
        transfer: { state: transfer.state, since: transfer.since.toISOString(), lastEventSeq: Number(counter?.last_seq ?? 0) },
      });
    } catch (error) {
      deps.logger.warn({ err: error }, 'member check failed');
      res.status(503).json({ error: 'the member check could not be answered' });
    }
  });
}
