import type { ReactNode } from 'react';
import { hasApiField, type MemberRole, type RootOperation } from '@clustergraph/sdk';
import { ClusterPage } from './ClusterPage.tsx';
import { CapacityPage } from './CapacityPage.tsx';
import { LivePage } from './LivePage.tsx';
import { JointOrdersPage } from './JointOrdersPage.tsx';
import { MyAllocationsPage } from './MyAllocationsPage.tsx';
import { MyDataPage } from './MyDataPage.tsx';
import { AiTransitionPage } from './AiTransitionPage.tsx';
import { ProgrammePage } from './ProgrammePage.tsx';
import { MembersAdminPage } from './MembersAdminPage.tsx';
import { SetupPage } from './SetupPage.tsx';

export interface PageEntry {
  path: string;
  /** Catalogue key of the nav label (`common:nav.<page>`); the layout translates it. */
  label: string;
  /** Root fields the page needs; the page (and its nav entry) exists only when api.graphql has them all. */
  requires: ReadonlyArray<readonly [RootOperation, string]>;
  /**
   * Cluster roles of the signed-in firm that get the page in the navigation (all when
   * absent). The route itself stays reachable: a page shows only what the API lets the
   * viewer see, so a shared link never breaks.
   */
  roles?: readonly MemberRole[];
  element: ReactNode;
}

/**
 * The console's pages, in nav order. A page is listed only when the generated API
 * catalogue has the fields it needs (so a console built before an API lands shows no
 * dead link), and in the navigation only for the roles it serves: the leader plans
 * (Capacity, Joint orders), firms taking work answer their allocations, anchors follow
 * their supplier programme.
 */
const ALL_PAGES: PageEntry[] = [
  {
    path: '/cluster',
    label: 'common:nav.cluster',
    requires: [
      ['Query', 'cluster'],
      ['Query', 'members'],
    ],
    element: <ClusterPage />,
  },
  {
    path: '/live',
    label: 'common:nav.live',
    requires: [
      ['Subscription', 'lineStatusChanged'],
      ['Query', 'lines'],
    ],
    element: <LivePage />,
  },
  {
    path: '/capacity',
    label: 'common:nav.capacity',
    requires: [
      ['Query', 'members'],
      ['Query', 'demandCapacity'],
    ],
    roles: ['LEADER'],
    element: <CapacityPage />,
  },
  {
    path: '/orders',
    label: 'common:nav.orders',
    requires: [
      ['Query', 'jointOrders'],
      ['Query', 'jointOrder'],
      ['Mutation', 'createJointOrder'],
      ['Mutation', 'planJointOrder'],
      ['Mutation', 'proposePlan'],
    ],
    roles: ['LEADER'],
    element: <JointOrdersPage />,
  },
  {
    path: '/allocations',
    label: 'common:nav.allocations',
    requires: [
      ['Query', 'member'],
      ['Mutation', 'respondToAllocation'],
    ],
    roles: ['PARTNER', 'LEADER'],
    element: <MyAllocationsPage />,
  },
  {
    path: '/my-data',
    label: 'common:nav.myData',
    requires: [
      ['Mutation', 'grantSharing'],
      ['Mutation', 'revokeSharing'],
      ['Mutation', 'updateSharing'],
    ],
    element: <MyDataPage />,
  },
  {
    path: '/ai',
    label: 'common:nav.ai',
    requires: [
      ['Query', 'supportProgrammes'],
      ['Mutation', 'acknowledgeAnomaly'],
    ],
    element: <AiTransitionPage />,
  },
  { path: '/programme', label: 'common:nav.programme', requires: [['Query', 'supportProgrammes']], roles: ['ANCHOR'], element: <ProgrammePage /> },
  {
    path: '/setup',
    label: 'setup:nav',
    requires: [
      ['Mutation', 'upsertLine'],
      ['Mutation', 'setCapabilities'],
      ['Mutation', 'setCapacity'],
    ],
    element: <SetupPage />,
  },
  {
    path: '/admin/members',
    label: 'members:nav',
    requires: [
      ['Query', 'members'],
      ['Mutation', 'approveMember'],
      ['Mutation', 'rejectMember'],
      ['Mutation', 'suspendMember'],
    ],
    roles: ['LEADER'],
    element: <MembersAdminPage />,
  },
];

export const PAGES = ALL_PAGES.filter((page) => page.requires.every(([operation, field]) => hasApiField(operation, field)));

/** The pages in the navigation of a firm with these cluster roles. */
export function pagesFor(memberRoles: readonly MemberRole[]): PageEntry[] {
  return PAGES.filter((page) => !page.roles || page.roles.some((role) => memberRoles.includes(role)));
}

export function hasPage(path: string): boolean {
  return PAGES.some((page) => page.path === path);
}
