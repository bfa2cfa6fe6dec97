import { List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { must } from '../api/errors';
import type { components } from '../api/schema';

type Route = components['schemas']['PrerequisiteRouteDto'];
type Field = components['schemas']['FieldOfActivityDto'];

/** The public fields tree, named in the page's language. */
export function useFieldNames(): (code: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const fields = useQuery({
    queryKey: ['fields'],
    queryFn: () => must(api.GET('/api/v1/fields')),
    staleTime: Infinity,
  });
  return (code) => {
    const field = fields.data?.find((f: Field) => f.code === code);
    if (!field) return code ?? '';
    return field.names[i18n.language as keyof Field['names']] ?? field.names.ru;
  };
}

/** One route of a card's prerequisites as a sentence: education, experience and where, learning evidence. */
export function useRouteSentence(): (route: Route) => string {
  const { t } = useTranslation();
  const fieldName = useFieldNames();
  return (route) => {
    const parts: string[] = [];
    parts.push(
      route.minEducation
        ? t('prerequisites.education', { level: t(`education.${route.minEducation}`) })
        : t('prerequisites.anyEducation'),
    );
    if (route.minExperienceMonths > 0) {
      parts.push(
        route.experienceField
          ? t('prerequisites.experienceIn', {
              count: route.minExperienceMonths,
              field: fieldName(route.experienceField),
            })
          : t('prerequisites.experience', { count: route.minExperienceMonths }),
      );
    } else {
      parts.push(t('prerequisites.noExperience'));
    }
    if (route.requiresLearningEvidence) parts.push(t('prerequisites.learningEvidence'));
    return `${t(`prerequisites.kind_${route.kind}`)}: ${parts.join('; ')}`;
  };
}

export function PrerequisiteRoutes({ routes }: { routes: Route[] }) {
  const { t } = useTranslation();
  const sentence = useRouteSentence();
  if (routes.length === 0) return <Text>{t('prerequisites.none')}</Text>;
  return (
    <>
      <Text size="sm">{t('prerequisites.anyRoute')}</Text>
      <List spacing="xs">
        {routes.map((route, index) => (
          <List.Item key={index}>{sentence(route)}</List.Item>
        ))}
      </List>
    </>
  );
}
