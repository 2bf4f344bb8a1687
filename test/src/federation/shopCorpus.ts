/**
 * The differential compatibility corpus: five small subgraphs (@apollo/subgraph) that between
 * them use compound and multiple @keys, @requires, @provides, @external, @shareable,
 * @override, @interfaceObject, entity interfaces and unions across subgraphs, @inaccessible,
 * nested entity chains, ordered root mutations and fields that fail (nullable and non-null).
 * The `products` subgraph can run as one server or as shards, each holding a slice of the
 * catalog; the queries are chosen so that a sharded deployment answers as an unsharded one.
 */
import { GraphQLError, parse, type DocumentNode } from 'graphql';
/** What buildSubgraphSchema takes as resolvers (its own type is not exported from the package root). */

type GraphQLResolverMap<_T> = Record<string, any>;

const link = (imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports.map((name) => `"${name}"`).join(', ')}])`;

export interface ProductRow {
  upc: string;
  sku: string;
  variation: string;
  name: string;
  price: number;
  weight: number;
  category: string;
}
interface CategoryRow {
  id: string;
  name: string;
}
type CatalogItem = { kind: 'product'; row: ProductRow } | { kind: 'category'; row: CategoryRow };

/** The catalog in listing order; shard a holds the first third, b the second, c the last. */
export const CATALOG: readonly CatalogItem[] = [
  { kind: 'product', row: { upc: '1', sku: 'SKU-1', variation: 'v1', name: 'Table', price: 899, weight: 100, category: 'c1' } },
  { kind: 'product', row: { upc: '2', sku: 'SKU-2', variation: 'v2', name: 'Couch', price: 1299, weight: 1000, category: 'c1' } },
  { kind: 'category', row: { id: 'c1', name: 'Furniture' } },
  { kind: 'product', row: { upc: '3', sku: 'SKU-3', variation: 'v3', name: 'Chair', price: 54, weight: 50, category: 'c1' } },
  { kind: 'product', row: { upc: '4', sku: 'SKU-4', variation: 'v4', name: 'Lamp', price: 30, weight: 5, category: 'c2' } },
  { kind: 'category', row: { id: 'c2', name: 'Lighting' } },
  { kind: 'product', row: { upc: '5', sku: 'SKU-5', variation: 'v5', name: 'Rug', price: 200, weight: 20, category: 'c3' } },
  { kind: 'product', row: { upc: '6', sku: 'SKU-6', variation: 'v6', name: 'Vase', price: 45, weight: 2, category: 'c3' } },
  { kind: 'category', row: { id: 'c3', name: 'Decor' } },
];

export const SHARD_NAMES = ['a', 'b', 'c'] as const;
/** Key value → shard, as the sharding file says (contiguous slices, so concatenated lists keep the catalog's order). */
export const SHARD_ASSIGNMENT: Record<string, string> = {
  '1': 'a',
  '2': 'a',
  c1: 'a',
  '3': 'b',
  '4': 'b',
  c2: 'b',
  '5': 'c',
  '6': 'c',
  c3: 'c',
};
const keyOf = (item: CatalogItem) => (item.kind === 'product' ? item.row.upc : item.row.id);

export interface SubgraphDefinition {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
}

/** Mutable state the mutations change; `reset()` puts every subgraph back before each request. */
class ShopState {
  prices = new Map<string, number>();
  userNames = new Map<string, string>();
  reviews: Array<{ id: string; upc: string; authorId: string; body: string; rating: number }> = [];
  reset(): void {
    this.prices = new Map(CATALOG.flatMap((item) => (item.kind === 'product' ? [[item.row.upc, item.row.price] as const] : [])));
    this.userNames = new Map(USERS.map((user) => [user.id, user.name]));
    this.reviews = REVIEWS.map((review) => ({ ...review }));
  }
}

const USERS = [
  { id: 'u1', email: 'ada@example.com', name: 'Ada', username: 'ada' },
  { id: 'u2', email: 'grace@example.com', name: 'Grace', username: 'grace' },
  { id: 'u3', email: 'linus@example.com', name: 'Linus', username: 'linus' },
];
const REVIEWS = [
  { id: 'r1', upc: '1', authorId: 'u1', body: 'Love it', rating: 5 },
  { id: 'r2', upc: '1', authorId: 'u2', body: 'Too expensive', rating: 2 },
  { id: 'r3', upc: '3', authorId: 'u3', body: 'Could be better', rating: 3 },
  { id: 'r4', upc: '4', authorId: 'u1', body: 'Perfect lamp', rating: 5 },
  { id: 'r5', upc: '6', authorId: 'u2', body: 'Fragile', rating: 1 },
  { id: 'r6', mediaId: 'b1', upc: '', authorId: 'u3', body: 'A classic', rating: 5 },
];
const MEDIA = [
  { __typename: 'Book', id: 'b1', title: 'Dune', authorId: 'u3', pages: 412 },
  { __typename: 'Movie', id: 'm1', title: 'Alien', minutes: 117 },
  { __typename: 'Book', id: 'b2', title: 'Solaris', authorId: null, pages: 204 },
];

export class ShopCorpus {
  readonly state = new ShopState();
  constructor() {
    this.state.reset();
  }

  /** The products subgraph holding `keys` (all when omitted); every shard knows every category by id for Product.category. */
  products(keys?: ReadonlySet<string>): SubgraphDefinition {
    const state = this.state;
    const owned = CATALOG.filter((item) => !keys || keys.has(keyOf(item)));
    const product = (upc: unknown) =>
      owned.find((item): item is Extract<CatalogItem, { kind: 'product' }> => item.kind === 'product' && item.row.upc === upc)?.row;
    const productBySku = (sku: unknown, variation: unknown) =>
      owned.find(
        (item): item is Extract<CatalogItem, { kind: 'product' }> => item.kind === 'product' && item.row.sku === sku && item.row.variation === variation,
      )?.row;
    const category = (id: unknown) => CATALOG.find((item) => item.kind === 'category' && item.row.id === id)?.row;
    const ownedCategory = (id: unknown) => owned.find((item) => item.kind === 'category' && item.row.id === id)?.row;
    const withType = (item: CatalogItem) => ({ __typename: item.kind === 'product' ? 'Product' : 'Category', ...item.row });
    return {
      name: 'products',
      typeDefs: parse(`
        ${link(['@key', '@shareable', '@inaccessible', '@override'])}
        type Query {
          allProducts: [Product!]!
          product(upc: String!): Product
          search(text: String!): [SearchResult!]!
          category(id: ID!): Category
        }
        type Mutation {
          setPrice(upc: String!, price: Int!): Product
        }
        type Product @key(fields: "upc") @key(fields: "sku variation { id }") {
          upc: String!
          sku: String!
          variation: Variation!
          name: String @override(from: "inventory")
          price: Int
          weight: Int
          secretCode: String @inaccessible
          category: Category
        }
        type Variation @shareable { id: ID! }
        type Category @key(fields: "id") {
          id: ID!
          name: String!
        }
        union SearchResult = Product | Category
      `),
      resolvers: {
        Query: {
          allProducts: () => owned.filter((item) => item.kind === 'product').map((item) => item.row),
          product: (_: unknown, { upc }: { upc: string }) => product(upc) ?? null,
          search: (_: unknown, { text }: { text: string }) => owned.filter((item) => item.row.name.toLowerCase().includes(text.toLowerCase())).map(withType),
          category: (_: unknown, { id }: { id: string }) => ownedCategory(id) ?? null,
        },
        Mutation: {
          setPrice: (_: unknown, { upc, price }: { upc: string; price: number }) => {
            const row = product(upc);
            if (!row) return null;
            if (price < 0) throw new GraphQLError('price: must not be negative', { extensions: { code: 'BAD_USER_INPUT', field: 'price' } });
            state.prices.set(upc, price);
            return row;
          },
        },
        Product: {
          __resolveReference: (ref: { upc?: string; sku?: string; variation?: { id: string } }) =>
            (ref.upc !== undefined ? product(ref.upc) : productBySku(ref.sku, ref.variation?.id)) ?? null,
          variation: (row: ProductRow) => ({ id: row.variation }),
          price: (row: ProductRow) => state.prices.get(row.upc) ?? row.price,
          secretCode: (row: ProductRow) => `secret-${row.upc}`,
          category: (row: ProductRow) => category(row.category) ?? null,
        },
        Category: { __resolveReference: (ref: { id: string }) => ownedCategory(ref.id) ?? null },
        SearchResult: { __resolveType: (value: { __typename: string }) => value.__typename },
      } as GraphQLResolverMap<unknown>,
    };
  }

  inventory(): SubgraphDefinition {
    return {
      name: 'inventory',
      typeDefs: parse(`
        ${link(['@key', '@external', '@requires'])}
        type Product @key(fields: "upc") {
          upc: String!
          name: String
          price: Int @external
          weight: Int @external
          inStock: Boolean!
          shippingEstimate: Int @requires(fields: "price weight")
          restockDate: String
          stockNote: String!
        }
      `),
      resolvers: {
        Product: {
          __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ref,
          name: (ref: { upc: string }) => `stale name ${ref.upc}`,
          inStock: (ref: { upc: string }) => Number(ref.upc) % 2 === 1,
          shippingEstimate: (ref: { price: number; weight: number }) => (ref.price > 1000 ? 0 : Math.round(ref.weight / 2)),
          restockDate: (ref: { upc: string }) => {
            if (ref.upc === '2') throw new GraphQLError('restock date unknown for this product', { extensions: { code: 'RESTOCK_UNKNOWN' } });
            return `2026-0${ref.upc}-01`;
          },
          stockNote: (ref: { upc: string }) => {
            if (ref.upc === '5') throw new Error('stock note store is down');
            return `note ${ref.upc}`;
          },
        },
      } as GraphQLResolverMap<unknown>,
    };
  }

  accounts(): SubgraphDefinition {
    const state = this.state;
    const user = (ref: { id?: string; email?: string }) => USERS.find((u) => (ref.id !== undefined ? u.id === ref.id : u.email === ref.email)) ?? null;
    return {
      name: 'accounts',
      typeDefs: parse(`
        ${link(['@key', '@shareable', '@inaccessible'])}
        type Query {
          me: User
          users: [User!]!
          user(id: ID!): User
        }
        type Mutation {
          renameUser(id: ID!, name: String!): User
        }
        type User @key(fields: "id") @key(fields: "email") {
          id: ID!
          email: String!
          name: String
          username: String @shareable
          birthYear: Int @inaccessible
        }
      `),
      resolvers: {
        Query: {
          me: () => USERS[0],
          users: () => USERS,
          user: (_: unknown, { id }: { id: string }) => {
            const found = user({ id });
            if (!found) throw new GraphQLError(`no user ${id}`, { extensions: { code: 'NOT_FOUND', field: 'id' } });
            return found;
          },
        },
        Mutation: {
          renameUser: (_: unknown, { id, name }: { id: string; name: string }) => {
            const found = user({ id });
            if (found) state.userNames.set(id, name);
            return found;
          },
        },
        User: {
          __resolveReference: user,
          name: (row: { id: string }) => state.userNames.get(row.id) ?? null,
          birthYear: () => 1815,
        },
      } as GraphQLResolverMap<unknown>,
    };
  }

  reviews(): SubgraphDefinition {
    const state = this.state;
    const usernames = new Map(USERS.map((u) => [u.id, u.username]));
    return {
      name: 'reviews',
      typeDefs: parse(`
        ${link(['@key', '@external', '@provides', '@interfaceObject', '@shareable'])}
        type Query {
          latestReviews: [Review!]!
        }
        type Mutation {
          upsertReview(id: ID!, upc: String!, authorId: ID!, body: String!): Review!
        }
        type Review @key(fields: "id") {
          id: ID!
          body: String!
          rating: Int
          author: User! @provides(fields: "username")
          product: Product
        }
        type User @key(fields: "id") {
          id: ID!
          username: String @external
          reviews: [Review!]!
        }
        type Product @key(fields: "upc") {
          upc: String!
          reviews: [Review!]!
          averageRating: Float
        }
        type Media @key(fields: "id") @interfaceObject {
          id: ID!
          reviewCount: Int!
          reviews: [Review!]!
        }
      `),
      resolvers: {
        Query: { latestReviews: () => [...state.reviews].reverse() },
        Mutation: {
          upsertReview: (_: unknown, args: { id: string; upc: string; authorId: string; body: string }) => {
            const existing = state.reviews.find((r) => r.id === args.id);
            if (existing) Object.assign(existing, args);
            else state.reviews.push({ ...args, rating: 4 });
            return state.reviews.find((r) => r.id === args.id);
          },
        },
        Review: {
          __resolveReference: (ref: { id: string }) => state.reviews.find((r) => r.id === ref.id) ?? null,
          author: (review: { authorId: string }) => ({ id: review.authorId, username: usernames.get(review.authorId) }),
          product: (review: { upc: string }) => (review.upc ? { upc: review.upc } : null),
        },
        User: {
          __resolveReference: (ref: { id: string }) => ref,
          reviews: (ref: { id: string }) => state.reviews.filter((r) => r.authorId === ref.id),
        },
        Product: {
          __resolveReference: (ref: { upc: string }) => ref,
          reviews: (ref: { upc: string }) => state.reviews.filter((r) => r.upc === ref.upc),
          averageRating: (ref: { upc: string }) => {
            const ratings = state.reviews.filter((r) => r.upc === ref.upc).map((r) => r.rating);
            return ratings.length === 0 ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length;
          },
        },
        Media: {
          __resolveReference: (ref: { id: string }) => ref,
          reviewCount: (ref: { id: string }) => state.reviews.filter((r) => 'mediaId' in r && r.mediaId === ref.id).length,
          reviews: (ref: { id: string }) => state.reviews.filter((r) => 'mediaId' in r && r.mediaId === ref.id),
        },
      } as GraphQLResolverMap<unknown>,
    };
  }

  media(): SubgraphDefinition {
    return {
      name: 'media',
      typeDefs: parse(`
        ${link(['@key', '@shareable'])}
        type Query {
          media: [Media!]!
          featured: [Featured!]
        }
        interface Media @key(fields: "id") {
          id: ID!
          title: String!
        }
        type Book implements Media @key(fields: "id") {
          id: ID!
          title: String!
          pages: Int
          author: User
        }
        type Movie implements Media @key(fields: "id") {
          id: ID!
          title: String!
          minutes: Int
        }
        type User @key(fields: "id", resolvable: false) {
          id: ID!
        }
        type Product @key(fields: "sku variation { id }", resolvable: false) {
          sku: String!
          variation: Variation!
        }
        type Variation @shareable { id: ID! }
        union Featured = Book | Movie | Product
      `),
      resolvers: {
        Query: {
          media: () => MEDIA,
          featured: () => [
            MEDIA[0],
            { __typename: 'Product', sku: 'SKU-3', variation: { id: 'v3' } },
            MEDIA[1],
            { __typename: 'Product', sku: 'SKU-6', variation: { id: 'v6' } },
          ],
        },
        Media: {
          __resolveReference: (ref: { id: string }) => MEDIA.find((m) => m.id === ref.id) ?? null,
          __resolveType: (value: { __typename: string }) => value.__typename,
        },
        Book: {
          __resolveReference: (ref: { id: string }) => MEDIA.find((m) => m.id === ref.id) ?? null,
          author: (book: { authorId: string | null }) => (book.authorId ? { id: book.authorId } : null),
        },
        Movie: { __resolveReference: (ref: { id: string }) => MEDIA.find((m) => m.id === ref.id) ?? null },
        Featured: { __resolveType: (value: { __typename: string }) => value.__typename },
      } as GraphQLResolverMap<unknown>,
    };
  }
}

export interface CorpusCase {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** Each query runs on freshly reset state, through stock @apollo/gateway and through ours. */
export const SHOP_QUERIES: CorpusCase[] = [
  { name: 'root list with an entity hop and @requires', query: '{ allProducts { upc name price weight inStock shippingEstimate } }' },
  {
    name: 'root field routed by argument',
    query: 'query($upc: String!) { product(upc: $upc) { upc name price category { id name } } }',
    variables: { upc: '4' },
  },
  { name: 'a product that does not exist', query: '{ product(upc: "404") { upc name } }' },
  { name: '@override: name from products, not inventory', query: '{ product(upc: "1") { name inStock } }' },
  {
    name: 'nested entity chain products → reviews → accounts → reviews → products',
    query: '{ allProducts { name reviews { body author { name reviews { body product { name price } } } } } }',
  },
  { name: '@provides: username from reviews, name from accounts', query: '{ latestReviews { id author { username name email } } }' },
  { name: 'multiple @keys: User by email key unused, by id', query: '{ users { id email name reviews { id rating product { upc averageRating } } } }' },
  {
    name: 'compound key with a nested field (Product by sku + variation)',
    query: '{ featured { __typename ... on Product { sku upc name price reviews { body } } ... on Book { title } } }',
  },
  {
    name: 'union across subgraphs',
    query: '{ featured { ... on Book { id title pages author { name } } ... on Movie { id title minutes } ... on Product { name inStock } } }',
  },
  {
    name: 'entity interface with @interfaceObject fields',
    query: '{ media { __typename id title reviewCount reviews { body author { name } } ... on Book { pages author { username } } ... on Movie { minutes } } }',
  },
  {
    name: 'union in one subgraph with fragments',
    query:
      'query Search($text: String!) { search(text: $text) { __typename ...P ... on Category { id cname: name } } } fragment P on Product { upc name shippingEstimate }',
    variables: { text: 'a' },
  },
  { name: 'partial error: nullable field fails for one product', query: '{ allProducts { upc restockDate } }' },
  { name: 'null propagation: a non-null field fails inside a non-null list', query: '{ allProducts { upc stockNote } }' },
  { name: 'null propagation stops at a nullable parent', query: '{ a: product(upc: "5") { upc stockNote } b: product(upc: "6") { upc stockNote } }' },
  { name: 'subgraph error with a code', query: '{ user(id: "nope") { id name } me { name } }' },
  { name: '@inaccessible field is not queryable', query: '{ product(upc: "1") { secretCode } }' },
  {
    name: '@inaccessible field is hidden from introspection',
    query: '{ __type(name: "Product") { fields { name } } u: __type(name: "User") { fields { name } } }',
  },
  {
    name: 'aliases, __typename, @skip and @include',
    query: 'query($yes: Boolean!) { p: allProducts { t: __typename upc n: name @include(if: $yes) price @skip(if: $yes) } __typename }',
    variables: { yes: true },
  },
  { name: 'category entity from products shards', query: '{ allProducts { upc category { id name } } c: category(id: "c2") { name } }' },
  { name: 'validation error', query: '{ allProducts { nope } }' },
  {
    name: 'ordered root mutations across subgraphs',
    query: `mutation {
      a: renameUser(id: "u1", name: "Ada L.") { id name }
      b: upsertReview(id: "r9", upc: "4", authorId: "u1", body: "Still perfect") { id body author { name } product { name price } }
      c: setPrice(upc: "4", price: 35) { upc price shippingEstimate reviews { id body } }
      d: renameUser(id: "u1", name: "Ada Lovelace") { name reviews { id body product { price } } }
    }`,
  },
  {
    name: 'a mutation that fails stops nothing before it',
    query: 'mutation { a: setPrice(upc: "2", price: -1) { price } b: renameUser(id: "u2", name: "G") { name } }',
  },
  { name: 'operation name picks among several', query: 'query A { me { name } } query B { users { id } }', operationName: 'B' },
];
