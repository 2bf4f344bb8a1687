import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, type CombinedError } from 'urql';
import { ViewerDocument, type MemberRole, type ViewerQuery } from '@clustergraph/sdk';

export type Viewer = NonNullable<ViewerQuery['me']>;

interface ViewerState {
  viewer: Viewer | null;
  /** The firm's cluster roles from the registry (empty until known). */
  memberRoles: readonly MemberRole[];
  loading: boolean;
  error: CombinedError | undefined;
}

const ViewerContext = createContext<ViewerState>({ viewer: null, memberRoles: [], loading: true, error: undefined });

/** Asks the gateway who is signed in: the firm's cluster roles decide which pages the console offers. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const [{ data, error, fetching }] = useQuery({ query: ViewerDocument });
  const viewer = data?.me ?? null;
  return (
    <ViewerContext.Provider value={{ viewer, memberRoles: viewer?.memberRoles ?? [], loading: fetching && !data, error }}>{children}</ViewerContext.Provider>
  );
}

export function useViewer(): ViewerState {
  return useContext(ViewerContext);
}
