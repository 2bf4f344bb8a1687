import type { ReactNode } from 'react';
import { hasApiField, type RootOperation } from '@clustergraph/sdk';
import { ClusterPage } from './ClusterPage.tsx';
import { CapacityPage } from './CapacityPage.tsx';
import { LivePage } from './LivePage.tsx';
import { JointOrdersPage } from './JointOrdersPage.tsx';
import { MyDataPage } from './MyDataPage.tsx';
import { AiTransitionPage } from './AiTransitionPage.tsx';

export interface PageEntry {
  path: string;
  label: string;
  /** Root fields the page needs; the page (and its nav entry) exists only when api.graphql has them all. */
  requires: ReadonlyArray<readonly [RootOperation, string]>;
  element: ReactNode;
}

/**
 * The console's pages, in nav order. Pages of later issues are added here with the
 * fields they need, e.g. Live lines → ['Subscription', 'lineStatusChanged'],
 * Joint orders → the planning mutations, My data → sharing policies and usage,
 * AI transition → levels and programmes. The check runs at build time against the
 * generated API catalogue, so a console built before the API lands shows no dead link.
 */
const ALL_PAGES: PageEntry[] = [
  { path: '/cluster', label: 'Cluster', requires: [['Query', 'cluster'], ['Query', 'members']], element: <ClusterPage /> },
  { path: '/live', label: 'Live lines', requires: [['Subscription', 'lineStatusChanged'], ['Query', 'lines']], element: <LivePage /> },
  { path: '/capacity', label: 'Capacity', requires: [['Query', 'members']], element: <CapacityPage /> },
  {
    path: '/orders',
    label: 'Joint orders',
    requires: [['Query', 'jointOrders'], ['Query', 'jointOrder'], ['Mutation', 'createJointOrder'], ['Mutation', 'planJointOrder'], ['Mutation', 'proposePlan']],
    element: <JointOrdersPage />,
  },
  { path: '/my-data', label: 'My data', requires: [['Mutation', 'grantSharing'], ['Mutation', 'revokeSharing'], ['Mutation', 'updateSharing']], element: <MyDataPage /> },
  { path: '/ai', label: 'AI transition', requires: [['Query', 'supportProgrammes'], ['Mutation', 'acknowledgeAnomaly']], element: <AiTransitionPage /> },
];

export const PAGES = ALL_PAGES.filter((page) => page.requires.every(([operation, field]) => hasApiField(operation, field)));
