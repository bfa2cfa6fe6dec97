import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { must } from '../api/errors';

/** A card's name from the public catalogue (cached: the same card is asked for once). */
export function useCard(id: string | undefined) {
  return useQuery({
    queryKey: ['card', id],
    enabled: Boolean(id),
    staleTime: Infinity,
    queryFn: () => must(api.GET('/api/v1/cards/{id}', { params: { path: { id: id as string } } })),
  });
}

export function CardName({ id }: { id: string }) {
  const card = useCard(id);
  return <>{card.data?.name ?? '…'}</>;
}
