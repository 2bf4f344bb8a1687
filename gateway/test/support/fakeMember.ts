import { buildSchema } from 'graphql';
import { memberSdl } from '@clustergraph/schema';
import type { ServiceTokenVerifier } from '@clustergraph/runtime';
import { startGraphQLTestServer, type GraphQLTestServer } from './graphqlTestServer.ts';

/** A small, executable slice of the member standard (plus _entities/_service), enough for the gateway's plans in these tests. */
const FAKE_MEMBER_SCHEMA = buildSchema(`
  scalar _Any
  type _Service { sdl: String }
  union _Entity = Member | Line
  enum LineState { RUNNING IDLE DOWN CHANGEOVER MAINTENANCE OFFLINE }
  type LineStatus { state: LineState! seq: Int! }
  type Line { memberId: ID! id: ID! name: String! status: LineStatus! member: Member! }
  type Member { id: ID! smartFactoryLevel: Int lines: [Line!] }
  input LineInput { id: ID! name: String! }
  type Query {
    _entities(representations: [_Any!]!): [_Entity]!
    _service: _Service!
    lines(memberIds: [ID!], state: LineState): [Line!]!
  }
  type Mutation {
    upsertLine(memberId: ID!, input: LineInput!): Line!
    setSmartFactoryLevel(memberId: ID!, level: Int!): Member!
  }
`);

export interface FakeMember extends GraphQLTestServer {
  memberId: string;
}

/** One firm's subgraph: two lines, SDL of the standard unless `sdl` says otherwise. */
export async function startFakeMember(memberId: string, verifier: ServiceTokenVerifier, sdl: string = memberSdl): Promise<FakeMember> {
  const lines = [1, 2].map((n) => ({ memberId, id: `${memberId}-line-${n}`, name: `${memberId} line ${n}`, status: { state: 'RUNNING', seq: n } }));
  const member = (id: string) => ({ __typename: 'Member', id, smartFactoryLevel: 3, lines: id === memberId ? lines.map(line) : [] });
  const line = (l: (typeof lines)[number]) => ({ __typename: 'Line', ...l, member: () => member(l.memberId) });
  const rootValue = {
    _service: () => ({ sdl }),
    _entities: ({ representations }: { representations: Array<Record<string, string>> }) =>
      representations.map((rep) => {
        if (rep['__typename'] === 'Member') return member(rep['id']!);
        const found = lines.find((l) => l.id === rep['id'] && l.memberId === rep['memberId']);
        return found ? line(found) : null;
      }),
    lines: ({ memberIds }: { memberIds?: string[] | null }) => (!memberIds || memberIds.includes(memberId) ? lines.map(line) : []),
    upsertLine: ({ memberId: target, input }: { memberId: string; input: { id: string; name: string } }) => {
      if (target !== memberId) throw new Error(`this is member ${memberId}, not ${target}`);
      const created = { memberId, id: input.id, name: input.name, status: { state: 'IDLE', seq: 0 } };
      lines.push(created);
      return line(created);
    },
    setSmartFactoryLevel: ({ memberId: target, level }: { memberId: string; level: number }) => ({ ...member(target), smartFactoryLevel: level }),
  };
  const server = await startGraphQLTestServer(FAKE_MEMBER_SCHEMA, rootValue, verifier);
  return Object.assign(server, { memberId });
}
