/**
 * An eligibility result in words, in any of the three languages, from what the result stores:
 * each condition's code and parameters (with the labels of the records it names and the field's
 * names), each route's position and kind, the notes. evaluateEligibility writes the English
 * rendering; an answer carries the rendering in the caller's language (the composer below), so a
 * result stored once reads in Kazakh, Russian or English.
 */
import { isMessageCode, renderMessage, type Language, type MessageCode, type MessageComposer } from '@qualcert/shared';
import type { Condition, EligibilityResult, RouteResult } from './eligibility';

const say = (language: Language, code: MessageCode, params: Record<string, string | number> = {}) =>
  renderMessage(language, code, params);

function quote(language: Language, text: string): string {
  return language === 'en' ? `"${text}"` : `«${text}»`;
}

function labelsOf(condition: Condition): Record<string, string> {
  return (condition.params as { labels?: Record<string, string> }).labels ?? {};
}

function listed(language: Language, ids: readonly string[], labels: Record<string, string>): string {
  return ids.map((id) => quote(language, labels[id] ?? id)).join(', ');
}

function level(language: Language, value: string | null): string {
  const code = `education:${String(value)}`;
  return value !== null && isMessageCode(code) ? say(language, code) : say(language, 'eligibility:none');
}

function monthUnit(language: Language, count: number): string {
  const form = new Intl.PluralRules(language === 'kk' ? 'kk' : language).select(count);
  return say(language, form === 'one' ? 'unit:month:one' : form === 'few' ? 'unit:month:few' : 'unit:month:many');
}

/**
 * What the document check adds: which records still await it (when the declared records meet the
 * condition but the confirmed ones do not yet), and which records were not counted and why.
 */
function checkTail(language: Language, condition: Condition): string {
  const p = condition.params;
  const labels = labelsOf(condition);
  const reasons = (p as { rejectionReasons?: Record<string, string> }).rejectionReasons ?? {};
  const parts: string[] = [];
  if (condition.holds && !condition.confirmed) {
    const pending = p.recordIds.filter((id) => !p.confirmedRecordIds.includes(id));
    parts.push(say(language, 'eligibility:awaiting_check', { records: listed(language, pending, labels) }));
  }
  for (const id of p.rejectedRecordIds) {
    const record = quote(language, labels[id] ?? id);
    const reason = reasons[id];
    parts.push(
      reason
        ? say(language, 'eligibility:rejected_because', { record, reason })
        : say(language, 'eligibility:rejected', { record }),
    );
  }
  if (p.undocumentedRecordIds.length > 0) {
    parts.push(
      say(language, 'eligibility:undocumented', { records: listed(language, p.undocumentedRecordIds, labels) }),
    );
  }
  return parts.map((part) => `; ${part}`).join('');
}

export function conditionMessage(condition: Condition, language: Language): string {
  const labels = labelsOf(condition);
  switch (condition.kind) {
    case 'education': {
      const { requiredLevel, declaredLevel } = condition.params;
      if (condition.code === 'education_not_required') return say(language, 'education_not_required');
      const higher =
        condition.holds && declaredLevel !== requiredLevel ? ` (${say(language, 'eligibility:higher_level')})` : '';
      return (
        say(language, condition.code, {
          required: level(language, requiredLevel),
          declared: level(language, declaredLevel),
        }) +
        higher +
        checkTail(language, condition)
      );
    }
    case 'experience': {
      const p = condition.params;
      if (condition.code === 'experience_not_required') return say(language, 'experience_not_required');
      const names = (p as { fieldNames?: Record<Language, string> | null }).fieldNames;
      const params = {
        monthsRequired: p.monthsRequired,
        unit: monthUnit(language, p.monthsRequired),
        months: p.months,
      };
      const text =
        p.field === null
          ? say(language, 'experience:any_field', params)
          : say(language, condition.code, { ...params, field: names?.[language] ?? p.field });
      const counted =
        p.recordIds.length > 0
          ? ` (${say(language, 'eligibility:counted', { records: listed(language, p.recordIds, labels) })})`
          : '';
      return text + counted + checkTail(language, condition);
    }
    case 'learning':
      return (
        (condition.code === 'learning_met'
          ? say(language, 'learning_met', { records: listed(language, condition.params.recordIds, labels) })
          : say(language, 'learning_missing')) + checkTail(language, condition)
      );
  }
}

function routeName(language: Language, route: Pick<RouteResult, 'index' | 'kind'>): string {
  const kind = route.kind === 'informal' ? 'eligibility:route_kind:informal' : 'eligibility:route_kind:formal';
  return say(language, 'eligibility:route', { number: route.index + 1, kind: say(language, kind) });
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function summaryOf(result: EligibilityResult, language: Language): string {
  const { outcome, routes, notes } = result;
  const messages = (route: RouteResult, which: (c: Condition) => boolean) =>
    route.conditions
      .filter(which)
      .map((c) => conditionMessage(c, language))
      .join('; ');
  if (outcome === 'needs_review') {
    if (routes.length === 0 && result.rulesStatus !== 'needs_review') return say(language, 'eligibility:no_routes');
    const counts = { holding: routes.filter((r) => r.holds).length, total: routes.length };
    const reasons = result.reviewReasons ?? [];
    return reasons.length > 0
      ? say(language, 'eligibility:needs_review_because', { ...counts, reasons: reasons.join('; ') })
      : say(language, 'eligibility:needs_review', counts);
  }
  if (outcome === 'eligible') {
    const route = routes.find((r) => r.confirmed);
    // outcome is eligible only when some route is confirmed.
    if (route === undefined) throw new Error('unreachable: eligible without a confirmed route');
    return say(language, 'eligibility:eligible', {
      route: routeName(language, route),
      conditions: messages(route, () => true),
    });
  }
  if (outcome === 'awaiting_documents') {
    const holding = routes.filter((r) => r.holds).map((r) => routeName(language, r));
    const labels = Object.assign({}, ...routes.flatMap((r) => r.conditions.map(labelsOf))) as Record<string, string>;
    return say(language, 'eligibility:awaiting_documents', {
      routes: holding.join(` ${say(language, 'eligibility:or')} `),
      records: listed(language, result.pendingRecordIds, labels),
    });
  }
  const failures = routes.map((route) =>
    say(language, 'eligibility:route_fails', {
      route: capitalised(routeName(language, route)),
      conditions: messages(route, (c) => !c.holds),
    }),
  );
  const noteTexts = notes.map((n) => say(language, n.code));
  return [say(language, 'eligibility:ineligible'), ...failures, ...noteTexts].join(' ');
}

/** A copy of the result with every message and the summary in the language. */
export function localiseEligibility(result: EligibilityResult, language: Language): EligibilityResult {
  return {
    ...result,
    routes: result.routes.map((route) => ({
      ...route,
      conditions: route.conditions.map((c) => ({ ...c, message: conditionMessage(c, language) })),
    })),
    notes: result.notes.map((n) => ({ ...n, message: say(language, n.code) })),
    summary: summaryOf(result, language),
  };
}

/** An eligibility result anywhere in an answer (an application, a list of them) reads in the caller's language. */
export const ELIGIBILITY_COMPOSER: MessageComposer = {
  matches: (value) =>
    typeof value.outcome === 'string' &&
    typeof value.summary === 'string' &&
    Array.isArray(value.routes) &&
    Array.isArray(value.notes),
  compose: (value, language) =>
    localiseEligibility(value as unknown as EligibilityResult, language) as unknown as Record<string, unknown>,
};
