import { Alert, Badge, Box, List, Paper, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiFailure, must } from '../api/errors';
import { ErrorAlert } from '../components/error-alert';
import type { components } from '../api/schema';
import { useCard } from '../components/card-name';
import { useStaffT } from './staff-i18n';
import { TITLE } from './alert-title';

export type Schemas = components['schemas'];

/** A titled block of a page, its heading named for screen readers. */
export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-heading`}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={`${id}-heading`}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function useCentre(id: string | undefined) {
  return useQuery({
    queryKey: ['centre', id],
    enabled: Boolean(id),
    staleTime: 60_000,
    queryFn: () => must(api.GET('/api/v1/centres/{id}', { params: { path: { id: id as string } } })),
  });
}

export function CentreName({ id }: { id: string }) {
  return <>{useCentre(id).data?.name ?? '…'}</>;
}

/** A candidate's name, as the centre's staff may see it. */
export function CandidateName({ id }: { id: string }) {
  const candidate = useQuery({
    queryKey: ['candidate', id],
    staleTime: 60_000,
    retry: false,
    queryFn: () => must(api.GET('/api/v1/candidates/{id}', { params: { path: { id } } })),
  });
  return <>{candidate.data?.profile?.fullName ?? id.slice(0, 8)}</>;
}

/**
 * A skill as the standard numbers it: function and skill ("2.3"). Mandatory and additional functions
 * are numbered apart (both have a function 1), so an additional function's skills carry an "A" ("A1.2").
 */
export function skillLabel(kind: string, functionNumber: number, skillNumber: number): string {
  return `${kind === 'additional' ? 'A' : ''}${functionNumber}.${skillNumber}`;
}

/** Skills of a card by id, with their numbers as the standard prints them ("2.3"). */
export function useSkills(cardId: string | undefined) {
  const card = useCard(cardId);
  const skills = new Map<
    string,
    {
      title: string;
      label: string;
      functionKind: string;
      abilities: { id: string; text: string }[];
      knowledge: { id: string; text: string }[];
    }
  >();
  for (const fn of card.data?.functions ?? []) {
    for (const skill of fn.skills) {
      skills.set(skill.id, {
        title: skill.title,
        label: skillLabel(fn.kind, fn.number, skill.number),
        functionKind: fn.kind,
        abilities: skill.abilities.map((a) => ({ id: a.id, text: a.text })),
        knowledge: skill.knowledge.map((k) => ({ id: k.id, text: k.text })),
      });
    }
  }
  return { card, skills };
}

export function StatusBadge({ value, group }: { value: string; group: string }) {
  const { t } = useStaffT();
  // At its whole width: a table shrinks a badge's column to an ellipsis ("ДЕЙСТВИТЕ…") otherwise.
  return (
    <Badge variant="outline" miw="max-content">
      {t(`${group}.${value}`)}
    </Badge>
  );
}

/** Today as YYYY-MM-DD in the browser's zone, for date fields. */
export function today(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** An <option> for a card, named as the catalogue names it. */
export function CardOption({ id }: { id: string }) {
  const card = useCard(id);
  return <option value={id}>{card.data ? `${card.data.name} (${card.data.orkLevel})` : id}</option>;
}

/** The centre's staff (managers and assessors), for names and choices. */
export function useCentreStaff(centreId: string | undefined) {
  return useQuery({
    queryKey: ['centre-staff', centreId],
    enabled: Boolean(centreId),
    queryFn: () => must(api.GET('/api/v1/centres/{id}/staff', { params: { path: { id: centreId as string } } })),
  });
}

/**
 * The impartiality rule's refusal in words: which assessor, and each rule that fails (not
 * accredited for the card, ОРК level too low, a declared conflict with the candidate or employer).
 */
export function RefusalText({ error, names }: { error: unknown; names: Map<string, string> }) {
  const { t } = useStaffT();
  if (!(error instanceof ApiFailure) || error.code !== 'ASSESSOR_NOT_ASSIGNABLE') return <ErrorAlert error={error} />;
  const details = error.body?.details as
    { assessorId?: string; refusals?: { rule: string; employer?: string }[] } | undefined;
  return (
    <Alert
      color="red"
      role="alert"
      styles={TITLE}
      title={t('refusal.title', { name: names.get(details?.assessorId ?? '') ?? '' })}
    >
      <List size="sm">
        {(details?.refusals ?? []).map((r) => (
          <List.Item key={r.rule}>{t(`refusal.${r.rule}`, { employer: r.employer ?? '' })}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/**
 * A table wider than a phone scrolls sideways in this box; the box takes the keyboard's focus so the
 * scroll is reachable without a mouse (axe: scrollable-region-focusable).
 */
export function ScrollTable({ minWidth, children }: { minWidth: number; children: React.ReactNode }) {
  return (
    <Box tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
